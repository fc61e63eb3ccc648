import type { Role } from '@domain/auth/roles';
import type { LeadCandidate } from '@domain/cases/schemas';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { roleGrants, users } from '../db/schema';
import { districtIdOfPath } from '../org/paths';
import type { CaseRow } from './queries';

/**
 * Who may lead a complex case by name (党工委牵头) instead of a post: the people serving the case's
 * town or its district themselves, such as the town's leaders and the district's supervisors.
 */
export async function leadCandidates(
  db: Db,
  c: Pick<CaseRow, 'townId' | 'unitPath'>,
  onlyUserId?: string,
): Promise<LeadCandidate[]> {
  const districtId = districtIdOfPath(c.unitPath);
  const rows = await db
    .select({ id: users.id, name: users.name, role: roleGrants.role, unitId: roleGrants.unitId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(
      and(
        inArray(roleGrants.unitId, [c.townId, districtId]),
        isNull(users.disabledAt),
        onlyUserId ? eq(users.id, onlyUserId) : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
  const byUser = new Map<string, LeadCandidate>();
  for (const row of rows) {
    const person = byUser.get(row.id) ?? {
      id: row.id,
      name: row.name,
      roles: [],
      level: row.unitId === districtId ? 'district' : 'town',
    };
    if (!person.roles.includes(row.role as Role)) person.roles.push(row.role as Role);
    byUser.set(row.id, person);
  }
  return [...byUser.values()];
}
