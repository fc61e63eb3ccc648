import type { Role } from '../auth/roles';
import { type Actor, type Decision, decideByRole, isWithin } from '../policies/scope';
import { TASK_ISSUERS } from '../tasks/policy';

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

/**
 * Which unit issues a visit's follow-up tasks, given the visited unit's town path (`/<district>/<town>/`):
 * the town when the visitor issues tasks as one of its officials, the district when they do so from
 * above it (a district official's follow-up is the district's task). Null when the visitor may not
 * issue tasks there (post staff): they record the visit without follow-up tasks.
 */
export function followUpIssuerId(actor: Actor, townPath: string): string | null {
  const issuing = actor.grants.filter((g) => TASK_ISSUERS.includes(g.role) && isWithin(townPath, g.unitPath));
  if (issuing.length === 0) return null;
  const [, districtId, townId] = townPath.split('/');
  return (issuing.some((g) => g.unitPath === townPath) ? townId : districtId) ?? null;
}
