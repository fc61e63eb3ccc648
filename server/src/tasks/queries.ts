import type { Bilingual } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import {
  type AssignmentTarget,
  authorizeAssignmentReading,
  authorizeTaskIssuing,
  isFulfiller,
} from '@domain/tasks/policy';
import type {
  AssigneeKind,
  AssignmentSummary,
  AssignmentView,
  Evidence,
  FieldVisitOrigin,
  TaskItem,
  TaskSummary,
  TaskView,
} from '@domain/tasks/schemas';
import { type AssignmentStatus, actionsFrom, isOverdue } from '@domain/tasks/states';
import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  fieldVisits,
  notifications,
  orgUnits,
  posts,
  roleGrants,
  taskAssignments,
  taskEvents,
  taskPhotos,
  tasks,
  users,
} from '../db/schema';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';

export type TaskRow = typeof tasks.$inferSelect;
export type AssignmentRow = typeof taskAssignments.$inferSelect;

export function itemsOf(task: TaskRow): TaskItem[] {
  return task.items as TaskItem[];
}

/** What the policy needs to know about an assignment; sectors bring the ids of their posts. */
export async function targetOf(db: Db, a: AssignmentRow): Promise<AssignmentTarget> {
  const sectorPostIds =
    a.assigneeKind === 'sector' && a.sectorId
      ? (await db.select({ id: posts.id }).from(posts).where(eq(posts.sectorId, a.sectorId))).map((p) => p.id)
      : [];
  return {
    kind: a.assigneeKind as AssigneeKind,
    unitPath: a.unitPath,
    workerId: a.workerId,
    sectorPostIds,
    postId: a.postId,
  };
}

