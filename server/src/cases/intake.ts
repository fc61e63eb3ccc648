import { initialClock } from '@domain/cases/effects';
import type { CaseReceipt, ReportInput } from '@domain/cases/schemas';
import { AppError, type Bilingual } from '@domain/errors/codes';
import type { LatLng } from '@domain/org/geo';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { SQL_UUIDV7 } from '../db/uuidv7';
import { newId } from '../platform/ids';
import { eventPayload, REALTIME_CHANNEL } from '../platform/realtime';
import { caseEvent, townCasesTopic } from './events';
import { lookUpReports, type MatterChoice, matterInTown, type ReportCandidates } from './lookUpReports';
import { type Placement, placeAmong, type Where } from './place';

/** A report as the route received it. */
export interface ReportRequest {
  reporterId: string;
  input: ReportInput;
  at: Date;
  /** Reports the reporter may file in a minute; null for no limit. */
  perMinute: number | null;
}

/** A report checked and placed, ready to be written. */
interface PendingReport {
  id: string;
  eventId: string;
  townId: string;
  matterId: string;
  urgency: string;
  description: string;
  reporterId: string;
  anonymous: boolean;
  lat: number | null;
  lng: number | null;
  address: string | null;
  unitId: string;
  unitPath: string;
  villageId: string | null;
  gridId: string | null;
  courtyardId: string | null;
  stage: string;
  stageDueAt: Date;
  dueAt: Date;
  at: Date;
  photoIds: string[];
  /** The inbox title for the town's center operators. */
  title: Bilingual;
  /** The live event, already checked for size. */
  payload: string;
}

/** Reports in one batch: enough to amortise a commit, small enough to keep its latency low. */
const MAX_BATCH = 64;

interface Waiting {
  request: ReportRequest;
  photoIds: string[];
  resolve(receipt: CaseReceipt | undefined): void;
  reject(error: unknown): void;
}

/**
 * Takes reports in batches: while one batch is being read and written, reports arriving meanwhile wait
 * and go together in the next. A lone report goes at once, so this adds no delay when the town is quiet;
 * when a whole town reports at once, each statement (and the one commit, and the NOTIFY lock that
 * PostgreSQL holds through it) serves many. Each caller hears back only after its own report committed.
 */
export class ReportIntake {
  private queue: Waiting[] = [];
  private busy = false;

  constructor(private readonly database: Database) {}

  /**
   * The new case's receipt; undefined if nothing was written because the id exists or a photo was taken
   * meanwhile; an AppError if the report cannot be placed or its matter or photos are unknown.
   */
  file(request: ReportRequest): Promise<CaseReceipt | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, photoIds: [...new Set(request.input.photoIds)], resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.queue.length) await this.take(this.nextBatch());
    } finally {
      this.busy = false;
    }
  }

  /**
   * A batch holds each case id and each photo at most once; a second report of either waits for the
   * next batch, where it meets the first one's commit and is answered as a retry or refused.
   */
  private nextBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const later: Waiting[] = [];
    const ids = new Set<string>();
    const photos = new Set<string>();
    for (const waiting of this.queue) {
      const { id } = waiting.request.input;
      if (batch.length >= MAX_BATCH || ids.has(id) || waiting.photoIds.some((p) => photos.has(p))) {
        later.push(waiting);
        continue;
      }
      batch.push(waiting);
      ids.add(id);
      for (const p of waiting.photoIds) photos.add(p);
    }
    this.queue = later;
    return batch;
  }

  private async take(batch: Waiting[]): Promise<void> {
    try {
      const prepared = await prepareReports(this.database, batch);
      const ready = prepared.filter((p): p is { waiting: Waiting; report: PendingReport } => {
        if (p.report instanceof AppError) p.waiting.reject(p.report);
        return !(p.report instanceof AppError);
      });
      const written = ready.length
        ? await writeReports(
            this.database,
            ready.map((r) => r.report),
          )
        : new Map();
      for (const { waiting, report } of ready) {
        const row = written.get(report.id);
        waiting.resolve(
          row && {
            id: report.id,
            townId: report.townId,
            status: 'reported',
            reportedAt: row.reportedAt.toISOString(),
            stageDueAt: row.stageDueAt?.toISOString() ?? null,
          },
        );
      }
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One report that breaks a statement must not sink its neighbours: each is tried on its own.
      for (const w of batch) await this.take([w]);
    }
  }
}

const intakes = new WeakMap<Database, ReportIntake>();

export function intakeOf(database: Database): ReportIntake {
  let intake = intakes.get(database);
  if (!intake) {
    intake = new ReportIntake(database);
    intakes.set(database, intake);
  }
  return intake;
}

