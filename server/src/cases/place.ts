import { AppError } from '@domain/errors/codes';
import { type GeoBoundary, type LatLng, locateDeepest } from '@domain/org/geo';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
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

interface CandidateRow {
  ord: number | string;
  id: string;
  path: string;
  depth: number;
  town_id: string | null;
  center_lat: number | null;
  center_lng: number | null;
  boundary: GeoBoundary | string | null;
}

/**
 * Where each case belongs: the deepest live unit holding its point (or the unit picked by hand). One
 * statement for many cases: for each point, the units whose bounding box holds it (the polygon test is
 * ours, in domain/); for each picked unit, that unit. An unplaceable case gets its error, not the rest.
 */
export async function placeCases(
  database: Database,
  wheres: readonly Where[],
): Promise<(Placement | AppError)[]> {
  const asked = wheres.map((w) => ({
    unitId: w.point ? null : (w.unitId ?? null),
    lat: w.point?.lat ?? null,
    lng: w.point?.lng ?? null,
  }));
  const rows = asked.some((a) => a.unitId || a.lat != null)
    ? await database.prepared<CandidateRow>(
        'place_cases',
        sql`
          select asked.ord, u.id, u.path, u.depth, u.town_id, u.center_lat, u.center_lng, u.boundary
          from unnest(
            ${sql.param(asked.map((a) => a.unitId))}::uuid[],
            ${sql.param(asked.map((a) => a.lat))}::float8[],
            ${sql.param(asked.map((a) => a.lng))}::float8[]
          ) with ordinality as asked(unit_id, lat, lng, ord)
          cross join lateral (
            select id, path, depth, town_id, center_lat, center_lng, null::jsonb as boundary
            from org_units where id = asked.unit_id and retired_at is null
            union all
            select id, path, depth, town_id, center_lat, center_lng, boundary
            from org_units
            where asked.lat is not null and min_lng <= asked.lng and max_lng >= asked.lng
              and min_lat <= asked.lat and max_lat >= asked.lat and retired_at is null
          ) u
        `,
      )
    : [];
  const byOrd = new Map<number, CandidateRow[]>();
  for (const row of rows) {
    const ord = Number(row.ord);
    byOrd.set(ord, [...(byOrd.get(ord) ?? []), row]);
  }
  return wheres.map((where, i) => {
    if (!where.point && !where.unitId) return new AppError('CASE_PLACE_REQUIRED');
    const candidates = (byOrd.get(i + 1) ?? []).map(toPlaced);
    const unit = where.point ? locateDeepest(where.point, candidates) : candidates[0];
    return unit ? placementIn(unit) : new AppError('CASE_OUTSIDE_AREA');
  });
}

function toPlaced(row: CandidateRow): PlacedUnit & { boundary: GeoBoundary | null } {
  return {
    id: row.id,
    path: row.path,
    depth: row.depth,
    townId: row.town_id,
    centerLat: row.center_lat,
    centerLng: row.center_lng,
    // node-postgres parses jsonb; PGlite may hand it over as text.
    boundary: typeof row.boundary === 'string' ? (JSON.parse(row.boundary) as GeoBoundary) : row.boundary,
  };
}

function placementIn(unit: PlacedUnit): Placement | AppError {
  if (!unit.townId || unit.depth < 1) return new AppError('CASE_OUTSIDE_AREA');
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