/** The assignment with its task, if the actor may see it; 404 otherwise, as if it did not exist. */
export async function readableAssignment(
  db: Db,
  actor: Actor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<{ assignment: AssignmentRow; task: TaskRow; target: AssignmentTarget }> {
  const query = db.select().from(taskAssignments).where(eq(taskAssignments.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) enforce('not_found');
  const assignment = row as AssignmentRow;
  const target = await targetOf(db, assignment);
  enforce(authorizeAssignmentReading(actor, target));
  const [task] = await db.select().from(tasks).where(eq(tasks.id, assignment.taskId));
  return { assignment, task: task as TaskRow, target };
}

/** The people who fulfil an assignment: the ones its reminders and returns are sent to. */
export async function fulfillersOf(db: Db, a: AssignmentRow): Promise<string[]> {
  const live = isNull(users.disabledAt);
  const holders = async (where: ReturnType<typeof and>) =>
    (
      await db
        .selectDistinct({ id: roleGrants.userId })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
        .where(and(live, where))
    ).map((r) => r.id);
  switch (a.assigneeKind) {
    case 'grid_worker':
      return a.workerId ? [a.workerId] : [];
    case 'grid':
    case 'village':
      return holders(and(eq(roleGrants.role, 'grid_worker'), like(orgUnits.path, `${a.unitPath}%`)));
    case 'sector': {
      const ids = a.sectorId
        ? (await db.select({ id: posts.id }).from(posts).where(eq(posts.sectorId, a.sectorId))).map(
            (p) => p.id,
          )
        : [];
      return ids.length
        ? holders(and(eq(roleGrants.role, 'post_staff'), inArray(roleGrants.postId, ids)))
        : [];
    }
    case 'post':
      return a.postId ? holders(and(eq(roleGrants.role, 'post_staff'), eq(roleGrants.postId, a.postId))) : [];
    default:
      return [];
  }
}

/** Inbox messages about a task, in the transaction of the step they report. */
export async function notifyAboutTask(
  tx: Db,
  userIds: Iterable<string>,
  townId: string,
  kind: string,
  title: Bilingual,
) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx
    .insert(notifications)
    .values(unique.map((userId) => ({ id: newId(), userId, townId, caseId: null, kind, title })));
}

export async function writeTaskEvent(
  tx: Db,
  a: AssignmentRow,
  actorId: string | null,
  action: string,
  from: string | null,
  to: AssignmentStatus | null,
  detail: Record<string, unknown> = {},
) {
  await tx.insert(taskEvents).values({
    id: newId(),
    assignmentId: a.id,
    townId: a.townId,
    actorId,
    action,
    fromStatus: from,
    toStatus: to,
    detail,
  });
}

export function toAssignmentSummary(a: AssignmentRow, task: TaskRow, now: Date): AssignmentSummary {
  const items = itemsOf(task);
  const evidence = a.evidence as (Evidence | null)[];
  const scores = a.scores as number[] | null;
  return {
    id: a.id,
    taskId: task.id,
    taskTitle: task.title,
    periodKey: a.periodKey,
    assignee: { kind: a.assigneeKind as AssigneeKind, id: a.assigneeId, name: a.assigneeName },
    status: a.status as AssignmentStatus,
    dueAt: a.dueAt.toISOString(),
    overdue: a.overdueAt != null || isOverdue(a.status as AssignmentStatus, a.dueAt, now),
    submittedAt: a.submittedAt?.toISOString() ?? null,
    itemsDone: evidence.filter((e) => e != null).length,
    itemCount: items.length,
    score: scores ? scores.reduce((s, x) => s + x, 0) : null,
    percent: a.percent,
  };
}

export async function toAssignmentView(
  db: Db,
  actor: Actor,
  a: AssignmentRow,
  task: TaskRow,
  target: AssignmentTarget,
): Promise<AssignmentView> {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, a.unitId));
  const events = await db
    .select({
      action: taskEvents.action,
      actorName: users.name,
      fromStatus: taskEvents.fromStatus,
      toStatus: taskEvents.toStatus,
      detail: taskEvents.detail,
      at: taskEvents.at,
    })
    .from(taskEvents)
    .leftJoin(users, eq(users.id, taskEvents.actorId))
    .where(eq(taskEvents.assignmentId, a.id))
    .orderBy(asc(taskEvents.at), asc(taskEvents.id));
  const origins = await fieldVisitOrigins(db, task.fieldVisitId ? [task.fieldVisitId] : []);
  const status = a.status as AssignmentStatus;
  const actions = [
    ...(isFulfiller(actor, target) ? actionsFrom(status, 'assignee') : []),
    ...(authorizeTaskIssuing(actor, task.unitPath) === 'allow' ? actionsFrom(status, 'issuer') : []),
  ];
  return {
    ...toAssignmentSummary(a, task, new Date()),
    instructions: task.instructions,
    items: itemsOf(task).map((i) => ({
      title: i.title,
      evidence: i.evidence,
      maxScore: i.maxScore,
      radiusM: i.radiusM ?? null,
    })),
    evidence: a.evidence as (Evidence | null)[],
    scores: a.scores as number[] | null,
    scoreComment: a.scoreComment,
    returnReason: a.returnReason,
    unit: { name: unit?.name ?? '', centerLat: unit?.centerLat ?? null, centerLng: unit?.centerLng ?? null },
    fieldVisit: (task.fieldVisitId && origins.get(task.fieldVisitId)) || null,
    actions,
    events: events.map((e) => ({
      ...e,
      detail: e.detail as Record<string, unknown>,
      at: e.at.toISOString(),
    })),
  };
}

/** Progress counts of many tasks in one query. */
export async function progressOf(db: Db, taskIds: readonly string[], now: Date) {
  const result = new Map<string, TaskSummary['progress']>();
  if (taskIds.length === 0) return result;
  const rows = await db
    .select({
      taskId: taskAssignments.taskId,
      assignments: sql<number>`count(*)::int`,
      submitted: sql<number>`count(*) filter (where ${taskAssignments.status} in ('submitted', 'accepted', 'scored'))::int`,
      scored: sql<number>`count(*) filter (where ${taskAssignments.status} = 'scored')::int`,
      overdue: sql<number>`count(*) filter (where ${taskAssignments.status} in ('assigned', 'in_progress', 'returned') and ${taskAssignments.dueAt} <= ${now.toISOString()}::timestamptz)::int`,
    })
    .from(taskAssignments)
    .where(inArray(taskAssignments.taskId, [...taskIds]))
    .groupBy(taskAssignments.taskId);
  for (const r of rows) {
    result.set(r.taskId, {
      assignments: Number(r.assignments),
      submitted: Number(r.submitted),
      scored: Number(r.scored),
      overdue: Number(r.overdue),
    });
  }
  return result;
}

