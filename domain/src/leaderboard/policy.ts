import type { Role } from '../auth/roles';
import { type Actor, type Decision, decideByRole, isWithin } from '../policies/scope';
import { type LeaderboardLevel, SCOPE_KINDS } from './schemas';

/**
 * 挂榜晾晒 is public to the community it ranks: anyone whose granted unit lies inside the board's
 * scope (a resident of the village reads its boards) or above it (staff over the area) reads it.
 * A board of another village or town is not found.
 */
export function mayReadLeaderboard(actor: Actor, scopePath: string): Decision {
  const related = actor.grants.some(
    (g) => isWithin(scopePath, g.unitPath) || isWithin(g.unitPath, scopePath),
  );
  return related ? 'allow' : 'not_found';
}

/** Who makes and revokes a village TV's board link: the staff who run the village's town. */
export const BOARD_KEEPERS: readonly Role[] = ['admin', 'center_operator'];

export function authorizeBoard(actor: Actor, villagePath: string): Decision {
  return decideByRole(actor, villagePath, BOARD_KEEPERS);
}

export function scopeFits(level: LeaderboardLevel, unitKind: string): boolean {
  return SCOPE_KINDS[level].includes(unitKind);
}
