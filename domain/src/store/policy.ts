import type { Role } from '../auth/roles';
import { type Actor, type Decision, decideByRole } from '../policies/scope';

/** Who stocks a village's store and hands goods over: the town's center, admins and the grid worker. */
export const STORE_KEEPERS: readonly Role[] = ['admin', 'center_operator', 'grid_worker'];

export function authorizeStore(actor: Actor, unitPath: string): Decision {
  return decideByRole(actor, unitPath, STORE_KEEPERS);
}

/** A redemption moves only from held: to confirmed when handed over, to cancelled when released. */
export function redemptionMayMove(status: string): boolean {
  return status === 'held';
}