export async function toTaskSummaries(db: Db, rows: readonly TaskRow[], now: Date): Promise<TaskSummary[]> {
  const progress = await progressOf(
    db,
    rows.map((r) => r.id),
    now,
  );
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const units = unitIds.length
    ? await db
        .select({ id: orgUnits.id, name: orgUnits.name })
        .from(orgUnits)
        .where(inArray(orgUnits.id, unitIds))
    : [];
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const origins = await fieldVisitOrigins(
    db,
    rows.flatMap((r) => (r.fieldVisitId ? [r.fieldVisitId] : [])),
  );
  return rows.map((t) => ({
    id: t.id,
    title: t.title,
    unit: { id: t.unitId, name: unitName.get(t.unitId) ?? '' },
    recurrence: (t.recurrence as TaskSummary['recurrence']) ?? null,
    dueAt: t.dueAt?.toISOString() ?? null,
    workingDays: t.workingDays,
    dueInWorkingDays: t.dueInWorkingDays ?? null,
    itemCount: itemsOf(t).length,
    createdAt: t.createdAt.toISOString(),
    progress: progress.get(t.id) ?? { assignments: 0, submitted: 0, scored: 0, overdue: 0 },
    fieldVisit: (t.fieldVisitId && origins.get(t.fieldVisitId)) || null,
  }));
}

/** The field visits that follow-up tasks came from: the visited unit, when, and the visitor. */
async function fieldVisitOrigins(
  db: Db,
  visitIds: readonly string[],
): Promise<Map<string, FieldVisitOrigin>> {
  if (visitIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: fieldVisits.id,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      visitedAt: fieldVisits.visitedAt,
      visitorId: users.id,
      visitorName: users.name,
    })
    .from(fieldVisits)
    .innerJoin(orgUnits, eq(orgUnits.id, fieldVisits.unitId))
    .innerJoin(users, eq(users.id, fieldVisits.visitorId))
    .where(inArray(fieldVisits.id, [...new Set(visitIds)]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        unit: { id: r.unitId, name: r.unitName },
        visitedAt: r.visitedAt.toISOString(),
        visitor: { id: r.visitorId, name: r.visitorName },
      },
    ]),
  );
}

export async function toTaskView(db: Db, task: TaskRow, now: Date): Promise<TaskView> {
  const [summary] = await toTaskSummaries(db, [task], now);
  const assignments = await db
    .select()
    .from(taskAssignments)
    .where(eq(taskAssignments.taskId, task.id))
    .orderBy(asc(taskAssignments.dueAt), asc(taskAssignments.assigneeName));
  const seen = new Map<string, { kind: AssigneeKind; id: string; name: string }>();
  for (const a of assignments) {
    seen.set(`${a.assigneeKind}:${a.assigneeId}`, {
      kind: a.assigneeKind as AssigneeKind,
      id: a.assigneeId,
      name: a.assigneeName,
    });
  }
  return {
    ...(summary as TaskSummary),
    instructions: task.instructions,
    items: itemsOf(task).map((i) => ({
      title: i.title,
      evidence: i.evidence,
      maxScore: i.maxScore,
      radiusM: i.radiusM ?? null,
    })),
    endsAt: task.endsAt?.toISOString() ?? null,
    assignees: [...seen.values()],
    assignments: assignments.map((a) => toAssignmentSummary(a, task, now)),
  };
}

/**
 * Whether a photo is task evidence; if it is, the reader must be allowed to read its assignment (else
 * 404). False when it is not evidence, so the caller tries the photo's other uses.
 */
export async function readableTaskPhoto(db: Db, actor: Actor, photoId: string): Promise<boolean> {
  const [link] = await db.select().from(taskPhotos).where(eq(taskPhotos.photoId, photoId));
  if (!link) return false;
  await readableAssignment(db, actor, link.assignmentId);
  return true;
}
