import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  areaOf,
  bboxOf,
  boundaryWithin,
  centroidOf,
  GeoBoundary,
  type GeoMultiPolygon,
  GeoPolygon,
  LatLng,
  locateDeepest,
  MAX_BOUNDARY_POSITIONS,
  pointInBoundary,
} from './geo';

function rect(minLng: number, minLat: number, maxLng: number, maxLat: number): GeoPolygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [minLng, minLat],
        [maxLng, minLat],
        [maxLng, maxLat],
        [minLng, maxLat],
        [minLng, minLat],
      ],
    ],
  };
}

const at = (lng: number, lat: number): LatLng => ({ lng, lat });

// An L: the unit square [0,2]² without its top-right quarter.
const ell: GeoPolygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ],
  ],
};

const squareWithHole: GeoPolygon = {
  type: 'Polygon',
  coordinates: [rect(0, 0, 4, 4).coordinates[0] ?? [], rect(1, 1, 3, 3).coordinates[0] ?? []],
};

describe('schemas', () => {
  it('accepts a closed polygon and a multipolygon', () => {
    expect(GeoBoundary.parse(rect(105.5, 29.3, 105.6, 29.4)).type).toBe('Polygon');
    const multi: GeoMultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [rect(0, 0, 1, 1).coordinates, rect(2, 2, 3, 3).coordinates],
    };
    expect(GeoBoundary.parse(multi).type).toBe('MultiPolygon');
  });

  it('rejects unclosed rings, short rings and out-of-range positions', () => {
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    };
    expect(GeoPolygon.safeParse(open).success).toBe(false);
    const short = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0, 0],
        ],
      ],
    };
    expect(GeoPolygon.safeParse(short).success).toBe(false);
    expect(GeoPolygon.safeParse(rect(179, 0, 181, 1)).success).toBe(false);
    expect(GeoPolygon.safeParse(rect(0, 89, 1, 91)).success).toBe(false);
    expect(GeoBoundary.safeParse({ type: 'Point', coordinates: [0, 0] }).success).toBe(false);
  });

  it('rejects boundaries with too many positions', () => {
    const ring: number[][] = [];
    for (let i = 0; i < MAX_BOUNDARY_POSITIONS; i++) {
      const t = (2 * Math.PI * i) / MAX_BOUNDARY_POSITIONS;
      ring.push([Math.cos(t), Math.sin(t)]);
    }
    ring.push([1, 0]);
    expect(GeoPolygon.safeParse({ type: 'Polygon', coordinates: [ring] }).success).toBe(false);
    const justEnough = [...ring.slice(0, MAX_BOUNDARY_POSITIONS - 1), [1, 0]];
    expect(GeoPolygon.safeParse({ type: 'Polygon', coordinates: [justEnough] }).success).toBe(true);
  });

  it('bounds LatLng', () => {
    expect(LatLng.safeParse({ lat: 29.4, lng: 105.59 }).success).toBe(true);
    expect(LatLng.safeParse({ lat: 91, lng: 0 }).success).toBe(false);
    expect(LatLng.safeParse({ lat: 0, lng: -181 }).success).toBe(false);
  });
});

