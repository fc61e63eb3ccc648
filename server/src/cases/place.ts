import { AppError } from '@domain/errors/codes';
import { type GeoBoundary, type LatLng, locateDeepest } from '@domain/org/geo';
import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema';
import { idsOfPath } from '../org/paths';
import type { UnitRow } from '../org/queries';

export interface Placement {
  unit: UnitRow;
  townId: string;
  villageId: string | null;
  gridId: string | null;
  courtyardId: string | null;
}

/** Where a case belongs: the deepest live unit holding its point (or the unit picked by hand). */
export async function placeCase(
  db: Db,
  where: { point?: LatLng | undefined; unitId?: string | undefined },
): Promise<Placement> {
  let unit: UnitRow | undefined;
  if (where.point) {
    const { lat, lng } = where.point;
    const candidates = await db
      .select()
      .from(orgUnits)
      .where(
        and(
          isNull(orgUnits.retiredAt),
          lte(orgUnits.minLng, lng),
          gte(orgUnits.maxLng, lng),
          lte(orgUnits.minLat, lat),
          gte(orgUnits.maxLat, lat),
        ),
      );
    unit =
      locateDeepest(
        where.point,
        candidates.map((c) => ({ ...c, boundary: c.boundary as GeoBoundary | null })),
      ) ?? undefined;
  } else if (where.unitId) {
    [unit] = await db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.id, where.unitId), isNull(orgUnits.retiredAt)));
  } else {
    throw new AppError('CASE_PLACE_REQUIRED');
  }
  if (!unit?.townId || unit.depth < 1) throw new AppError('CASE_OUTSIDE_AREA');
  // Depth tells the level: 0 district, 1 town, 2 village, 3 grid, 4 courtyard.
  const ids = idsOfPath(unit.path);
  return {
    unit,
    townId: unit.townId,
    villageId: ids[2] ?? null,
    gridId: ids[3] ?? null,
    courtyardId: ids[4] ?? null,
  };
}
