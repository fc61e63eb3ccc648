import { z } from 'zod';

/*
 * Plane geometry on raw degrees, GeoJSON order [lng, lat]. Units are at most a district wide, so the
 * distortion of treating degrees as a plane never changes which unit a point falls in; areas are in
 * square degrees and only ever compared with each other. Boundaries crossing the antimeridian are
 * not supported: no district does.
 */

/** Upper bound on positions per boundary, so one import cannot make every lookup slow. */
export const MAX_BOUNDARY_POSITIONS = 10_000;

/**
 * How far (in degrees, about 0.1 mm) a point may sit from an edge and still count as on it: generated
 * and imported vertices are interpolated along their parent's edges and carry rounding error.
 */
const EDGE_EPSILON = 1e-9;

const Lng = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);

export const LatLng = z.object({ lat: Lat, lng: Lng });
export type LatLng = z.infer<typeof LatLng>;

const Position = z
  .array(z.number())
  .min(2)
  .max(3)
  .refine(([lng = Number.NaN, lat = Number.NaN]) => Math.abs(lng) <= 180 && Math.abs(lat) <= 90, {
    message: 'position must be [lng, lat] with lng in [-180, 180] and lat in [-90, 90]',
  });

const LinearRing = z
  .array(Position)
  .min(4)
  .refine((ring) => samePosition(ring[0], ring[ring.length - 1]), {
    message: 'ring must be closed: its first and last positions must be equal',
  });

const PolygonRings = z.array(LinearRing).min(1);

const tooManyPositions = {
  message: `a boundary may have at most ${MAX_BOUNDARY_POSITIONS} positions`,
};

export const GeoPolygon = z
  .object({ type: z.literal('Polygon'), coordinates: PolygonRings })
  .refine((p) => countPositions([p.coordinates]) <= MAX_BOUNDARY_POSITIONS, tooManyPositions);
export type GeoPolygon = z.infer<typeof GeoPolygon>;

export const GeoMultiPolygon = z
  .object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonRings).min(1) })
  .refine((p) => countPositions(p.coordinates) <= MAX_BOUNDARY_POSITIONS, tooManyPositions);
export type GeoMultiPolygon = z.infer<typeof GeoMultiPolygon>;

export const GeoBoundary = z.discriminatedUnion('type', [GeoPolygon, GeoMultiPolygon]);
export type GeoBoundary = z.infer<typeof GeoBoundary>;

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

type Ring = readonly (readonly number[])[];
type Rings = readonly Ring[];

function samePosition(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

function countPositions(polygons: readonly Rings[]): number {
  let n = 0;
  for (const rings of polygons) for (const ring of rings) n += ring.length;
  return n;
}

function polygonsOf(boundary: GeoBoundary): readonly Rings[] {
  return boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
}

function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.abs(px - ax) <= EDGE_EPSILON && Math.abs(py - ay) <= EDGE_EPSILON;
  const tolerance = EDGE_EPSILON * len;
  if (Math.abs(dx * (py - ay) - dy * (px - ax)) > tolerance) return false;
  const along = (px - ax) * dx + (py - ay) * dy;
  return along >= -tolerance && along <= len * len + tolerance;
}

/**
 * Parity of the crossings of a ray cast east from (x, y) over the ring, or 'edge' when the point lies
 * on the ring. Edges are walked as if the ring were closed, so an unclosed ring is tolerated.
 */
function ringCrossings(ring: Ring, x: number, y: number): 0 | 1 | 'edge' {
  let odd: 0 | 1 = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i === 0 ? n - 1 : i - 1];
    const b = ring[i];
    if (!a || !b) continue;
    const [ax = 0, ay = 0] = a;
    const [bx = 0, by = 0] = b;
    if (onSegment(x, y, ax, ay, bx, by)) return 'edge';
    if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) odd = odd === 0 ? 1 : 0;
  }
  return odd;
}

/**
 * Even-odd over all rings, so holes need no special orientation. A point on any ring, a hole's
 * included, counts as inside: a shared border then belongs to both neighbours, and a point on it
 * is claimed twice rather than by nobody.
 */
function polygonContains(rings: Rings, x: number, y: number): boolean {
  let odd = 0;
  for (const ring of rings) {
    const c = ringCrossings(ring, x, y);
    if (c === 'edge') return true;
    odd ^= c;
  }
  return odd === 1;
}

export function pointInBoundary(point: LatLng, boundary: GeoBoundary): boolean {
  return polygonsOf(boundary).some((rings) => polygonContains(rings, point.lng, point.lat));
}

export function bboxOf(boundary: GeoBoundary): BBox {
  const box: BBox = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const rings of polygonsOf(boundary)) {
    for (const ring of rings) {
      for (const [lng = 0, lat = 0] of ring) {
        if (lng < box.minLng) box.minLng = lng;
        if (lng > box.maxLng) box.maxLng = lng;
        if (lat < box.minLat) box.minLat = lat;
        if (lat > box.maxLat) box.maxLat = lat;
      }
    }
  }
  return box;
}

