import { applyAction, type CaseState, initialClock } from '@domain/cases/effects';
import type { CaseActionInput } from '@domain/cases/schemas';
import { AppError, type Bilingual } from '@domain/errors/codes';
import { facilityCaseDescription, JOINABLE_STATUSES } from '@domain/facilities/rules';
import {
  FACILITY_KIND_INFO,
  type FacilityKind,
  type FacilityReportInput,
  type FacilityReportResult,
} from '@domain/facilities/schemas';
import type { TimeLimits, Urgency } from '@domain/matters/schemas';
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { raiseCaseEvent } from '../cases/events';
import { centerOperatorsOf, notifyUsers } from '../cases/notify';
import type { CaseRow } from '../cases/queries';
import type { Db } from '../db/client';
import {
  caseEvents,
  cases,
  facilities,
  facilityReports,
  matters,
  notifications,
  photos,
  users,
} from '../db/schema';
import { idsOfPath } from '../org/paths';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import type { FacilityRow } from './queries';

const URGENCY: Urgency = 'normal';

/**
 * One tap on a scanned facility, in one transaction. The facility's row is locked first, so two
 * people scanning the same bin at once queue here: the first opens the case, the second finds it open
 * and joins it. A case of a matter marked "straight to the facility worker" is accepted and dispatched
 * to that person at once, on the timeline as the system's steps; any other waits for the center.
 */
export async function reportFacility(
  db: Db,
  reporterId: string,
  code: string,
  input: FacilityReportInput,
  options: { perMinute: number | null; now?: Date },
): Promise<FacilityReportResult> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(facilities).where(eq(facilities.code, code)).for('update');
    if (!locked) enforce('not_found');
    const facility = locked as FacilityRow;

    const [earlier] = await tx.select().from(facilityReports).where(eq(facilityReports.id, input.id));
    if (earlier) {
      if (earlier.reporterId !== reporterId) throw new AppError('CASE_ID_TAKEN');
      return resultOf(tx, earlier.caseId, earlier.joined);
    }
    const kind = facility.kind as FacilityKind;
    if (!FACILITY_KIND_INFO[kind].problems.includes(input.problem))
      throw new AppError('FACILITY_PROBLEM_INVALID');
    await assertNotTooFrequent(tx, reporterId, options.perMinute, now);

    const description = facilityCaseDescription(
      { kind, code: facility.code, place: facility.place },
      input.problem,
      input.note,
    );
    const [open] = await tx
      .select({ id: cases.id })
      .from(facilityReports)
      .innerJoin(cases, eq(cases.id, facilityReports.caseId))
      .where(
        and(
          eq(facilityReports.facilityId, facility.id),
          eq(facilityReports.joined, false),
          inArray(cases.status, [...JOINABLE_STATUSES]),
        ),
      )
      .orderBy(desc(facilityReports.at))
      .limit(1);
    const caseId = open
      ? await joinCase(tx, open.id, reporterId, facility, input, description, now)
      : await openCase(tx, reporterId, facility, input, description, now);
    await tx.insert(facilityReports).values({
      id: input.id,
      facilityId: facility.id,
      caseId,
      townId: facility.townId,
      reporterId,
      problem: input.problem,
      joined: !!open,
      at: now,
    });
    return resultOf(tx, caseId, !!open);
  });
}

/** Counted from the reporter's own scans, so the limit holds across processes like the report form's. */
async function assertNotTooFrequent(tx: Db, reporterId: string, perMinute: number | null, now: Date) {
  if (perMinute === null) return;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(facilityReports)
    .where(
      and(
        eq(facilityReports.reporterId, reporterId),
        gt(facilityReports.at, new Date(now.getTime() - 60_000)),
      ),
    );
  if (Number(row?.n ?? 0) >= perMinute) throw new AppError('REPORTS_TOO_FREQUENT');
}

async function openCase(
  tx: Db,
  reporterId: string,
  facility: FacilityRow,
  input: FacilityReportInput,
  description: string,
  now: Date,
): Promise<string> {
  const info = FACILITY_KIND_INFO[facility.kind as FacilityKind];
  const [matter] = await tx
    .select()
    .from(matters)
    .where(
      and(eq(matters.townId, facility.townId), eq(matters.code, info.matterCode), isNull(matters.retiredAt)),
    );
  if (!matter) throw new AppError('FACILITY_MATTER_MISSING');
  const [taken] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, input.id));
  if (taken) throw new AppError('CASE_ID_TAKEN');
  const limits = matter.limits as TimeLimits;
  const ids = idsOfPath(facility.unitPath);
  const [created] = await tx
    .insert(cases)
    .values({
      id: input.id,
      townId: facility.townId,
      matterId: matter.id,
      status: 'reported',
      urgency: URGENCY,
      description,
      source: 'qr',
      reporterId,
      lat: facility.lat,
      lng: facility.lng,
      address: facility.place,
      unitId: facility.unitId,
      unitPath: facility.unitPath,
      villageId: ids[2] ?? null,
      gridId: ids[3] ?? null,
      courtyardId: ids[4] ?? null,
      ...initialClock(limits, URGENCY, now),
      reportedAt: now,
      updatedAt: now,
    })
    .returning();
  let row = created as CaseRow;
  const reportEvent = newId();
  await tx.insert(caseEvents).values({
    id: reportEvent,
    caseId: row.id,
    townId: row.townId,
    seq: 1,
    actorId: reporterId,
    action: 'report',
    fromStatus: null,
    toStatus: 'reported',
    note: description,
    detail: { facilityId: facility.id, problem: input.problem },
    at: now,
  });
  await attachPhotos(tx, reporterId, row, reportEvent, input.photoIds);

  const worker = matter.directToFacilityWorker ? await liveWorker(tx, facility.workerId) : null;
  if (!worker) {
    await notifyUsers(
      tx,
      await centerOperatorsOf(tx, row.townId),
      row,
      { zh: `新事件：${matter.name}`, en: `New case: ${matter.name}` },
      'case_reported',
    );
    await raiseCaseEvent(tx, row, 'report');
    return row.id;
  }
  row = await dispatchToWorker(tx, row, limits, worker, facility, now);
  await notifyUsers(
    tx,
    [worker.id],
    row,
    { zh: `新派单：${description.slice(0, 30)}`, en: `Sent to you: ${description.slice(0, 30)}` },
    'case_dispatch',
  );
  await raiseCaseEvent(tx, row, 'dispatch');
  return row.id;
}

