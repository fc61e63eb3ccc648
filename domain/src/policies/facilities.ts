import type { Role } from '../auth/roles';
import { type Actor, type Decision, decideByRole } from './scope';

/** Who keeps the register of facilities and prints their labels: the town's command center and admins. */
const MANAGERS: readonly Role[] = ['admin', 'center_operator'];
/** Who reads it, with how often each facility fills, to plan the truck's round. */
const READERS: readonly Role[] = [...MANAGERS, 'district_supervisor'];

export function authorizeFacilities(actor: Actor, action: 'read' | 'manage', unitPath: string): Decision {
  return decideByRole(actor, unitPath, action === 'read' ? READERS : MANAGERS);
}
