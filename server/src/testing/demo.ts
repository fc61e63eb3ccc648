import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema';

/** Demo logins by what they are, so tests read as the people they stand for. */
export const DEMO = {
  admin: '13800000001',
  districtSupervisor: '13800000002',
  zhisheng: {
    operator: '13800000003',
    postStaff: '13800000004',
    gridWorker: '13800000005',
    courtyardHead: '13800000006',
    partyMember: '13800000007',
    resident: '13800000008',
    cleaner: '13800000009',
  },
  guangshun: { operator: '13800000010', gridWorker: '13800000012' },
} as const;

/** A live demo unit by its (district-unique) name or code. */
export async function unitNamed(db: Db, nameOrCode: string) {
  const rows = await db
    .select()
    .from(orgUnits)
    .where(
      and(isNull(orgUnits.retiredAt), eq(/^\d/.test(nameOrCode) ? orgUnits.code : orgUnits.name, nameOrCode)),
    );
  if (rows.length !== 1) throw new Error(`expected one unit ${nameOrCode}, found ${rows.length}`);
  return rows[0] as typeof orgUnits.$inferSelect;
}
