import { and, asc, eq, gt, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { households, orgUnits, residents } from '../db/schema';
import { likePrefix } from '../org/paths';
import { toResidentView } from './queries';
import type { ExportRow } from './rosterWorkbook';

const EXPORT_PAGE = 1000;

/** Every resident under a unit, a page at a time in a stable order, masked as every list is. */
export async function* registryPages(db: Db, unitPath: string): AsyncGenerator<ExportRow[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({ resident: residents, address: households.address, courtyard: orgUnits.name })
      .from(residents)
      .innerJoin(households, eq(households.id, residents.householdId))
      .innerJoin(orgUnits, eq(orgUnits.id, households.courtyardId))
      .where(
        and(like(households.unitPath, likePrefix(unitPath)), after ? gt(residents.id, after) : undefined),
      )
      .orderBy(asc(residents.id))
      .limit(EXPORT_PAGE);
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      courtyard: r.courtyard,
      address: r.address,
      resident: toResidentView(r.resident),
    }));
    after = (rows.at(-1) as (typeof rows)[number]).resident.id;
  }
}
