import { AppError } from '@domain/errors/codes';
import { instantOf, type Period, periodOf, previousPeriod } from '@domain/leaderboard/periods';
import { mayReadLeaderboard, scopeFits } from '@domain/leaderboard/policy';
import type { Leaderboard, LeaderboardQuery } from '@domain/leaderboard/schemas';
import { type Actor, isWithin } from '@domain/policies/scope';
import type { Db } from '../db/client';
import { findUnit } from '../org/queries';
import { enforce } from '../platform/enforce';
import { boundHouseholdOf } from '../points/queries';
import { courtyardRows, householdRows, type ScopeUnit, villageRows } from './queries';

export function periodView(p: Period) {
  return { kind: p.kind, key: p.key, start: p.start.toISOString(), end: p.end.toISOString() };
}

/** The unit a board is scoped to, with the town its rows carry (a town is its own). */
export async function scopeUnit(db: Db, id: string): Promise<ScopeUnit | null> {
  const unit = await findUnit(db, id);
  if (!unit || unit.retiredAt) return null;
  return { id: unit.id, name: unit.name, kind: unit.kind, path: unit.path, townId: unit.townId ?? unit.id };
}

/** One board, read as the actor may see it: the community it ranks and the staff above it. */
export async function leaderboardFor(
  db: Db,
  actor: Actor,
  query: LeaderboardQuery,
  now = new Date(),
): Promise<Leaderboard> {
  const scope = await scopeUnit(db, query.scope);
  if (!scope) throw new AppError('NOT_FOUND');
  enforce(mayReadLeaderboard(actor, scope.path));
  if (!scopeFits(query.level, scope.kind)) throw new AppError('LEADERBOARD_SCOPE_MISMATCH');
  const at = query.at === undefined ? now : instantOf(query.at);
  if (!at) throw new AppError('VALIDATION_FAILED');
  const period = periodOf(query.period, at);
  const mineUnit = (path: string) => actor.grants.some((g) => isWithin(g.unitPath, path));
  let rows: Leaderboard['rows'];
  if (query.level === 'households') {
    const own = await boundHouseholdOf(db, actor.userId);
    rows = await householdRows(db, scope, period, (id) => id === own);
  } else if (query.level === 'courtyards') {
    rows = await courtyardRows(db, scope, period, mineUnit);
  } else {
    rows = await villageRows(db, scope, period, mineUnit);
  }
  return {
    level: query.level,
    scope: { id: scope.id, name: scope.name, kind: scope.kind },
    period: periodView(period),
    previousKey: previousPeriod(period).key,
    rows,
  };
}
