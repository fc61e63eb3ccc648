import type { CaseMap } from '@domain/cases/schemas';
import { CASE_STATUS_LABELS } from '@domain/cases/states';
import { memo, useMemo } from 'react';
import { useI18n } from '../i18n';

type Ring = number[][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
type Project = (lng: number, lat: number) => readonly [number, number];

function rings(g: unknown): Ring[] {
  const geo = g as Geometry;
  if (geo?.type === 'Polygon') return geo.coordinates;
  if (geo?.type === 'MultiPolygon') return geo.coordinates.flat();
  return [];
}

/** Fits the areas (and any point outside them) into the box; equirectangular, squeezed by cos(latitude). */
function projector(map: CaseMap, width: number, height: number): Project | null {
  const points = [
    ...map.areas.flatMap((a) => rings(a.boundary).flat()),
    ...map.cases.map((c) => [c.lng, c.lat]),
  ];
  if (points.length === 0) return null;
  let [minLng, maxLng, minLat, maxLat] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [lng, lat] of points as [number, number][]) {
    minLng = Math.min(minLng, lng);
    maxLng = Math.max(maxLng, lng);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const pad = 24;
  const scale = Math.min(
    (width - 2 * pad) / Math.max((maxLng - minLng) * k, 1e-9),
    (height - 2 * pad) / Math.max(maxLat - minLat, 1e-9),
  );
  const dx = (width - (maxLng - minLng) * k * scale) / 2;
  const dy = (height - (maxLat - minLat) * scale) / 2;
  return (lng, lat) => [(lng - minLng) * k * scale + dx, (maxLat - lat) * scale + dy] as const;
}

/**
 * The outlines: drawn once per unit and kept while only the points change, since a town's
 * boundaries are the heaviest part of the picture and never move between two refreshes.
 */
const Areas = memo(function Areas({
  areas,
  unitId,
  project,
}: {
  areas: CaseMap['areas'];
  unitId: string;
  project: Project;
}) {
  return (
    <g>
      {areas.map((a) => {
        const outline = rings(a.boundary);
        const first = outline[0] ?? [];
        const [cx, cy] = project(
          first.reduce((s, p) => s + (p[0] as number), 0) / Math.max(first.length, 1),
          first.reduce((s, p) => s + (p[1] as number), 0) / Math.max(first.length, 1),
        );
        return (
          <g key={a.id}>
            {outline.map((ring, i) => (
              <polygon
                // biome-ignore lint/suspicious/noArrayIndexKey: rings of one polygon have no identity but their order
                key={i}
                points={ring.map(([lng, lat]) => project(lng as number, lat as number).join(',')).join(' ')}
                fill={a.id === unitId ? 'none' : 'rgba(38, 92, 180, 0.18)'}
                stroke="#3f8cff"
                strokeOpacity={a.id === unitId ? 0.9 : 0.6}
                strokeWidth={a.id === unitId ? 3 : 1.5}
              />
            ))}
            {a.id !== unitId && (
              <text x={cx} y={cy} fontSize={20} textAnchor="middle" fill="#8fb4ea" pointerEvents="none">
                {a.name}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
});

/** The unit's open cases over its outlines, without map tiles (a command center's network is closed). */
export function ScreenMap({ map, width, height }: { map: CaseMap | null; width: number; height: number }) {
  const { pick } = useI18n();
  // The projection follows the outlines only, so points arriving do not shift the whole map.
  const areas = map?.areas;
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-projected when the outlines change, not the points
  const project = useMemo(() => (map ? projector(map, width, height) : null), [areas, width, height]);
  if (!map || !project) return <svg width={width} height={height} data-testid="screen-map" aria-hidden />;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      data-testid="screen-map"
      role="img"
      aria-label={map.unit.name}
    >
      <title>{map.unit.name}</title>
      <Areas areas={map.areas} unitId={map.unit.id} project={project} />
      {map.cases.map((c) => {
        const [x, y] = project(c.lng, c.lat);
        const overdue = c.overdueLevel > 0;
        const color = overdue ? '#ff4d4f' : c.urgency === 'urgent' ? '#faad14' : '#36cfc9';
        return (
          <circle
            key={c.id}
            cx={x}
            cy={y}
            r={overdue ? 10 : 8}
            fill={color}
            stroke="#fff"
            strokeWidth={1.5}
            className={overdue ? 'ws-marker-overdue' : undefined}
            data-testid="screen-marker"
            data-case-id={c.id}
            data-overdue={overdue}
          >
            <title>{`${c.matter} · ${pick(CASE_STATUS_LABELS[c.status])}`}</title>
          </circle>
        );
      })}
    </svg>
  );
}
