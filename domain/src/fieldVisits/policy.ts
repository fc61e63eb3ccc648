import type { Role } from '../auth/roles';
import { type Actor, type Decision, decideByRole } from '../policies/scope';

/** Officials who go down to villages and grids (蹲点指导) and record it: district, town and post staff. */
export const FIELD_VISITORS: readonly Role[] = [
  'admin',
  'district_supervisor',
  'center_operator',
  'post_staff',
];

export function authorizeFieldVisits(actor: Actor, unitPath: string): Decision {
  return decideByRole(actor, unitPath, FIELD_VISITORS);
}
