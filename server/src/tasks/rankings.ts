import { AppError } from '@domain/errors/codes';
import { SECTOR_LABELS, type SectorKind } from '@domain/org/kinds';
import type { Actor } from '@domain/policies/scope';
import { type Period, parsePeriod, periodOf } from '@domain/tasks/periods';
import { authorizeTaskIssuing } from '@domain/tasks/policy';
import type { Ranking, RankingLevel } from '@domain/tasks/schemas';
import { type RankingInput, rank, rankingResult } from '@domain/tasks/scoring';
import { and, eq, gte, inArray, like, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits, sectors, taskAssignments, users } from '../db/schema';
import { likePrefix } from '../org/paths';
import { findUnit } from '../org/queries';
import { enforce } from '../platform/enforce';

/** The unit whose assignments are ranked; the caller has already checked that the actor may see it. */
export type RankedUnit = Pick<typeof orgUnits.$inferSelect, 'path' | 'townId'>;

/**
 * Rankings of grid workers, grids, villages or sectors over the assignments under a unit that fall
 * due in a period. Formulas: domain/src/tasks/scoring.ts and docs/tasks.md.
 */
export async function rankings(
  db: Db,
  actor: Actor,
  query: { level: RankingLevel; scope: string; period?: string | undefined },
  now = new Date(),
): Promise<Ranking> {
  const scope = await findUnit(db, query.scope);
  if (!scope || scope.retiredAt) enforce('not_found');
  const unit = scope as NonNullable<typeof scope>;
  enforce(authorizeTaskIssuing(actor, unit.path));
  const period = query.period ? parsePeriod(query.period) : periodOf('monthly', now);
  if (!period) throw new AppError('TASK_PERIOD_INVALID');
  const [ranking] = await rankingsUnder(db, unit, [query.level], period, now);
  return ranking as Ranking;
}

/**
 * The rankings at several levels of one unit and period, from one read of its assignments. A unit in
 * a town is read through (town_id, due_at), so the cost follows that town's tasks in the period and
 * not the rest of the database; only the district itself is read by path.
 */
export async function rankingsUnder(
  db: Db,
  unit: RankedUnit,
  levels: readonly RankingLevel[],
  period: Period,
  now: Date,
): Promise<Ranking[]> {
  const rows = await assignmentsDue(db, unit, period);
  return Promise.all(levels.map((level) => rankingOf(db, rows, level, period, now)));
}

function assignmentsDue(db: Db, unit: RankedUnit, period: Period) {
  const under = like(taskAssignments.unitPath, likePrefix(unit.path));
  return db
    .select({
      kind: taskAssignments.assigneeKind,
      status: taskAssignments.status,
      percent: taskAssignments.percent,
      dueAt: taskAssignments.dueAt,
      submittedAt: taskAssignments.submittedAt,
      submittedBy: taskAssignments.submittedBy,
      workerId: taskAssignments.workerId,
      gridId: taskAssignments.gridId,
      villageId: taskAssignments.villageId,
      sectorId: taskAssignments.sectorId,
    })
    .from(taskAssignments)
    .where(
      and(
        unit.townId ? and(eq(taskAssignments.townId, unit.townId), under) : under,
        gte(taskAssignments.dueAt, period.start),
        lt(taskAssignments.dueAt, period.end),
      ),
    );
}

type DueAssignment = Awaited<ReturnType<typeof assignmentsDue>>[number];

async function rankingOf(
  db: Db,
  rows: readonly DueAssignment[],
  level: RankingLevel,
  period: Period,
  now: Date,
): Promise<Ranking> {
  const keyOf = (r: DueAssignment): string | null => {
    switch (level) {
      case 'grid_workers':
        // A named worker's own task, or a grid's task credited to the worker who handed it in.
        return r.workerId ?? (r.kind === 'grid' ? r.submittedBy : null);
      case 'grids':
        return r.gridId;
      case 'villages':
        return r.villageId;
      case 'sectors':
        return r.sectorId;
    }
  };
  const groups = new Map<string, RankingInput>();
  for (const r of rows) {
    const key = keyOf(r);
    if (!key) continue;
    const g = groups.get(key) ?? { key, name: '', results: [], assigned: 0, settled: 0, onTime: 0 };
    const result = rankingResult({ status: r.status, percent: r.percent, dueAt: r.dueAt, now });
    g.results = result === null ? g.results : [...g.results, result];
    g.assigned += 1;
    if (r.submittedAt || r.dueAt.getTime() <= now.getTime()) g.settled += 1;
    if (r.submittedAt && r.submittedAt.getTime() <= r.dueAt.getTime()) g.onTime += 1;
    groups.set(key, g);
  }
  const names = await namesOf(db, level, [...groups.keys()]);
  for (const g of groups.values()) g.name = names.get(g.key) ?? '';
  return {
    level,
    period: { key: period.key, start: period.start.toISOString(), end: period.end.toISOString() },
    rows: rank([...groups.values()]),
  };
}

async function namesOf(db: Db, level: RankingLevel, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  if (level === 'grid_workers') {
    const rows = await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, keys));
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  if (level === 'sectors') {
    const rows = await db
      .select({ id: sectors.id, kind: sectors.kind, town: orgUnits.name })
      .from(sectors)
      .innerJoin(orgUnits, eq(orgUnits.id, sectors.townId))
      .where(inArray(sectors.id, keys));
    return new Map(rows.map((r) => [r.id, `${r.town} ${SECTOR_LABELS[r.kind as SectorKind].zh}`]));
  }
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(inArray(orgUnits.id, keys));
  return new Map(rows.map((r) => [r.id, r.name]));
}
