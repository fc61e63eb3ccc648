import { shanghaiMidnight } from '@domain/calendar/workingDays';
import { AppError, ERROR_CODES } from '@domain/errors/codes';
import { authorizeFieldVisits, followUpIssuerId } from '@domain/fieldVisits/policy';
import {
  FIELD_VISIT_KINDS,
  type FieldVisitFollowUp,
  type FieldVisitInput,
  type FieldVisitView,
  FOLLOW_UP_DEFAULT_ITEMS,
  type FollowUpTaskInput,
} from '@domain/fieldVisits/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, asc, desc, gte, inArray, like, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { fieldVisits, orgUnits, taskAssignments, tasks, users } from '../db/schema';
import { ancestorPath } from '../org/paths';
import { findUnit, type UnitRow } from '../org/queries';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { townOf } from '../registry/queries';
import { insertTask, type PreparedTask, prepareTask } from '../tasks/issueTask';
import { progressOf } from '../tasks/queries';

type FieldVisitRow = typeof fieldVisits.$inferSelect;
const DAY = 86_400_000;
/** A visit written up a little ahead of the clock (phones drift) is fine; a day ahead is not. */
const CLOCK_SLACK = 10 * 60_000;

/**
 * Records a visit at a village or grid within the official's area, with its follow-up tasks: the visit,
 * the tasks, their assignments and every audit row commit in one transaction, or nothing does.
 */
export async function recordFieldVisit(
  db: Db,
  actor: Actor,
  input: FieldVisitInput,
  now: Date,
): Promise<FieldVisitView> {
  const unit = await findUnit(db, input.unitId);
  if (!unit || unit.retiredAt) enforce('not_found');
  const target = unit as UnitRow;
  enforce(authorizeFieldVisits(actor, target.path));
  if (!(FIELD_VISIT_KINDS as readonly string[]).includes(target.kind))
    throw new AppError('FIELD_VISIT_TARGET_KIND');
  const visitedAt = new Date(input.visitedAt);
  if (visitedAt.getTime() > now.getTime() + CLOCK_SLACK) throw new AppError('FIELD_VISIT_IN_FUTURE');
  const followUps = await prepareFollowUps(db, actor, target, input.followUps, now);
  const id = newId();
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(fieldVisits)
      .values({
        id,
        townId: townOf(target),
        unitId: target.id,
        unitPath: target.path,
        visitorId: actor.userId,
        companions: input.companions,
        visitedAt,
        findings: input.findings,
        notes: input.notes,
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, {
      townId: townOf(target),
      actorId: actor.userId,
      subjectType: 'field_visit',
      subjectId: id,
      action: 'recorded',
      detail: {
        unitId: target.id,
        visitedAt: visitedAt.toISOString(),
        followUps: followUps.length,
        notes: input.notes.length,
      },
    });
    for (const prepared of followUps) await insertTask(tx, actor, prepared, now, { fieldVisitId: id });
    return inserted as FieldVisitRow;
  });
  const [view] = await toViews(db, [row], now);
  return view as FieldVisitView;
}

/**
 * Checks every follow-up as the task module checks a task, before anything is written. They are issued
 * by the visited unit's town (or the district, for a district official) and may only go to assignees in
 * that town; by default to the visited village or grid itself.
 */
async function prepareFollowUps(
  db: Db,
  actor: Actor,
  target: UnitRow,
  followUps: readonly FollowUpTaskInput[],
  now: Date,
): Promise<PreparedTask[]> {
  if (followUps.length === 0) return [];
  const townPath = ancestorPath(target.path, 2);
  const issuerId = followUpIssuerId(actor, townPath);
  if (!issuerId) throw new AppError('FIELD_VISIT_FOLLOW_UP_NOT_ISSUER');
  const prepared: PreparedTask[] = [];
  for (const [index, f] of followUps.entries()) {
    const input = {
      unitId: issuerId,
      title: f.title,
      instructions: f.instructions,
      items: f.items ?? [...FOLLOW_UP_DEFAULT_ITEMS],
      assignees: f.assignees ?? [{ kind: target.kind as 'village' | 'grid', id: target.id }],
      dueAt: f.dueAt,
      recurrence: null,
      workingDays: f.dueInWorkingDays !== undefined,
      dueInWorkingDays: f.dueInWorkingDays,
      endsAt: null,
    };
    try {
      prepared.push(await prepareTask(db, actor, input, now, townPath));
    } catch (error) {
      throw naming(error, index);
    }
  }
  return prepared;
}

/**
 * Says which follow-up was refused. An assignee the task module answers as not found (unknown, retired,
 * or outside the town) is a 400 on the visit: the official sees the visit's form, not a missing page.
 */
