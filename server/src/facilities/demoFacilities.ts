import { type GeoBoundary, type LatLng, pointInBoundary } from '@domain/org/geo';
import { and, asc, eq, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { facilities, orgUnits, roleGrants } from '../db/schema';
import { likePrefix } from '../org/paths';
import { newId } from '../platform/ids';

/** Where the demo's bins stand in each courtyard, as a cleaner would name the spot. */
const SPOTS = ['路口', '院坝', '村道边'] as const;

/**
 * The bins of 直升镇 万宝村 for the demo, the village whose 66 bins share one truck: one at each of a
 * few spots of every courtyard, each inside its courtyard's boundary, all in the care of the village's
 * cleaner. Without that village (a custom district) there is nothing to seed.
 */
export async function seedDemoFacilities(tx: Db): Promise<number> {
  const [village] = await tx
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'village'), eq(orgUnits.name, '万宝村')));
  if (!village?.townId) return 0;
  const [cleaner] = await tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, 'cleaner'), eq(roleGrants.unitId, village.id)));
  const yards = await tx
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'courtyard'), like(orgUnits.path, likePrefix(village.path))))
    .orderBy(asc(orgUnits.code));
  const rows: (typeof facilities.$inferInsert)[] = [];
  for (const yard of yards) {
    const boundary = yard.boundary as GeoBoundary | null;
    if (!boundary || yard.centerLat == null || yard.centerLng == null) continue;
    const center = { lat: yard.centerLat, lng: yard.centerLng };
    SPOTS.forEach((spot, i) => {
      const point = towardCorner(center, boundary, i);
      if (!pointInBoundary(point, boundary)) return;
      rows.push({
        id: newId(),
        townId: village.townId as string,
        code: `WB-BIN-${String(rows.length + 1).padStart(3, '0')}`,
        kind: 'bin',
        place: `${yard.name}${spot}`,
        unitId: yard.id,
        unitPath: yard.path,
        lat: point.lat,
        lng: point.lng,
        workerId: cleaner?.userId ?? null,
      });
    });
  }
  if (rows.length) await tx.insert(facilities).values(rows);
  return rows.length;
}

/** A point a third of the way from the courtyard's centre to one of its corners. */
function towardCorner(center: LatLng, boundary: GeoBoundary, i: number): LatLng {
  const ring = boundary.type === 'Polygon' ? boundary.coordinates[0] : boundary.coordinates[0]?.[0];
  const corner = ring?.[i % Math.max(1, ring.length - 1)];
  if (!corner) return center;
  const [lng, lat] = corner as [number, number];
  return { lat: center.lat + (lat - center.lat) / 3, lng: center.lng + (lng - center.lng) / 3 };
}
