import type { Period } from '@domain/cases/kpi';
import { AppError } from '@domain/errors/codes';
import {
  buildReport,
  lastEndedPeriod,
  previousReportPeriod,
  type ReportBody,
  ReportKind,
  type ReportSupervision,
} from '@domain/reports/report';
import { type Recurrence, periodOf as taskPeriodOf } from '@domain/tasks/periods';
import { RANKING_LEVELS } from '@domain/tasks/schemas';
import { and, desc, eq, gte, inArray, isNull, like, lt, or } from 'drizzle-orm';
import { settledMediationsUnder } from '../asks/kpi';
import { caseFactColumns, countedCaseIds, withOpen } from '../cases/facts';
import type { Db } from '../db/client';
import { cases, matters, orgUnits, reportSnapshots, supervisions, taskAssignments } from '../db/schema';
import { likePrefix } from '../org/paths';
import { writeAudit } from '../platform/audit';
import { newId } from '../platform/ids';
import { rankingsUnder } from '../tasks/rankings';

export type ReportUnit = Pick<typeof orgUnits.$inferSelect, 'id' | 'name' | 'path' | 'kind' | 'townId'>;

/** A town is bounded by its town_id (every table's leading index column); the district by its path. */
const townOf = (unit: ReportUnit) => (unit.kind === 'town' ? (unit.townId ?? unit.id) : null);

/** The cases that can count in [since, until) (`countedCaseIds`), with their sector and matter. */
async function casesFor(db: Db, unit: ReportUnit, since: Date, until: Date) {
  const town = townOf(unit);
  const within = town ? eq(cases.townId, town) : like(cases.unitPath, likePrefix(unit.path));
  const rows = await db
    .select({
      ...caseFactColumns,
      sector: matters.sector,
      matterCode: matters.code,
      matterName: matters.name,
    })
    .from(cases)
    .innerJoin(matters, eq(matters.id, cases.matterId))
    .where(and(within, inArray(cases.id, countedCaseIds(db, within, since, until))));
  return withOpen(rows);
}

async function supervisionsFor(
  db: Db,
  unit: ReportUnit,
  since: Date,
  until: Date,
): Promise<ReportSupervision[]> {
  const town = townOf(unit);
  const within = town ? eq(supervisions.townId, town) : like(supervisions.unitPath, likePrefix(unit.path));
  return db
    .select({
      id: supervisions.id,
      level: supervisions.level,
      subjectType: supervisions.subjectType,
      subjectId: supervisions.subjectId,
      requiredOutcome: supervisions.requiredOutcome,
      status: supervisions.status,
      dueAt: supervisions.dueAt,
      overdueAt: supervisions.overdueAt,
      closedAt: supervisions.closedAt,
      createdAt: supervisions.createdAt,
    })
    .from(supervisions)
    .where(
      and(
        within,
        lt(supervisions.createdAt, until),
        or(
          eq(supervisions.status, 'open'),
          gte(supervisions.closedAt, since),
          gte(supervisions.createdAt, since),
        ),
      ),
    );
}

async function assignmentsFor(db: Db, unit: ReportUnit, since: Date, until: Date) {
  const town = townOf(unit);
  const within = town
    ? eq(taskAssignments.townId, town)
    : like(taskAssignments.unitPath, likePrefix(unit.path));
  return db
    .select({
      assigneeName: taskAssignments.assigneeName,
      status: taskAssignments.status,
      dueAt: taskAssignments.dueAt,
      submittedAt: taskAssignments.submittedAt,
      overdueAt: taskAssignments.overdueAt,
      percent: taskAssignments.percent,
    })
    .from(taskAssignments)
    .where(and(within, gte(taskAssignments.dueAt, since), lt(taskAssignments.dueAt, until)));
}

const RANKING_PERIOD: Record<ReportKind, Recurrence> = { day: 'daily', week: 'weekly', month: 'monthly' };

/**
 * Each level's ranking of the report's period and of the one before, exactly as the live ranking
 * (GET /api/v1/tasks/rankings) reads them at `now`: scores given after a period ended still count
 * for it, as 对单考核 often happens after the deadline.
 */
async function rankingsFor(db: Db, unit: ReportUnit, kind: ReportKind, period: Period, now: Date) {
  const of = (p: Period) =>
    rankingsUnder(db, unit, RANKING_LEVELS, taskPeriodOf(RANKING_PERIOD[kind], p.from), now);
  const [current, previous] = await Promise.all([of(period), of(previousReportPeriod(kind, period))]);
  return { current, previous };
}