function naming(error: unknown, index: number): unknown {
  if (!(error instanceof AppError)) return error;
  const code = error.code === 'NOT_FOUND' ? 'FIELD_VISIT_FOLLOW_UP_ASSIGNEE' : error.code;
  const message = error.code === 'NOT_FOUND' ? ERROR_CODES[code] : (error.detail ?? ERROR_CODES[code]);
  return new AppError(
    code,
    { zh: `第 ${index + 1} 项跟进任务：${message.zh}`, en: `Follow-up task ${index + 1}: ${message.en}` },
    { ...error.extra, followUp: index },
  );
}

/** Visits at or under a unit, latest first, optionally between two Shanghai dates (inclusive). */
export async function listFieldVisits(
  db: Db,
  actor: Actor,
  query: { unitId: string; from?: string; to?: string },
  now = new Date(),
): Promise<FieldVisitView[]> {
  const unit = await findUnit(db, query.unitId);
  if (!unit) enforce('not_found');
  enforce(authorizeFieldVisits(actor, (unit as UnitRow).path));
  const where: SQL[] = [like(fieldVisits.unitPath, `${(unit as UnitRow).path}%`)];
  if (query.from) where.push(gte(fieldVisits.visitedAt, shanghaiMidnight(query.from)));
  if (query.to) where.push(lt(fieldVisits.visitedAt, new Date(shanghaiMidnight(query.to).getTime() + DAY)));
  const rows = await db
    .select()
    .from(fieldVisits)
    .where(and(...where))
    .orderBy(desc(fieldVisits.visitedAt))
    .limit(500);
  return toViews(db, rows, now);
}

/** jsonb written by older code may come back as a JSON string; either way it is a list of texts. */
function texts(value: unknown): string[] {
  return (typeof value === 'string' ? JSON.parse(value) : value) as string[];
}

/** The follow-up tasks of many visits, each with its live progress, in three queries. */
async function followUpsOf(
  db: Db,
  visitIds: readonly string[],
  now: Date,
): Promise<Map<string, FieldVisitFollowUp[]>> {
  const byVisit = new Map<string, FieldVisitFollowUp[]>();
  const rows = await db
    .select({ id: tasks.id, visitId: tasks.fieldVisitId, title: tasks.title, dueAt: tasks.dueAt })
    .from(tasks)
    .where(inArray(tasks.fieldVisitId, [...visitIds]))
    .orderBy(asc(tasks.id));
  if (rows.length === 0) return byVisit;
  const taskIds = rows.map((r) => r.id);
  const progress = await progressOf(db, taskIds, now);
  const names = await db
    .selectDistinct({ taskId: taskAssignments.taskId, name: taskAssignments.assigneeName })
    .from(taskAssignments)
    .where(inArray(taskAssignments.taskId, taskIds))
    .orderBy(asc(taskAssignments.taskId), asc(taskAssignments.assigneeName));
  const namesOf = new Map<string, string[]>();
  for (const n of names) {
    const list = namesOf.get(n.taskId);
    if (list) list.push(n.name);
    else namesOf.set(n.taskId, [n.name]);
  }
  for (const r of rows) {
    const list = byVisit.get(r.visitId as string) ?? [];
    list.push({
      taskId: r.id,
      title: r.title,
      dueAt: r.dueAt?.toISOString() ?? null,
      assignees: namesOf.get(r.id) ?? [],
      progress: progress.get(r.id) ?? { assignments: 0, submitted: 0, scored: 0, overdue: 0 },
    });
    byVisit.set(r.visitId as string, list);
  }
  return byVisit;
}

async function toViews(db: Db, rows: readonly FieldVisitRow[], now: Date): Promise<FieldVisitView[]> {
  if (rows.length === 0) return [];
  const units = new Map(
    (
      await db
        .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
        .from(orgUnits)
        .where(inArray(orgUnits.id, [...new Set(rows.map((r) => r.unitId))]))
    ).map((u) => [u.id, u]),
  );
  const people = new Map(
    (
      await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, [...new Set(rows.map((r) => r.visitorId))]))
    ).map((u) => [u.id, u.name]),
  );
  const followUps = await followUpsOf(
    db,
    rows.map((r) => r.id),
    now,
  );
  return rows.map((r) => ({
    id: r.id,
    unit: units.get(r.unitId) ?? { id: r.unitId, name: '', kind: '' },
    visitor: { id: r.visitorId, name: people.get(r.visitorId) ?? '' },
    companions: r.companions,
    visitedAt: r.visitedAt.toISOString(),
    findings: r.findings,
    followUps: followUps.get(r.id) ?? [],
    notes: texts(r.notes),
    createdAt: r.createdAt.toISOString(),
  }));
}
