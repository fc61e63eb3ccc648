import type { Role } from '../auth/roles';
import {
  CASE_ACTIONS,
  type CaseAction,
  type CaseStatus,
  canTransition,
  OBJECTION_WINDOW_DAYS,
} from '../cases/states';
import type { MatterLevel } from '../matters/schemas';
import { type Actor, type Decision, isWithin } from './scope';

/** What the policy needs to know of a case; the server builds it from the row, the UI never does. */
export interface CaseTarget {
  status: CaseStatus;
  reporterId: string;
  /** People whose own report of the same facility joined this case: they follow it, not act on it. */
  alsoReporterIds: readonly string[];
  townPath: string;
  /** Path of the deepest unit the case lies in: its courtyard, else its grid, village or town. */
  unitPath: string;
  /** Path of the case's grid, null when it lies outside every grid. */
  gridPath: string | null;
  matterLevel: MatterLevel;
  leadPostId: string | null;
  assistPostIds: readonly string[];
  /** A named lead person (党工委牵头) who answers for the case instead of a post. */
  leadUserId: string | null;
  whistled: boolean;
  checkedInPostIds: readonly string[];
  paused: boolean;
  closedAt: Date | null;
  rated: boolean;
}

/** A state that does not allow the action is a conflict (409), distinct from a role that does not (403). */
export type CaseDecision = Decision | 'conflict';

const CENTER_ROLES: readonly Role[] = ['center_operator', 'admin'];
const OVERSEER_ROLES: readonly Role[] = ['center_operator', 'admin', 'district_supervisor'];
/** Roles that read every case in their area, not only the ones they report or are assigned. */
export const AREA_READER_ROLES: readonly Role[] = [...OVERSEER_ROLES, 'grid_worker', 'courtyard_head'];

function holds(actor: Actor, roles: readonly Role[], path: string): boolean {
  return actor.grants.some((g) => roles.includes(g.role) && isWithin(path, g.unitPath));
}

/** Grants above the town: the district that an escalated case goes to. */
function holdsAboveTown(actor: Actor, roles: readonly Role[], townPath: string): boolean {
  return actor.grants.some(
    (g) => roles.includes(g.role) && g.unitPath !== townPath && isWithin(townPath, g.unitPath),
  );
}

function staffsPost(actor: Actor, c: CaseTarget, postIds: readonly (string | null)[]): boolean {
  return actor.grants.some(
    (g) =>
      g.role === 'post_staff' && !!g.postId && postIds.includes(g.postId) && isWithin(c.townPath, g.unitPath),
  );
}

function isLead(actor: Actor, c: CaseTarget): boolean {
  return c.leadUserId === actor.userId || staffsPost(actor, c, [c.leadPostId]);
}

function isGridWorkerOf(actor: Actor, c: CaseTarget): boolean {
  return !!c.gridPath && holds(actor, ['grid_worker'], c.gridPath);
}

/** Who may see a case at all. Anyone else is told it does not exist. */
export function canReadCase(actor: Actor, c: CaseTarget): boolean {
  return (
    c.reporterId === actor.userId ||
    c.alsoReporterIds.includes(actor.userId) ||
    holds(actor, AREA_READER_ROLES, c.unitPath) ||
    isLead(actor, c) ||
    staffsPost(actor, c, c.assistPostIds)
  );
}

/** Who watches a unit's cases as a whole: its KPI panel and its live feed. */
export function canOverseeUnit(actor: Actor, unitPath: string): boolean {
  return holds(actor, OVERSEER_ROLES, unitPath);
}

/** Whether the actor's role and relation to the case let them take the action, whatever its state. */
function roleAllows(actor: Actor, action: CaseAction, c: CaseTarget): boolean {
  const center = holds(actor, CENTER_ROLES, c.townPath);
  switch (action) {
    case 'accept':
    case 'reject':
    case 'dispatch':
    case 'close':
    case 'escalate':
      return center;
    case 'pause':
    case 'resume':
      return center || isLead(actor, c);
    case 'return':
    case 'resolve':
      return isLead(actor, c);
    case 'handle':
      return isLead(actor, c) || staffsPost(actor, c, c.assistPostIds);
    case 'check_in':
      return staffsPost(actor, c, [c.leadPostId, ...c.assistPostIds]);
    case 'verify':
    case 'rework':
      // Without a grid there is no grid worker to go and look; the center checks instead.
      return c.gridPath ? isGridWorkerOf(actor, c) : center;
    case 'rate':
    case 'object':
      return c.reporterId === actor.userId;
    case 'instruct':
      return holdsAboveTown(actor, ['district_supervisor', 'admin'], c.townPath);
    case 'settle':
      return c.matterLevel === 'grid' && isGridWorkerOf(actor, c);
    case 'whistle':
      return isGridWorkerOf(actor, c) || center;
  }
}

/** Whether the case, as it stands, admits the action: its status, and the few facts beside it. */
function stateAllows(actor: Actor, action: CaseAction, c: CaseTarget, now: Date): boolean {
  if (!canTransition(c.status, action)) return false;
  switch (action) {
    case 'pause':
      return !c.paused;
    case 'resume':
      return c.paused;
    case 'rate':
      return !c.rated;
    case 'object':
      return !!c.closedAt && now.getTime() - c.closedAt.getTime() <= OBJECTION_WINDOW_DAYS * 24 * 3600_000;
    case 'check_in':
      return (
        c.whistled &&
        actor.grants.some(
          (g) =>
            g.role === 'post_staff' &&
            !!g.postId &&
            [c.leadPostId, ...c.assistPostIds].includes(g.postId) &&
            !c.checkedInPostIds.includes(g.postId),
        )
      );
    default:
      return true;
  }
}

export function authorizeCase(actor: Actor, action: CaseAction, c: CaseTarget, now: Date): CaseDecision {
  if (!canReadCase(actor, c)) return 'not_found';
  if (!roleAllows(actor, action, c)) return 'forbidden';
  return stateAllows(actor, action, c, now) ? 'allow' : 'conflict';
}

/** The actions to offer on a case: the server sends these and the UI shows exactly these. */
export function allowedCaseActions(actor: Actor, c: CaseTarget, now: Date): CaseAction[] {
  return CASE_ACTIONS.filter((a) => authorizeCase(actor, a, c, now) === 'allow');
}
