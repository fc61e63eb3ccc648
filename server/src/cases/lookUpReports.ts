import { AppError } from '@domain/errors/codes';
import type { TimeLimits } from '@domain/matters/schemas';
import type { GeoBoundary } from '@domain/org/geo';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { PlacedUnit, Where } from './place';

export interface MatterChoice {
  id: string;
  townId: string;
  name: string;
  limits: TimeLimits;
  retired: boolean;
}

/** What one report's place and matter may be, as read for it. */
export interface ReportCandidates {
  units: (PlacedUnit & { boundary: GeoBoundary | null })[];
  matters: MatterChoice[];
  /** Cases the reporter filed in the last minute, counted up to their limit. */
  recentReports: number;
}

interface Row {
  kind: 'unit' | 'matter' | 'recent';
  ord: number | string;
  id: string;
  path: string | null;
  depth: number | null;
  town_id: string | null;
  center_lat: number | null;
  center_lng: number | null;
  boundary: GeoBoundary | string | null;
  name: string | null;
  limits: TimeLimits | string | null;
  retired: boolean | null;
  recent: number | string | null;
}

/** node-postgres parses jsonb; PGlite may hand it over as text. */
const json = <T>(value: T | string | null): T | null =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

/**
 * One statement for a batch of reports: for each, the units that may hold it (the unit picked by hand,
 * or those whose bounding box holds its point), and its matter with the same matter of each town among
 * those units, since a phone offers its user's own town's catalogue and the case may land next door.
 */
export async function lookUpReports(
  database: Database,
  asked: readonly { where: Where; matterId: string; reporterId: string; perMinute: number | null }[],
): Promise<ReportCandidates[]> {
  const rows = await database.prepared<Row>(
    'look_up_reports',
    sql`
      with asked as (
        select * from unnest(
          ${sql.param(asked.map((a) => (a.where.point ? null : (a.where.unitId ?? null))))}::uuid[],
          ${sql.param(asked.map((a) => a.where.point?.lat ?? null))}::float8[],
          ${sql.param(asked.map((a) => a.where.point?.lng ?? null))}::float8[],
          ${sql.param(asked.map((a) => a.matterId))}::uuid[],
          ${sql.param(asked.map((a) => a.reporterId))}::uuid[],
          ${sql.param(asked.map((a) => a.perMinute ?? 0))}::int[]
        ) with ordinality as asked(unit_id, lat, lng, matter_id, reporter_id, per_minute, ord)
      ), units as (
        select asked.ord, u.* from asked
        cross join lateral (
          select id, path, depth, town_id, center_lat, center_lng, null::jsonb as boundary
          from org_units where id = asked.unit_id and retired_at is null
          union all
          select id, path, depth, town_id, center_lat, center_lng, boundary
          from org_units
          where asked.lat is not null and min_lng <= asked.lng and max_lng >= asked.lng
            and min_lat <= asked.lat and max_lat >= asked.lat and retired_at is null
        ) u
      )
      select 'unit' as kind, ord, id, path, depth, town_id, center_lat, center_lng, boundary,
        null::text as name, null::jsonb as limits, null::boolean as retired, null::bigint as recent
      from units
      union all
      select 'matter', asked.ord, m.id, null, null, m.town_id, null, null, null, m.name, m.limits,
        m.retired_at is not null, null
      from asked
      cross join lateral (select code from matters where id = asked.matter_id) chosen
      cross join lateral (
        select id, town_id, name, limits, retired_at from matters where id = asked.matter_id
        union all
        select id, town_id, name, limits, retired_at from matters
        where code = chosen.code and retired_at is null and id <> asked.matter_id
          and town_id in (select town_id from units where units.ord = asked.ord)
      ) m
      union all
      select 'recent', asked.ord, asked.reporter_id, null, null, null, null, null, null, null, null, null,
        -- Counting stops at the limit, so a person far over it costs no more than one at it.
        (select count(*) from (
          select 1 from cases
          where reporter_id = asked.reporter_id and reported_at > now() - interval '1 minute'
          limit asked.per_minute
        ) recent)
      from asked
    `,
  );
  const found = asked.map((): ReportCandidates => ({ units: [], matters: [], recentReports: 0 }));
  for (const row of rows) {
    const into = found[Number(row.ord) - 1];
    if (!into) continue;
    if (row.kind === 'recent') {
      into.recentReports = Number(row.recent);
    } else if (row.kind === 'unit') {
      into.units.push({
        id: row.id,
        path: row.path as string,
        depth: row.depth as number,
        townId: row.town_id,
        centerLat: row.center_lat,
        centerLng: row.center_lng,
        boundary: json(row.boundary),
      });
    } else {
      into.matters.push({
        id: row.id,
        townId: row.town_id as string,
        name: row.name as string,
        limits: json(row.limits) as TimeLimits,
        retired: row.retired === true,
      });
    }
  }
  return found;
}

/** The matter chosen on the phone if it is live in the case's town, else the same matter of that town. */
export function matterInTown(
  candidates: readonly MatterChoice[],
  matterId: string,
  townId: string,
): MatterChoice | AppError {
  const chosen = candidates.find((m) => m.id === matterId);
  if (chosen && chosen.townId === townId && !chosen.retired) return chosen;
  const same = chosen && candidates.find((m) => m.id !== matterId && m.townId === townId);
  return same ?? new AppError('MATTER_NOT_IN_TOWN');
}
