import { ASK_ACTIONS, type AskAction, type AskStatus, canAskTransition, isHeadAction } from '../asks/states';
import type { Role } from '../auth/roles';
import { type Actor, type Decision, isWithin } from './scope';

/** What the policy needs to know of an ask; the server builds it from the row. */
export interface AskTarget {
  status: AskStatus;
  residentId: string;
  courtyardPath: string;
}

/** A step the state does not allow is a conflict (409), distinct from a role that may not take it (403). */
export type AskDecision = Decision | 'conflict';

/**
 * Staff who oversee the town, and the grid worker of the grid, read a courtyard's asks; the courtyard's
 * head reads and acts on them. A quarrel between neighbours is private: nobody else learns it exists.
 */
const AREA_READERS: readonly Role[] = [
  'admin',
  'district_supervisor',
  'center_operator',
  'grid_worker',
  'courtyard_head',
];

function holds(actor: Actor, roles: readonly Role[], path: string): boolean {
  return actor.grants.some((g) => roles.includes(g.role) && isWithin(path, g.unitPath));
}

export function canReadAsk(actor: Actor, a: AskTarget): boolean {
  return a.residentId === actor.userId || holds(actor, AREA_READERS, a.courtyardPath);
}

/** The head of this very courtyard: a head granted on a village or town would not be a courtyard's head. */
export function isHeadOf(actor: Actor, courtyardPath: string): boolean {
  return actor.grants.some((g) => g.role === 'courtyard_head' && g.unitPath === courtyardPath);
}

export function authorizeAsk(actor: Actor, action: AskAction, a: AskTarget): AskDecision {
  if (!canReadAsk(actor, a)) return 'not_found';
  const mayAct = isHeadAction(action) ? isHeadOf(actor, a.courtyardPath) : a.residentId === actor.userId;
  if (!mayAct) return 'forbidden';
  return canAskTransition(a.status, action) ? 'allow' : 'conflict';
}

/** The steps this actor may take now: the buttons the phone shows. */
export function allowedAskActions(actor: Actor, a: AskTarget): AskAction[] {
  return ASK_ACTIONS.filter((action) => authorizeAsk(actor, action, a) === 'allow');
}
