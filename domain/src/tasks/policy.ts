import type { Role } from '../auth/roles';
import { type Actor, type Decision, decideByRole, isWithin } from '../policies/scope';

/** Who issues tasks and reviews what comes back: the district and the town's command center. */
export const TASK_ISSUERS: readonly Role[] = ['admin', 'district_supervisor', 'center_operator'];

/** Issuing, listing and reviewing: the issuing unit (or the target) must lie in the issuer's area. */
export function authorizeTaskIssuing(actor: Actor, unitPath: string): Decision {
  return decideByRole(actor, unitPath, TASK_ISSUERS);
}

/**
 * Who fulfils an assignment, by what it was addressed to:
 * - a named grid worker: that person;
 * - a grid: a grid worker holding that grid;
 * - a village: a grid worker of any of its grids (the village committee's staff are its grid workers);
 * - a sector: post staff of any post of that sector; a post: its post staff.
 */
export interface AssignmentTarget {
  kind: 'sector' | 'post' | 'village' | 'grid' | 'grid_worker';
  /** Path of the unit it lies at: the grid, village, or (for sectors and posts) the town. */
  unitPath: string;
  workerId: string | null;
  sectorPostIds: readonly string[];
  postId: string | null;
}

export function isFulfiller(actor: Actor, a: AssignmentTarget): boolean {
  switch (a.kind) {
    case 'grid_worker':
      return actor.userId === a.workerId;
    case 'grid':
    case 'village':
      return actor.grants.some((g) => g.role === 'grid_worker' && isWithin(g.unitPath, a.unitPath));
    case 'sector':
      return actor.grants.some(
        (g) =>
          g.role === 'post_staff' && g.unitPath === a.unitPath && a.sectorPostIds.includes(g.postId ?? ''),
      );
    case 'post':
      return actor.grants.some(
        (g) => g.role === 'post_staff' && g.unitPath === a.unitPath && g.postId === a.postId,
      );
  }
}

/**
 * Reading an assignment: its fulfillers, and the issuers whose area holds it. Anyone else is told it
 * does not exist.
 */
export function authorizeAssignmentReading(actor: Actor, a: AssignmentTarget): Decision {
  if (isFulfiller(actor, a)) return 'allow';
  return authorizeTaskIssuing(actor, a.unitPath) === 'allow' ? 'allow' : 'not_found';
}

export const TASK_ASSIGNEE_ROLES: readonly Role[] = ['grid_worker', 'post_staff'];
