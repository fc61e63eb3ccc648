import type { Role } from '../auth/roles';
import { type Actor, type Decision, decideByRole } from '../policies/scope';

/** Who keeps a village's or town's templates: the town's center and admins. */
export const TEMPLATE_KEEPERS: readonly Role[] = ['admin', 'center_operator'];
/** Who opens a courtyard's round, scores its households and publishes it: the head, the grid worker (the committee) and the center. */
export const EVALUATION_SCORERS: readonly Role[] = [
  'admin',
  'center_operator',
  'grid_worker',
  'courtyard_head',
];
/** Who reads rounds, drafts included, in their area. Residents read only their own published scorecards. */
export const EVALUATION_READERS: readonly Role[] = [
  ...EVALUATION_SCORERS,
  'district_supervisor',
  'post_staff',
];

export function authorizeEvaluation(actor: Actor, action: 'read' | 'score', courtyardPath: string): Decision {
  return decideByRole(actor, courtyardPath, action === 'read' ? EVALUATION_READERS : EVALUATION_SCORERS);
}

/**
 * A round's drafts are not for anyone who may not read rounds: a resident asking for their own
 * courtyard's round learns as little as someone outside it.
 */
export function authorizeRoundRead(actor: Actor, courtyardPath: string): Decision {
  return authorizeEvaluation(actor, 'read', courtyardPath) === 'allow' ? 'allow' : 'not_found';
}

export function authorizeTemplate(actor: Actor, unitPath: string): Decision {
  return decideByRole(actor, unitPath, TEMPLATE_KEEPERS);
}
