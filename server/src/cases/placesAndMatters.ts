import { buildCalendar, type WorkCalendar } from '@domain/calendar/workingDays';
import { AppError } from '@domain/errors/codes';
import type { TimeLimits } from '@domain/matters/schemas';
import type { GeoBoundary } from '@domain/org/geo';
import { sql } from 'drizzle-orm';
import Flatbush from 'flatbush';
import { toYearCalendar } from '../calendar/queries';
import type { Database } from '../db/client';
import type { Realtime } from '../platform/realtime';
import { onReferenceChange } from '../platform/referenceChanges';
import type { PlacedUnit, Where } from './place';

export interface MatterChoice {
  id: string;
  townId: string;
  name: string;
  limits: TimeLimits;
  /** The limits run on working days only, counted on the working-day calendar. */
  workingDays: boolean;
  retired: boolean;
}

type CandidateUnit = PlacedUnit & { boundary: GeoBoundary | null };

/** What one report's place and matter may be. */
export interface ReportCandidates {
  units: CandidateUnit[];
  matters: MatterChoice[];
}

/**
 * How long a process trusts what it read. Every change is announced and forgotten at once in every
 * process; this bounds how stale a process can be if an announcement is lost while its LISTEN is down.
 */
const TTL_MS = 30_000;

interface UnitRow {
  id: string;
  path: string;
  depth: number;
  town_id: string | null;
  center_lat: number | null;
  center_lng: number | null;
  boundary: GeoBoundary | string | null;
  min_lng: number | null;
  min_lat: number | null;
  max_lng: number | null;
  max_lat: number | null;
}

interface MatterRow {
  id: string;
  town_id: string;
  code: string;
  name: string;
  limits: TimeLimits | string;
  working_days: boolean;
  retired: boolean;
}

interface CalendarRow {
  year: number;
  days: unknown;
  provisional: boolean;
}

/** node-postgres parses jsonb; PGlite may hand it over as text. */
const json = <T>(value: T | string | null): T | null =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

/** One reading of every live unit and every matter, with the units' bounding boxes indexed. */
class Snapshot {
  private readonly units = new Map<string, CandidateUnit>();
  private readonly boxed: CandidateUnit[] = [];
  private readonly index: Flatbush | null;
  private readonly matters = new Map<string, MatterChoice & { code: string }>();
  private readonly liveByTownAndCode = new Map<string, MatterChoice>();
  /** The working-day calendar of every year on record, for matters whose limits are in working days. */
  readonly calendar: WorkCalendar;

  constructor(
    unitRows: readonly UnitRow[],
    matterRows: readonly MatterRow[],
    calendarRows: readonly CalendarRow[],
  ) {
    this.calendar = buildCalendar(calendarRows.map(toYearCalendar));
    const boxes: [number, number, number, number][] = [];
    for (const row of unitRows) {
      const unit: CandidateUnit = {
        id: row.id,
        path: row.path,
        depth: row.depth,
        townId: row.town_id,
        centerLat: row.center_lat,
        centerLng: row.center_lng,
        boundary: json(row.boundary),
      };
      this.units.set(unit.id, unit);
      if (row.min_lng == null || row.min_lat == null || row.max_lng == null || row.max_lat == null) continue;
      this.boxed.push(unit);
      boxes.push([row.min_lng, row.min_lat, row.max_lng, row.max_lat]);
    }
    // Flatbush cannot be built empty; a tree without drawn boundaries places reports by hand only.
    this.index = boxes.length ? new Flatbush(boxes.length) : null;
    if (this.index) {
      for (const box of boxes) this.index.add(...box);
      this.index.finish();
    }
    for (const row of matterRows) {
      const matter = {
        id: row.id,
        townId: row.town_id,
        code: row.code,
        name: row.name,
        limits: json(row.limits) as TimeLimits,
        workingDays: row.working_days,
        retired: row.retired,
      };
      this.matters.set(matter.id, matter);
      if (!matter.retired) this.liveByTownAndCode.set(`${matter.townId} ${matter.code}`, matter);
    }
  }

  /**
   * The units that may hold a report (the unit picked by hand, or those whose bounding box holds its
   * point; polygons are tested by `placeAmong`), and its matter with the same live matter of each town
   * among those units, since a phone offers its user's own town's catalogue and the case may land next door.
   */
  candidates(where: Where, matterId: string): ReportCandidates {
    let units: CandidateUnit[] = [];
    if (where.point) {
      const { lng, lat } = where.point;
      units = (this.index?.search(lng, lat, lng, lat) ?? []).map((i) => this.boxed[i] as CandidateUnit);
    } else if (where.unitId) {
      const unit = this.units.get(where.unitId);
      if (unit) units = [unit];
    }
    const chosen = this.matters.get(matterId);
    const matters: MatterChoice[] = chosen ? [chosen] : [];
    if (chosen) {
      for (const townId of new Set(units.map((u) => u.townId))) {
        const same = this.liveByTownAndCode.get(`${townId} ${chosen.code}`);
        if (same && same.id !== chosen.id) matters.push(same);
      }
    }
    return { units, matters };
  }
}

/**
 * Every live unit, every matter and the working-day calendar, held in memory for report intake, so that a batch of reports is
 * placed and checked without a round trip and written with one. Units and matters change rarely and
 * every change is announced (`announceReferenceChange`); a reading that was under way when a change
 * was announced is not kept, so nothing read before a change outlives it.
 */
export class PlacesAndMatters {
  private current: { snapshot: Promise<Snapshot>; until: number } | null = null;
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly database: Database,
    realtime: Realtime,
  ) {
    this.unsubscribe = onReferenceChange(realtime, () => this.forget());
  }

  snapshot(now = Date.now()): Promise<Snapshot> {
    if (this.current && this.current.until > now) return this.current.snapshot;
    const generation = this.generation;
    const snapshot = this.read();
    const entry = { snapshot, until: now + TTL_MS };
    this.current = entry;
    snapshot.then(
      () => {
        if (this.generation !== generation && this.current === entry) this.current = null;
      },
      () => {
        if (this.current === entry) this.current = null;
      },
    );
    return snapshot;
  }

  forget(): void {
    this.generation++;
    this.current = null;
  }

  close(): void {
    this.unsubscribe();
    this.current = null;
  }

  private async read(): Promise<Snapshot> {
    const [unitRows, matterRows, calendarRows] = await Promise.all([
      this.database.prepared<UnitRow>(
        'reference_units',
        sql`
        select id, path, depth, town_id, center_lat, center_lng, boundary, min_lng, min_lat, max_lng, max_lat
          from org_units where retired_at is null
        `,
      ),
      this.database.prepared<MatterRow>(
        'reference_matters',
        sql`
          select id, town_id, code, name, limits, working_days, retired_at is not null as retired from matters
        `,
      ),
      this.database.prepared<CalendarRow>(
        'reference_calendar',
        sql`select year, days, provisional from calendar_years`,
      ),
    ]);
    return new Snapshot(unitRows, matterRows, calendarRows);
  }
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