async function liveWorker(tx: Db, workerId: string | null) {
  if (!workerId) return null;
  const [worker] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, workerId), isNull(users.disabledAt)));
  return worker ?? null;
}

/**
 * The two steps the center would take, taken by the system through the same state machine and
 * effects, each on the timeline, so the clock, the KPIs and the ledger read the case as any other.
 */
async function dispatchToWorker(
  tx: Db,
  row: CaseRow,
  limits: TimeLimits,
  worker: { id: string; name: string },
  facility: FacilityRow,
  now: Date,
): Promise<CaseRow> {
  const steps: CaseActionInput[] = [
    { action: 'accept', photoIds: [] } as CaseActionInput,
    { action: 'dispatch', leadUserId: worker.id, assistPostIds: [], photoIds: [] } as CaseActionInput,
  ];
  let state = row as unknown as CaseState;
  let version = row.version;
  for (const step of steps) {
    const patch = applyAction(state, step, { now, limits });
    version++;
    await tx.insert(caseEvents).values({
      id: newId(),
      caseId: row.id,
      townId: row.townId,
      seq: version,
      actorId: null,
      action: step.action,
      fromStatus: state.status,
      toStatus: patch.status ?? state.status,
      note:
        step.action === 'dispatch'
          ? `直派设施责任人 ${worker.name} · Sent straight to the facility's worker`
          : null,
      detail:
        step.action === 'dispatch' ? { leadUserId: worker.id, facilityId: facility.id, direct: true } : {},
      at: now,
    });
    state = { ...state, ...patch };
  }
  const [updated] = await tx
    .update(cases)
    .set({ ...(state as Partial<typeof cases.$inferInsert>), leadUserId: worker.id, version, updatedAt: now })
    .where(eq(cases.id, row.id))
    .returning();
  return updated as CaseRow;
}

/** A counted "also reported by" step on the open case's timeline; its reporter is told it joined. */
async function joinCase(
  tx: Db,
  caseId: string,
  reporterId: string,
  facility: FacilityRow,
  input: FacilityReportInput,
  description: string,
  now: Date,
): Promise<string> {
  const [locked] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  const row = locked as CaseRow;
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(facilityReports)
    .where(eq(facilityReports.caseId, caseId));
  const reporters = Number(count?.n ?? 0) + 1;
  const version = row.version + 1;
  const [updated] = await tx
    .update(cases)
    .set({ version, updatedAt: now })
    .where(eq(cases.id, caseId))
    .returning();
  const eventId = newId();
  await tx.insert(caseEvents).values({
    id: eventId,
    caseId,
    townId: row.townId,
    seq: version,
    actorId: reporterId,
    action: 'also_reported',
    fromStatus: row.status,
    toStatus: row.status,
    note: description,
    detail: { facilityId: facility.id, problem: input.problem, reporters },
    at: now,
  });
  await attachPhotos(tx, reporterId, row, eventId, input.photoIds);
  // The joining reporter may not read someone else's case, so their message names it but links nowhere.
  const joinedTitle: Bilingual = {
    zh: `您上报的「${description.slice(0, 30)}」已有人报过，已并入正在处理的事件（共 ${reporters} 人上报）`,
    en: `Your report "${description.slice(0, 30)}" joined the case already open (${reporters} reporters)`,
  };
  await tx.insert(notifications).values({
    id: newId(),
    userId: reporterId,
    townId: row.townId,
    caseId: null,
    kind: 'facility_joined',
    title: joinedTitle,
  });
  if (row.leadUserId) {
    await notifyUsers(
      tx,
      [row.leadUserId],
      row,
      { zh: `又有人上报：${description.slice(0, 30)}`, en: `Reported again: ${description.slice(0, 30)}` },
      'case_also_reported',
      reporterId,
    );
  }
  await raiseCaseEvent(tx, updated as CaseRow, 'also_reported');
  return caseId;
}

async function attachPhotos(
  tx: Db,
  reporterId: string,
  row: CaseRow,
  eventId: string,
  photoIds: readonly string[],
) {
  const wanted = [...new Set(photoIds)];
  if (wanted.length === 0) return;
  const free = await tx
    .select({ id: photos.id })
    .from(photos)
    .where(and(inArray(photos.id, wanted), eq(photos.uploadedBy, reporterId), isNull(photos.caseId)))
    .for('update');
  if (free.length !== wanted.length) throw new AppError('PHOTO_UNKNOWN');
  await tx
    .update(photos)
    .set({ caseId: row.id, eventId, townId: row.townId })
    .where(inArray(photos.id, wanted));
}

async function resultOf(tx: Db, caseId: string, joined: boolean): Promise<FacilityReportResult> {
  const [row] = await tx
    .select({ status: cases.status, worker: users.name })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.leadUserId))
    .where(eq(cases.id, caseId));
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(facilityReports)
    .where(eq(facilityReports.caseId, caseId));
  return {
    caseId,
    joined,
    status: row?.status ?? 'reported',
    reporters: Number(count?.n ?? 0),
    worker: row?.worker ?? null,
  };
}