interface Moments {
  area: number;
  mx: number;
  my: number;
}

/**
 * Shoelace sums relative to an origin near the shape: with raw coordinates around 105°E the cross
 * products are ~10^3 while a courtyard's area is ~10^-7, and precision would go to cancellation.
 */
function ringMoments(ring: Ring, ox: number, oy: number): Moments {
  let twiceArea = 0;
  let mx = 0;
  let my = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i === 0 ? n - 1 : i - 1];
    const b = ring[i];
    if (!a || !b) continue;
    const ax = (a[0] ?? 0) - ox;
    const ay = (a[1] ?? 0) - oy;
    const bx = (b[0] ?? 0) - ox;
    const by = (b[1] ?? 0) - oy;
    const cross = ax * by - bx * ay;
    twiceArea += cross;
    mx += (ax + bx) * cross;
    my += (ay + by) * cross;
  }
  return { area: twiceArea / 2, mx, my };
}

/**
 * Area and first moments with the first ring of each polygon counted positive and the rest (holes)
 * negative, whatever way the rings happen to wind.
 */
function boundaryMoments(boundary: GeoBoundary, ox: number, oy: number): Moments {
  const total: Moments = { area: 0, mx: 0, my: 0 };
  for (const rings of polygonsOf(boundary)) {
    rings.forEach((ring, i) => {
      const m = ringMoments(ring, ox, oy);
      const orientation = m.area < 0 ? -1 : 1;
      const role = i === 0 ? 1 : -1;
      total.area += role * Math.abs(m.area);
      total.mx += role * orientation * m.mx;
      total.my += role * orientation * m.my;
    });
  }
  return total;
}

function firstPosition(boundary: GeoBoundary): readonly number[] | undefined {
  return polygonsOf(boundary)[0]?.[0]?.[0];
}

/** Area in square degrees (holes subtracted); only meaningful for comparing nearby units. */
export function areaOf(boundary: GeoBoundary): number {
  const origin = firstPosition(boundary);
  if (!origin) return 0;
  return Math.max(0, boundaryMoments(boundary, origin[0] ?? 0, origin[1] ?? 0).area);
}

/** Below this many square degrees (~10^-5 m²) a shape has no usable area-weighted centroid. */
const DEGENERATE_AREA = 1e-15;

export function centroidOf(boundary: GeoBoundary): LatLng {
  const origin = firstPosition(boundary);
  if (!origin) throw new RangeError('boundary has no positions');
  const ox = origin[0] ?? 0;
  const oy = origin[1] ?? 0;
  const m = boundaryMoments(boundary, ox, oy);
  if (m.area > DEGENERATE_AREA) {
    return { lng: ox + m.mx / (6 * m.area), lat: oy + m.my / (6 * m.area) };
  }
  return vertexMean(boundary);
}

function vertexMean(boundary: GeoBoundary): LatLng {
  let sumLng = 0;
  let sumLat = 0;
  let n = 0;
  for (const rings of polygonsOf(boundary)) {
    for (const ring of rings) {
      // The closing position repeats the first and would weigh it twice.
      const last =
        samePosition(ring[0], ring[ring.length - 1]) && ring.length > 1 ? ring.length - 1 : ring.length;
      for (let i = 0; i < last; i++) {
        sumLng += ring[i]?.[0] ?? 0;
        sumLat += ring[i]?.[1] ?? 0;
        n++;
      }
    }
  }
  return { lng: sumLng / n, lat: sumLat / n };
}

/**
 * The most specific unit containing the point: deepest first, then the smallest, so that a courtyard
 * drawn over a neighbour's corner still wins over it; equal areas fall back to id for a stable answer.
 * Units without a boundary are skipped. Callers prefilter by bounding box; this scans linearly.
 */
export function locateDeepest<T extends { id: string; depth: number; boundary: GeoBoundary | null }>(
  point: LatLng,
  units: readonly T[],
): T | null {
  let best: T | null = null;
  let bestArea = Infinity;
  for (const unit of units) {
    if (!unit.boundary) continue;
    if (best && unit.depth < best.depth) continue;
    if (!pointInBoundary(point, unit.boundary)) continue;
    const area = areaOf(unit.boundary);
    const better =
      !best || unit.depth > best.depth || area < bestArea || (area === bestArea && unit.id < best.id);
    if (better) {
      best = unit;
      bestArea = area;
    }
  }
  return best;
}

/**
 * Whether every vertex of `inner` lies in `outer` (borders included). Only vertices are checked, so an
 * edge may still cut across a concave corner of `outer`; good enough to warn on import, not to reject.
 */
export function boundaryWithin(inner: GeoBoundary, outer: GeoBoundary): boolean {
  for (const rings of polygonsOf(inner)) {
    for (const ring of rings) {
      for (const [lng = Number.NaN, lat = Number.NaN] of ring) {
        if (!pointInBoundary({ lng, lat }, outer)) return false;
      }
    }
  }
  return true;
}
