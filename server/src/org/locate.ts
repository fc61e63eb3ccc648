import { type GeoBoundary, type LatLng, locateDeepest, pointInBoundary } from '@domain/org/geo';
import { authorizeOrg } from '@domain/policies/org';
import type { Actor } from '@domain/policies/scope';
import { and, gte, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema';
import type { UnitRow } from './queries';

/**
 * The units whose boundary holds a point, top to bottom, as far as the actor may see. SQL narrows
 * to bounding boxes; the exact test is the pure function from domain/, identical on both databases.
 */
export async function locatePoint(db: Db, actor: Actor, point: LatLng): Promise<UnitRow[]> {
  const candidates = await db
    .select()
    .from(orgUnits)
    .where(
      and(
        isNull(orgUnits.retiredAt),
        lte(orgUnits.minLng, point.lng),
        gte(orgUnits.maxLng, point.lng),
        lte(orgUnits.minLat, point.lat),
        gte(orgUnits.maxLat, point.lat),
      ),
    );
  const visible = candidates.filter((u) => authorizeOrg(actor, 'read', u) === 'allow');
  const containing = visible.filter((u) => pointInBoundary(point, u.boundary as GeoBoundary));
  const deepest = locateDeepest(
    point,
    containing.map((u) => ({ ...u, boundary: u.boundary as GeoBoundary })),
  );
  if (!deepest) return [];
  return containing.filter((u) => deepest.path.startsWith(u.path)).sort((a, b) => a.depth - b.depth);
}
