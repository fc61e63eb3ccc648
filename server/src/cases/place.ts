import { AppError } from '@domain/errors/codes';
import { type GeoBoundary, type LatLng, locateDeepest } from '@domain/org/geo';
import { idsOfPath } from '../org/paths';

/** What placing a case needs of its unit. */
export interface PlacedUnit {
  id: string;
  path: string;
  depth: number;
  townId: string | null;
  centerLat: number | null;
  centerLng: number | null;
}

export interface Placement {
  unit: PlacedUnit;
  townId: string;
  villageId: string | null;
  gridId: string | null;
  courtyardId: string | null;
}

export type Where = { point?: LatLng | undefined; unitId?: string | undefined };

/**
 * Where a case belongs, among the units read for it: the deepest live unit holding its point (those
 * whose bounding box holds it, tested against their polygons here), or else the unit picked by hand.
 */
export function placeAmong(
  where: Where,
  candidates: readonly (PlacedUnit & { boundary: GeoBoundary | null })[],
): Placement | AppError {
  if (!where.point && !where.unitId) return new AppError('CASE_PLACE_REQUIRED');
  const unit = where.point ? locateDeepest(where.point, candidates) : candidates[0];
  if (!unit?.townId || unit.depth < 1) return new AppError('CASE_OUTSIDE_AREA');
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