/**
 * Reads what the batch's reports refer to, for the whole batch at once: their photos (whose GPS may
 * place a report without a fix), then their places and matters in one statement.
 */
async function prepareReports(
  database: Database,
  batch: readonly Waiting[],
): Promise<{ waiting: Waiting; report: PendingReport | AppError }[]> {
  const photoIds = batch.flatMap((w) => w.photoIds);
  const photoRows = photoIds.length
    ? await database.prepared<PhotoRow>(
        'report_free_photos',
        sql`select id, uploaded_by, gps_lat, gps_lng from photos
            where id = any(${sql.param(photoIds)}::uuid[]) and case_id is null`,
      )
    : [];
  const photos = new Map(photoRows.map((p) => [p.id, p]));

  const points = batch.map((w) => {
    const own = w.photoIds.map((id) => photos.get(id));
    if (own.some((p) => p?.uploaded_by !== w.request.reporterId)) return new AppError('PHOTO_UNKNOWN');
    // The phone's fix first; else the first photo's own GPS (read before it was stripped); else the unit picked.
    const fix = own.find((p) => p?.gps_lat != null && p.gps_lng != null);
    return (
      w.request.input.location ??
      (fix ? { lat: fix.gps_lat as number, lng: fix.gps_lng as number } : undefined)
    );
  });
  const wheres = batch.map((w, i): Where => {
    const point = points[i];
    return point instanceof AppError ? {} : { point, unitId: w.request.input.unitId };
  });
  const candidates = await lookUpReports(
    database,
    batch.map((w, i) => ({
      where: wheres[i] as Where,
      matterId: w.request.input.matterId,
      reporterId: w.request.reporterId,
      perMinute: w.request.perMinute,
    })),
  );
  // Counted from the cases themselves, so the limit holds across processes; reports of the same
  // person earlier in this batch count too.
  const filedInBatch = new Map<string, number>();

  return batch.map((waiting, i) => {
    const point = points[i];
    if (point instanceof AppError) return { waiting, report: point };
    const found = candidates[i] as ReportCandidates;
    const { reporterId, perMinute } = waiting.request;
    const earlier = filedInBatch.get(reporterId) ?? 0;
    if (perMinute !== null && found.recentReports + earlier >= perMinute)
      return { waiting, report: new AppError('REPORTS_TOO_FREQUENT') };
    filedInBatch.set(reporterId, earlier + 1);
    const place = placeAmong(wheres[i] as Where, found.units);
    if (place instanceof AppError) return { waiting, report: place };
    const matter = matterInTown(found.matters, waiting.request.input.matterId, place.townId);
    if (matter instanceof AppError) return { waiting, report: matter };
    return { waiting, report: pendingReport(waiting, point, place, matter) };
  });
}

function pendingReport(
  waiting: Waiting,
  point: LatLng | undefined,
  place: Placement,
  matter: MatterChoice,
): PendingReport {
  const { reporterId, input, at } = waiting.request;
  const clock = initialClock(matter.limits, input.urgency, at);
  const live = {
    id: input.id,
    townId: place.townId,
    status: 'reported',
    overdueLevel: 0,
    version: 1,
  } as const;
  return {
    id: input.id,
    eventId: newId(),
    townId: place.townId,
    matterId: matter.id,
    urgency: input.urgency,
    description: input.description,
    reporterId,
    anonymous: input.anonymous,
    lat: point?.lat ?? place.unit.centerLat,
    lng: point?.lng ?? place.unit.centerLng,
    address: input.address ?? null,
    unitId: place.unit.id,
    unitPath: place.unit.path,
    villageId: place.villageId,
    gridId: place.gridId,
    courtyardId: place.courtyardId,
    stage: clock.stage,
    stageDueAt: clock.stageDueAt,
    dueAt: clock.dueAt,
    at,
    photoIds: waiting.photoIds,
    title: { zh: `新事件：${matter.name}`, en: `New case: ${matter.name}` },
    payload: eventPayload(townCasesTopic(place.townId), caseEvent(live, 'report')),
  };
}

interface PhotoRow {
  id: string;
  uploaded_by: string;
  gps_lat: number | null;
  gps_lng: number | null;
}

/**
 * One statement for the whole batch, so one round trip and one commit, atomic without BEGIN: the cases,
 * the first step of each timeline, their photos, the inbox rows of each town's center operators and
 * the live events. Each report's photos are locked first, and a report whose photos are not all still
 * free is not written at all. Its text never changes with the batch's size (the rows travel as arrays),
 * so it is prepared once per connection: planning it cost more than running it.
 */
