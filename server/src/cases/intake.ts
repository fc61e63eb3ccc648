import type { CaseReceipt } from '@domain/cases/schemas';
import { AppError } from '@domain/errors/codes';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { SQL_UUIDV7 } from '../db/uuidv7';
import { consoleLog } from '../platform/log';
import { batchedPayloads, REALTIME_CHANNEL } from '../platform/realtime';
import type { PlacesAndMatters } from './placesAndMatters';
import { type PendingReport, prepareReport, type ReportRequest } from './prepareReport';

/** Reports in one batch: enough to amortise a commit, small enough to keep its latency low. */
const MAX_BATCH = 64;

interface Waiting {
  report: PendingReport;
  resolve(receipt: CaseReceipt | undefined): void;
  reject(error: unknown): void;
}

/**
 * Writes reports in batches: while one batch is being written, reports arriving meanwhile wait and go
 * together in the next. A lone report goes at once, so this adds no delay when the town is quiet; when
 * a whole town reports at once, each statement and its one commit serve many. Each caller hears back
 * only after its own report committed. The live events of a batch are raised just after its commit,
 * while the next batch is already being written (see `raiseLiveEvents`).
 */
export class ReportIntake {
  private queue: Waiting[] = [];
  private busy = false;
  private readonly raising = new Set<Promise<void>>();

  constructor(
    private readonly database: Database,
    private readonly places: PlacesAndMatters,
  ) {}

