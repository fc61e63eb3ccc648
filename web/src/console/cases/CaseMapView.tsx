import type { CaseMap } from '@domain/cases/schemas';
import { CASE_STATUS_LABELS } from '@domain/cases/states';
import { Alert, Breadcrumb, Button, Empty, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { get } from '../../api/client';
import { useI18n } from '../../i18n';

type Ring = number[][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

const WIDTH = 960;
const HEIGHT = 600;

function rings(g: unknown): Ring[] {
  const geo = g as Geometry;
  if (geo?.type === 'Polygon') return geo.coordinates;
  if (geo?.type === 'MultiPolygon') return geo.coordinates.flat();
  return [];
}

/**
 * Open cases over the outlines of the units, drawn as SVG from our own boundaries: no map tiles,
 * so it works on a command center's closed network. Click an area to go down a level.
 */
export function CaseMapView({ rootUnitId, onOpen }: { rootUnitId: string; onOpen(caseId: string): void }) {
  const { pick } = useI18n();
  const [trail, setTrail] = useState<{ id: string; name: string }[]>([]);
  const [map, setMap] = useState<CaseMap | null>(null);
  const unitId = trail.at(-1)?.id ?? rootUnitId;

  useEffect(() => {
    setMap(null);
    void get<CaseMap>(`/cases/map?unitId=${unitId}`).then((m) => {
      setMap(m);
      setTrail((t) => (t.length === 0 ? [{ id: m.unit.id, name: m.unit.name }] : t));
    });
  }, [unitId]);

  const project = useMemo(() => {
    if (!map) return null;
    const points = [
      ...map.areas.flatMap((a) => rings(a.boundary).flat()),
      ...map.cases.map((c) => [c.lng, c.lat]),
    ];
    if (points.length === 0) return null;
    const lngs = points.map((p) => p[0] as number);
    const lats = points.map((p) => p[1] as number);
    const [minLng, maxLng, minLat, maxLat] = [
      Math.min(...lngs),
      Math.max(...lngs),
      Math.min(...lats),
      Math.max(...lats),
    ];
    // Equirectangular, squeezed by cos(latitude) so shapes at 29°N keep their proportions.
    const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const scale =
      Math.min(WIDTH / Math.max((maxLng - minLng) * k, 1e-9), HEIGHT / Math.max(maxLat - minLat, 1e-9)) *
      0.95;
    return (lng: number, lat: number) =>
      [(lng - minLng) * k * scale + 10, (maxLat - lat) * scale + 10] as const;
  }, [map]);

  if (!map) return <Spin />;
  const drill = (a: { id: string; name: string }) => {
    if (a.id !== map.unit.id) setTrail((t) => [...t, { id: a.id, name: a.name }]);
  };
  return (
    <div>
      <Breadcrumb
        items={trail.map((u, i) => ({
          title: (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => setTrail((t) => t.slice(0, i + 1))}
            >
              {u.name}
            </Button>
          ),
        }))}
        style={{ marginBottom: 8 }}
      />
      {map.truncated && (
        <Alert type="info" title="点位过多，仅显示最新 2000 个 / Showing the newest 2,000 points" />
      )}
      {!project ? (
        <Empty />
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH + 20} ${HEIGHT + 20}`}
          style={{ width: '100%', background: '#f7f4ef', borderRadius: 8 }}
          data-testid="case-map"
          role="img"
          aria-label={map.unit.name}
        >
          <title>{map.unit.name}</title>
          {map.areas.map((a) => (
            // biome-ignore lint/a11y/useSemanticElements: SVG shapes cannot be <button>s; role and keys make them one
            <g
              key={a.id}
              style={{ cursor: a.id === map.unit.id ? 'default' : 'pointer' }}
              role="button"
              tabIndex={0}
              onClick={() => drill(a)}
              onKeyDown={(e) => e.key === 'Enter' && drill(a)}
            >
              {rings(a.boundary).map((ring, i) => (
                <polygon
                  // biome-ignore lint/suspicious/noArrayIndexKey: rings of one polygon have no identity but their order
                  key={i}
                  points={ring.map(([lng, lat]) => project(lng as number, lat as number).join(',')).join(' ')}
                  fill={a.id === map.unit.id ? 'none' : '#fff'}
                  stroke="#c8102e"
                  strokeOpacity={0.5}
                  strokeWidth={a.id === map.unit.id ? 2 : 1}
                >
                  <title>{a.name}</title>
                </polygon>
              ))}
              {a.id !== map.unit.id &&
                (() => {
                  const ring = rings(a.boundary)[0] ?? [];
                  const [x, y] = project(
                    ring.reduce((s, p) => s + (p[0] as number), 0) / Math.max(ring.length, 1),
                    ring.reduce((s, p) => s + (p[1] as number), 0) / Math.max(ring.length, 1),
                  );
                  return (
                    <text x={x} y={y} fontSize={12} textAnchor="middle" fill="#555" pointerEvents="none">
                      {a.name}
                    </text>
                  );
                })()}
            </g>
          ))}
          {map.cases.map((c) => {
            const [x, y] = project(c.lng, c.lat);
            const color = c.overdueLevel > 0 ? '#d4380d' : c.urgency === 'urgent' ? '#fa8c16' : '#1677ff';
            return (
              // biome-ignore lint/a11y/useSemanticElements: SVG shapes cannot be <button>s; role and keys make them one
              <circle
                key={c.id}
                cx={x}
                cy={y}
                r={6}
                fill={color}
                stroke="#fff"
                strokeWidth={1.5}
                style={{ cursor: 'pointer' }}
                role="button"
                tabIndex={0}
                onClick={() => onOpen(c.id)}
                onKeyDown={(e) => e.key === 'Enter' && onOpen(c.id)}
              >
                <title>{`${c.matter} · ${pick(CASE_STATUS_LABELS[c.status])}`}</title>
              </circle>
            );
          })}
        </svg>
      )}
    </div>
  );
}