async function writeReports(
  database: Database,
  reports: readonly PendingReport[],
): Promise<Map<string, { reportedAt: Date; stageDueAt: Date | null }>> {
  const column = <T>(pick: (r: PendingReport) => T) => sql.param(reports.map(pick));
  const photoPairs = reports.flatMap((r) => r.photoIds.map((photoId) => ({ photoId, report: r })));
  const rows = await database.prepared<{
    id: string;
    reported_at: Date | string;
    stage_due_at: Date | string | null;
  }>(
    'report_cases',
    sql`
      with input as (
        select * from unnest(
          ${column((r) => r.id)}::uuid[], ${column((r) => r.eventId)}::uuid[], ${column((r) => r.townId)}::uuid[],
          ${column((r) => r.matterId)}::uuid[], ${column((r) => r.urgency)}::text[],
          ${column((r) => r.description)}::text[], ${column((r) => r.reporterId)}::uuid[],
          ${column((r) => r.anonymous)}::boolean[], ${column((r) => r.lat)}::float8[],
          ${column((r) => r.lng)}::float8[], ${column((r) => r.address)}::text[], ${column((r) => r.unitId)}::uuid[],
          ${column((r) => r.unitPath)}::text[], ${column((r) => r.villageId)}::uuid[],
          ${column((r) => r.gridId)}::uuid[], ${column((r) => r.courtyardId)}::uuid[],
          ${column((r) => r.stage)}::text[], ${column((r) => r.stageDueAt)}::timestamptz[],
          ${column((r) => r.dueAt)}::timestamptz[], ${column((r) => r.at)}::timestamptz[],
          ${column((r) => r.photoIds.length)}::int[], ${column((r) => JSON.stringify(r.title))}::jsonb[],
          ${column((r) => r.payload)}::text[]
        ) as r(id, event_id, town_id, matter_id, urgency, description, reporter_id, anonymous, lat, lng,
               address, unit_id, unit_path, village_id, grid_id, courtyard_id, stage, stage_due_at, due_at, at,
               photo_count, title, payload)
      ), wanted as (
        select * from unnest(
          ${sql.param(photoPairs.map((p) => p.photoId))}::uuid[],
          ${sql.param(photoPairs.map((p) => p.report.id))}::uuid[],
          ${sql.param(photoPairs.map((p) => p.report.reporterId))}::uuid[]
        ) as w(photo_id, case_id, reporter_id)
      ), claimed as (
        select photos.id, wanted.case_id from photos
        join wanted on wanted.photo_id = photos.id and wanted.reporter_id = photos.uploaded_by
        where photos.case_id is null
        for update of photos
      ), inserted as (
        insert into cases (
          id, town_id, matter_id, status, urgency, description, reporter_id, anonymous, lat, lng, address,
          unit_id, unit_path, village_id, grid_id, courtyard_id, stage, stage_started_at, stage_due_at,
          due_at, reported_at, updated_at
        )
        select id, town_id, matter_id, 'reported', urgency, description, reporter_id, anonymous, lat, lng,
          address, unit_id, unit_path, village_id, grid_id, courtyard_id, stage, at, stage_due_at, due_at, at, at
        from input
        where (select count(*) from claimed where claimed.case_id = input.id) = input.photo_count
        on conflict (id) do nothing
        returning id, town_id, reported_at, stage_due_at
      ), timeline as (
        insert into case_events (id, case_id, town_id, seq, actor_id, action, from_status, to_status, note, at)
        select input.event_id, inserted.id, inserted.town_id, 1, input.reporter_id, 'report', null, 'reported',
          input.description, input.at
        from inserted join input on input.id = inserted.id
      ), attached as (
        update photos set case_id = claimed.case_id, event_id = input.event_id, town_id = inserted.town_id
        from claimed
        join inserted on inserted.id = claimed.case_id
        join input on input.id = inserted.id
        where photos.id = claimed.id
      ), inbox as (
        insert into notifications (id, user_id, town_id, case_id, kind, title)
        select ${SQL_UUIDV7}, operators.user_id, inserted.town_id, inserted.id, 'case_reported', input.title
        from inserted
        join input on input.id = inserted.id
        join (
          select distinct user_id, unit_id from role_grants
          where role = 'center_operator' and unit_id in (select town_id from inserted)
        ) operators on operators.unit_id = inserted.town_id
      ), raised as (
        select pg_notify(${REALTIME_CHANNEL}, input.payload)
        from inserted join input on input.id = inserted.id
      )
      select id, reported_at, stage_due_at, (select count(*) from raised) as raised from inserted
    `,
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        reportedAt: new Date(row.reported_at),
        stageDueAt: row.stage_due_at == null ? null : new Date(row.stage_due_at),
      },
    ]),
  );
}