  /**
   * The new case's receipt; undefined if nothing was written because the id exists or a photo was taken
   * meanwhile; an AppError if the report cannot be placed or its matter or photos are unknown.
   */
  async file(request: ReportRequest): Promise<CaseReceipt | undefined> {
    // Checked and placed on arrival, while the batch before it is being written, so that a batch goes
    // to the database the moment the one before it has committed.
    const report = await prepareReport(this.database, this.places, request);
    return new Promise((resolve, reject) => {
      this.queue.push({ report, resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  /** Waits for the live events still being raised, before the database is closed. */
  async settle(): Promise<void> {
    await Promise.all([...this.raising]);
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
      const { id, photoIds } = waiting.report;
      if (batch.length >= MAX_BATCH || ids.has(id) || photoIds.some((p) => photos.has(p))) {
        later.push(waiting);
        continue;
      }
      batch.push(waiting);
      ids.add(id);
      for (const p of photoIds) photos.add(p);
    }
    this.queue = later;
    return batch;
  }

  private async take(batch: Waiting[]): Promise<void> {
    try {
      const written = await writeReports(
        this.database,
        batch.map((w) => w.report),
      );
      const raised = raiseLiveEvents(
        this.database,
        batch.map((w) => w.report).filter((r) => typeof written.get(r.id) === 'object'),
      );
      this.raising.add(raised);
      void raised.finally(() => this.raising.delete(raised));
      for (const { report, resolve, reject } of batch) {
        const row = written.get(report.id);
        if (row === 'limited') {
          reject(new AppError('REPORTS_TOO_FREQUENT'));
          continue;
        }
        resolve(
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

const REPORT_CASES = sql`
    with input as (
      select * from unnest(
        ${sql.placeholder('id')}::uuid[], ${sql.placeholder('eventId')}::uuid[], ${sql.placeholder('townId')}::uuid[],
        ${sql.placeholder('matterId')}::uuid[], ${sql.placeholder('urgency')}::text[],
        ${sql.placeholder('description')}::text[], ${sql.placeholder('reporterId')}::uuid[],
        ${sql.placeholder('anonymous')}::boolean[], ${sql.placeholder('lat')}::float8[],
        ${sql.placeholder('lng')}::float8[], ${sql.placeholder('address')}::text[], ${sql.placeholder('unitId')}::uuid[],
        ${sql.placeholder('unitPath')}::text[], ${sql.placeholder('villageId')}::uuid[],
        ${sql.placeholder('gridId')}::uuid[], ${sql.placeholder('courtyardId')}::uuid[],
        ${sql.placeholder('stage')}::text[], ${sql.placeholder('stageDueAt')}::timestamptz[],
        ${sql.placeholder('dueAt')}::timestamptz[], ${sql.placeholder('at')}::timestamptz[],
        ${sql.placeholder('photoCount')}::int[], ${sql.placeholder('title')}::jsonb[],
        ${sql.placeholder('perMinute')}::int[]
      ) with ordinality as r(id, event_id, town_id, matter_id, urgency, description, reporter_id, anonymous,
             lat, lng, address, unit_id, unit_path, village_id, grid_id, courtyard_id, stage, stage_due_at,
             due_at, at, photo_count, title, per_minute, ord)
    ), ranked as (
      select input.*, row_number() over (partition by reporter_id order by ord) as nth from input
    ), allowed as (
      select * from ranked
      where per_minute = 0 or nth + (
        -- Counting stops at the limit, so a person far over it costs no more than one at it.
        select count(*) from (
          select 1 from cases
          where cases.reporter_id = ranked.reporter_id and cases.reported_at > now() - interval '1 minute'
          limit ranked.per_minute
        ) recent
      ) <= per_minute
    ), limited as (
      select id from input
      where id not in (select id from allowed) and not exists (select 1 from cases where cases.id = input.id)
    ), wanted as (
      select * from unnest(
        ${sql.placeholder('photoId')}::uuid[],
        ${sql.placeholder('photoCase')}::uuid[],
        ${sql.placeholder('photoReporter')}::uuid[]
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
      from allowed
      where (select count(*) from claimed where claimed.case_id = allowed.id) = allowed.photo_count
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
    )
    select id, reported_at, stage_due_at, false as limited
    from inserted
    union all
    select id, null, null, true from limited
`;

/**
 * One statement for the whole batch, so one round trip and one commit, atomic without BEGIN: the cases,
 * the first step of each timeline, their photos and the inbox rows of each town's center operators.
 * Each report's photos are locked first, and a report whose photos are not all still free is not
 * written at all. Its text never changes with the batch's size (the rows travel as arrays),
 * so it is prepared once per connection: planning it cost more than running it.
 *
 * The per-person limit is counted here, from the cases themselves, so that it holds across processes:
 * a report is written only while the reporter's cases of the last minute, and their reports before it
 * in this batch, are fewer than the limit. A report over it comes back `limited`, unless its case
 * exists already, which makes it a retry to be answered with that case.
 */
async function writeReports(
  database: Database,
  reports: readonly PendingReport[],
): Promise<Map<string, { reportedAt: Date; stageDueAt: Date | null } | 'limited'>> {
  const photoPairs = reports.flatMap((r) => r.photoIds.map((photoId) => ({ photoId, report: r })));
  const rows = await database.prepared<{
    id: string;
    reported_at: Date | string | null;
    stage_due_at: Date | string | null;
    limited: boolean;
  }>('report_cases', REPORT_CASES, {
    id: reports.map((r) => r.id),
    eventId: reports.map((r) => r.eventId),
    townId: reports.map((r) => r.townId),
    matterId: reports.map((r) => r.matterId),
    urgency: reports.map((r) => r.urgency),
    description: reports.map((r) => r.description),
    reporterId: reports.map((r) => r.reporterId),
    anonymous: reports.map((r) => r.anonymous),
    lat: reports.map((r) => r.lat),
    lng: reports.map((r) => r.lng),
    address: reports.map((r) => r.address),
    unitId: reports.map((r) => r.unitId),
    unitPath: reports.map((r) => r.unitPath),
    villageId: reports.map((r) => r.villageId),
    gridId: reports.map((r) => r.gridId),
    courtyardId: reports.map((r) => r.courtyardId),
    stage: reports.map((r) => r.stage),
    stageDueAt: reports.map((r) => r.stageDueAt),
    dueAt: reports.map((r) => r.dueAt),
    at: reports.map((r) => r.at),
    photoCount: reports.map((r) => r.photoIds.length),
    title: reports.map((r) => JSON.stringify(r.title)),
    perMinute: reports.map((r) => r.perMinute),
    photoId: photoPairs.map((p) => p.photoId),
    photoCase: photoPairs.map((p) => p.report.id),
    photoReporter: photoPairs.map((p) => p.report.reporterId),
  });
  return new Map(
    rows.map((row) => [
      row.id,
      row.limited || row.reported_at == null
        ? 'limited'
        : {
            reportedAt: new Date(row.reported_at),
            stageDueAt: row.stage_due_at == null ? null : new Date(row.stage_due_at),
          },
    ]),
  );
}

const RAISE_REPORTED = sql`
  select set_config('synchronous_commit', 'off', true), pg_notify(${sql.placeholder('channel')}, payload)
  from unnest(${sql.placeholder('payloads')}::text[]) as payload
`;

/**
 * The live events of a committed batch, a few to a NOTIFY (see `batchedPayloads`), raised in a
 * transaction of their own just after the batch's, while the next batch is written: inside the batch,
 * the NOTIFY lock that PostgreSQL holds through a commit's WAL flush lengthened every batch. That
 * transaction writes nothing to keep, so it need not wait for the disk. Were the process to die between
 * the two, the cases and inbox rows are kept and only the live hint is lost: a console re-reads its
 * queue whenever its stream (re)connects (docs/decisions.md). It never throws.
 */
async function raiseLiveEvents(database: Database, reports: readonly PendingReport[]): Promise<void> {
  if (reports.length === 0) return;
  const payloads = batchedPayloads(reports);
  try {
    await database.prepared('raise_reported', RAISE_REPORTED, { channel: REALTIME_CHANNEL, payloads });
  } catch (error) {
    consoleLog.error({ err: error, cases: reports.length }, 'live events of reported cases not raised');
  }
}
