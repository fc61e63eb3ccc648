import type { Role } from '../auth/roles';
import { type Actor, type Decision, decideByRole } from '../policies/scope';

/** Who reads the census of the units they are granted: masked, always. */
export const REGISTRY_READERS: readonly Role[] = [
  'admin',
  'district_supervisor',
  'center_operator',
  'post_staff',
  'grid_worker',
  'courtyard_head',
];
/** Who keeps the census: the grid worker on the phone, the center and admins in the console. */
export const REGISTRY_KEEPERS: readonly Role[] = ['admin', 'center_operator', 'grid_worker'];
/**
 * Whose work needs a full ID number or phone now and then (calling a resident, checking a
 * subsidy): they may reveal one, with a reason, and every reveal is written down.
 */
export const REGISTRY_REVEALERS: readonly Role[] = ['admin', 'center_operator', 'grid_worker'];
/** Who sees and rotates a courtyard's invite code and approves a resident's request to be bound. */
export const REGISTRY_BINDERS: readonly Role[] = [
  'admin',
  'center_operator',
  'grid_worker',
  'courtyard_head',
];
/** Who reads the log of reveals: admins only, as the PIPL audit trail of full reads. */
export const REGISTRY_AUDITORS: readonly Role[] = ['admin'];

export type RegistryAction = 'read' | 'keep' | 'reveal' | 'bind' | 'audit';

const ROLES_FOR: Record<RegistryAction, readonly Role[]> = {
  read: REGISTRY_READERS,
  keep: REGISTRY_KEEPERS,
  reveal: REGISTRY_REVEALERS,
  bind: REGISTRY_BINDERS,
  audit: REGISTRY_AUDITORS,
};

/** The org-scope check first (outside every granted subtree is not found), then the role. */
export function authorizeRegistry(actor: Actor, action: RegistryAction, unitPath: string): Decision {
  return decideByRole(actor, unitPath, ROLES_FOR[action]);
}