describe('pointInBoundary', () => {
  it('handles a square, including its edges and corners', () => {
    const sq = rect(0, 0, 1, 1);
    expect(pointInBoundary(at(0.5, 0.5), sq)).toBe(true);
    expect(pointInBoundary(at(1.5, 0.5), sq)).toBe(false);
    expect(pointInBoundary(at(0.5, -0.01), sq)).toBe(false);
    expect(pointInBoundary(at(1, 0.5), sq)).toBe(true);
    expect(pointInBoundary(at(0, 0), sq)).toBe(true);
    expect(pointInBoundary(at(1, 1), sq)).toBe(true);
  });

  it('handles a concave polygon', () => {
    expect(pointInBoundary(at(0.5, 1.5), ell)).toBe(true);
    expect(pointInBoundary(at(1.5, 0.5), ell)).toBe(true);
    expect(pointInBoundary(at(1.5, 1.5), ell)).toBe(false);
    // A ray east from here passes through the notch: two crossings before the far side.
    expect(pointInBoundary(at(0.5, 1), ell)).toBe(true);
  });

  it('respects holes, counting the hole border as inside', () => {
    expect(pointInBoundary(at(0.5, 0.5), squareWithHole)).toBe(true);
    expect(pointInBoundary(at(2, 2), squareWithHole)).toBe(false);
    expect(pointInBoundary(at(1, 2), squareWithHole)).toBe(true);
    expect(pointInBoundary(at(3.5, 2), squareWithHole)).toBe(true);
  });

  it('does not depend on ring orientation', () => {
    const cw: GeoPolygon = {
      type: 'Polygon',
      coordinates: [[...(rect(0, 0, 1, 1).coordinates[0] ?? [])].reverse()],
    };
    expect(pointInBoundary(at(0.5, 0.5), cw)).toBe(true);
    expect(pointInBoundary(at(2, 0.5), cw)).toBe(false);
  });

  it('handles a multipolygon', () => {
    const multi: GeoMultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        rect(0, 0, 1, 1).coordinates,
        squareWithHole.coordinates.map((r) => r.map(([x = 0, y = 0]) => [x + 10, y])),
      ],
    };
    expect(pointInBoundary(at(0.5, 0.5), multi)).toBe(true);
    expect(pointInBoundary(at(10.5, 0.5), multi)).toBe(true);
    expect(pointInBoundary(at(12, 2), multi)).toBe(false);
    expect(pointInBoundary(at(5, 0.5), multi)).toBe(false);
  });
});

describe('bboxOf, areaOf and centroidOf', () => {
  it('computes the bounding box', () => {
    expect(bboxOf(ell)).toEqual({ minLng: 0, minLat: 0, maxLng: 2, maxLat: 2 });
  });

  it('computes areas with holes subtracted', () => {
    expect(areaOf(rect(0, 0, 2, 3))).toBeCloseTo(6, 12);
    expect(areaOf(ell)).toBeCloseTo(3, 12);
    expect(areaOf(squareWithHole)).toBeCloseTo(12, 12);
  });

  it('gives the area-weighted centroid', () => {
    const c = centroidOf(rect(105.5, 29.3, 105.7, 29.5));
    expect(c.lng).toBeCloseTo(105.6, 12);
    expect(c.lat).toBeCloseTo(29.4, 12);
    // Three unit squares at (0.5,0.5), (1.5,0.5), (0.5,1.5).
    const l = centroidOf(ell);
    expect(l.lng).toBeCloseTo(5 / 6, 12);
    expect(l.lat).toBeCloseTo(5 / 6, 12);
    const holed = centroidOf({
      type: 'Polygon',
      coordinates: [rect(0, 0, 4, 4).coordinates[0] ?? [], rect(2, 0, 4, 4).coordinates[0] ?? []],
    });
    expect(holed.lng).toBeCloseTo(1, 12);
    expect(holed.lat).toBeCloseTo(2, 12);
  });

  it('weights the parts of a multipolygon by area', () => {
    const c = centroidOf({
      type: 'MultiPolygon',
      coordinates: [rect(0, 0, 1, 1).coordinates, rect(3, 0, 5, 1).coordinates],
    });
    expect(c.lng).toBeCloseTo((0.5 * 1 + 4 * 2) / 3, 12);
    expect(c.lat).toBeCloseTo(0.5, 12);
  });

  it('falls back to the vertex mean for a degenerate polygon', () => {
    const flat: GeoPolygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [4, 0],
          [0, 0],
        ],
      ],
    };
    expect(centroidOf(flat)).toEqual({ lng: 2, lat: 0 });
  });

  it('stays precise for a tiny polygon far from the origin', () => {
    const c = centroidOf(rect(105.59, 29.4, 105.5900001, 29.4000001));
    expect(c.lng).toBeCloseTo(105.59000005, 10);
    expect(c.lat).toBeCloseTo(29.40000005, 10);
  });
});

