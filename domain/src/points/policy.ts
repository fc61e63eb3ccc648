import type { Role } from '../auth/roles';
import { type Actor, type Decision, decideByRole } from '../policies/scope';

/** Who may award by hand at all; a rule narrows it further to its own awarders. */
export const POINT_AWARDERS: readonly Role[] = ['admin', 'center_operator', 'grid_worker', 'courtyard_head'];
/** Who reads a household's balance and ledger in their area. */
export const POINT_READERS: readonly Role[] = [
  'admin',
  'district_supervisor',
  'center_operator',
  'post_staff',
  'grid_worker',
  'courtyard_head',
];
/** Who corrects a mistaken entry (a reversal) and sets the rules: the town's center and admins. */
export const POINT_KEEPERS: readonly Role[] = ['admin', 'center_operator'];

/** Org scope first, then the role: the actor's role reaching the household must be one the rule names. */
export function authorizeAward(
  actor: Actor,
  courtyardPath: string,
  ruleAwarders: readonly string[],
): Decision {
  const roles = POINT_AWARDERS.filter((r) => ruleAwarders.includes(r));
  return decideByRole(actor, courtyardPath, roles);
}

export function authorizePoints(actor: Actor, action: 'read' | 'keep', unitPath: string): Decision {
  return decideByRole(actor, unitPath, action === 'read' ? POINT_READERS : POINT_KEEPERS);
}