/** The bulletin of a unit for a period, from the database as it is now. */
export async function composeReport(
  db: Db,
  unit: ReportUnit,
  kind: ReportKind,
  period: Period,
  now: Date,
): Promise<ReportBody> {
  if (unit.kind !== 'town' && unit.kind !== 'district') throw new AppError('REPORT_UNIT_NOT_TOWN');
  const since = previousReportPeriod(kind, period).from;
  const until = period.to < now ? period.to : now;
  const [caseRows, mediations, supervisionRows, assignmentRows, rankings] = await Promise.all([
    casesFor(db, unit, since, until),
    settledMediationsUnder(db, unit.path, since),
    supervisionsFor(db, unit, since, until),
    assignmentsFor(db, unit, since, until),
    rankingsFor(db, unit, kind, period, now),
  ]);
  return buildReport({
    kind,
    unit: { id: unit.id, name: unit.name },
    period,
    cases: caseRows,
    mediations,
    supervisions: supervisionRows,
    assignments: assignmentRows,
    rankings,
    asOf: now,
  });
}

export type SnapshotRow = typeof reportSnapshots.$inferSelect;

/** Staff may regenerate a period, but not more than once a minute: each run is a new, kept version. */
const REGENERATE_GAP_MS = 60_000;

/**
 * Generates a new version of the report on demand (a snapshot never changes; the previous versions
 * stay readable). Versions are numbered under the unique index; a concurrent run retries with the next.
 */
export async function generateSnapshot(
  db: Db,
  unit: ReportUnit,
  kind: ReportKind,
  period: Period,
  actorId: string | null,
  now: Date,
): Promise<SnapshotRow> {
  const body = await composeReport(db, unit, kind, period, now);
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await db.transaction(async (tx) => {
      const [last] = await tx
        .select({ version: reportSnapshots.version, generatedAt: reportSnapshots.generatedAt })
        .from(reportSnapshots)
        .where(
          and(
            eq(reportSnapshots.unitId, unit.id),
            eq(reportSnapshots.kind, kind),
            eq(reportSnapshots.periodFrom, period.from),
          ),
        )
        .orderBy(desc(reportSnapshots.version))
        .limit(1);
      if (last && now.getTime() - last.generatedAt.getTime() < REGENERATE_GAP_MS)
        throw new AppError('REPORT_JUST_GENERATED');
      const [inserted] = await tx
        .insert(reportSnapshots)
        .values({
          id: newId(),
          unitId: unit.id,
          unitPath: unit.path,
          townId: townOf(unit),
          kind,
          periodFrom: period.from,
          periodTo: period.to,
          version: (last?.version ?? 0) + 1,
          generatedBy: actorId,
          generatedAt: now,
          body,
        })
        .onConflictDoNothing()
        .returning();
      if (inserted)
        await writeAudit(tx, {
          townId: townOf(unit),
          actorId,
          subjectType: 'report_snapshot',
          subjectId: inserted.id,
          action: 'generate',
          detail: { kind, periodFrom: period.from.toISOString(), version: inserted.version },
        });
      return inserted;
    });
    if (row) return row;
  }
  throw new AppError('CONFLICT');
}

/**
 * The scheduled run: for every live town and district, the report of each kind whose period has just
 * ended, made once (version 1; the unique index makes a second process's insert a no-op).
 */
export async function runScheduledReports(db: Db, now: Date): Promise<number> {
  const units = await db
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      path: orgUnits.path,
      kind: orgUnits.kind,
      townId: orgUnits.townId,
    })
    .from(orgUnits)
    .where(and(inArray(orgUnits.kind, ['town', 'district']), isNull(orgUnits.retiredAt)));
  let made = 0;
  for (const kind of ReportKind.options) {
    const period = lastEndedPeriod(kind, now);
    const existing = await db
      .select({ unitId: reportSnapshots.unitId })
      .from(reportSnapshots)
      .where(and(eq(reportSnapshots.kind, kind), eq(reportSnapshots.periodFrom, period.from)));
    const done = new Set(existing.map((e) => e.unitId));
    for (const unit of units) {
      if (done.has(unit.id)) continue;
      const body = await composeReport(db, unit, kind, period, now);
      const inserted = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(reportSnapshots)
          .values({
            id: newId(),
            unitId: unit.id,
            unitPath: unit.path,
            townId: townOf(unit),
            kind,
            periodFrom: period.from,
            periodTo: period.to,
            version: 1,
            generatedBy: null,
            generatedAt: now,
            body,
          })
          .onConflictDoNothing()
          .returning({ id: reportSnapshots.id });
        if (row)
          await writeAudit(tx, {
            townId: townOf(unit),
            actorId: null,
            subjectType: 'report_snapshot',
            subjectId: row.id,
            action: 'generate',
            detail: { kind, periodFrom: period.from.toISOString(), version: 1, scheduled: true },
          });
        return row;
      });
      if (inserted) made++;
    }
  }
  return made;
}