describe('locateDeepest', () => {
  const units = [
    { id: 'district', depth: 0, boundary: rect(0, 0, 10, 10) },
    { id: 'town-a', depth: 1, boundary: rect(0, 0, 5, 10) },
    { id: 'town-b', depth: 1, boundary: rect(5, 0, 10, 10) },
    { id: 'village-a1', depth: 2, boundary: rect(0, 0, 5, 5) },
    { id: 'grid-a1', depth: 3, boundary: rect(0, 0, 2, 2) },
    { id: 'unmapped', depth: 4, boundary: null },
  ];

  it('picks the deepest unit containing the point', () => {
    expect(locateDeepest(at(1, 1), units)?.id).toBe('grid-a1');
    expect(locateDeepest(at(3, 1), units)?.id).toBe('village-a1');
    expect(locateDeepest(at(3, 7), units)?.id).toBe('town-a');
    expect(locateDeepest(at(7, 7), units)?.id).toBe('town-b');
  });

  it('returns null outside every unit', () => {
    expect(locateDeepest(at(11, 5), units)).toBeNull();
    expect(locateDeepest(at(1, 1), [])).toBeNull();
  });

  it('breaks depth ties by the smaller area, whatever the order', () => {
    const overlapping = [
      { id: 'big', depth: 4, boundary: rect(0, 0, 3, 3) },
      { id: 'small', depth: 4, boundary: rect(0.5, 0.5, 1.5, 1.5) },
    ];
    expect(locateDeepest(at(1, 1), overlapping)?.id).toBe('small');
    expect(locateDeepest(at(1, 1), [...overlapping].reverse())?.id).toBe('small');
    expect(locateDeepest(at(2, 2), overlapping)?.id).toBe('big');
  });
});

describe('boundaryWithin', () => {
  it('accepts children that share their parent border', () => {
    expect(boundaryWithin(rect(0, 0, 1, 1), rect(0, 0, 2, 2))).toBe(true);
    expect(boundaryWithin(rect(0, 0, 2, 2), rect(0, 0, 2, 2))).toBe(true);
  });

  it('rejects a child with a vertex outside', () => {
    expect(boundaryWithin(rect(1, 1, 3, 3), rect(0, 0, 2, 2))).toBe(false);
    expect(boundaryWithin(rect(1.2, 1.2, 1.8, 1.8), ell)).toBe(false);
  });
});

describe('tiling property', () => {
  // A k×m lattice over a district-sized box near Rongchang with jittered interior vertices shared by
  // neighbouring cells: every point of the box must land in at least one cell.
  const lattice = fc
    .record({ k: fc.integer({ min: 1, max: 6 }), m: fc.integer({ min: 1, max: 6 }) })
    .chain(({ k, m }) =>
      fc.record({
        k: fc.constant(k),
        m: fc.constant(m),
        jitter: fc.array(
          fc.tuple(
            fc.double({ min: -0.24, max: 0.24, noNaN: true }),
            fc.double({ min: -0.24, max: 0.24, noNaN: true }),
          ),
          {
            minLength: (k + 1) * (m + 1),
            maxLength: (k + 1) * (m + 1),
          },
        ),
      }),
    )
    .map(({ k, m, jitter }) => {
      const [x0, y0, w, h] = [105.34, 29.15, 0.5, 0.5];
      const vertex = (i: number, j: number): number[] => {
        const [jx = 0, jy = 0] = jitter[j * (k + 1) + i] ?? [];
        const u = i / k + (i > 0 && i < k ? jx / k : 0);
        const v = j / m + (j > 0 && j < m ? jy / m : 0);
        return [x0 + u * w, y0 + v * h];
      };
      const cells: GeoPolygon[] = [];
      for (let j = 0; j < m; j++) {
        for (let i = 0; i < k; i++) {
          const sw = vertex(i, j);
          cells.push({
            type: 'Polygon',
            coordinates: [[sw, vertex(i + 1, j), vertex(i + 1, j + 1), vertex(i, j + 1), sw]],
          });
        }
      }
      return { cells, vertex, k, m };
    });

  it('puts every point of the tiled box in at least one cell', () => {
    fc.assert(
      fc.property(
        lattice,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ cells }, u, v) => {
          const p = at(105.34 + u * 0.5, 29.15 + v * 0.5);
          return cells.some((c) => pointInBoundary(p, c));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('puts points on shared edges in at least one cell and cell centroids in exactly one', () => {
    fc.assert(
      fc.property(
        lattice,
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ cells, vertex, k, m }, pick, t) => {
          const i = pick % (k + 1);
          const j = Math.floor(pick / (k + 1)) % m;
          const [ax = 0, ay = 0] = vertex(i, j);
          const [bx = 0, by = 0] = vertex(i, j + 1);
          const onEdge = at(ax + t * (bx - ax), ay + t * (by - ay));
          if (!cells.some((c) => pointInBoundary(onEdge, c))) return false;
          return cells.every(
            (cell) => cells.filter((c) => pointInBoundary(centroidOf(cell), c)).length === 1,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
