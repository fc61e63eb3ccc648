import type { Actor } from '@domain/policies/scope';
import { authorizeSupervising, isSupervisionOverdue } from '@domain/supervision/policy';
import type {
  SupervisionLevel,
  SupervisionOutcome,
  SupervisionSubject,
  SupervisionView,
} from '@domain/supervision/schemas';
import { asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { cases, matters, supervisionEvents, type supervisions, tasks, users } from '../db/schema';
import { progressOf } from '../tasks/queries';

export type SupervisionRow = typeof supervisions.$inferSelect;

/** What a supervision needs to know of its subject: where it lies, what it is, whether it is still live. */
export interface SupervisionSubjectInfo {
  townId: string;
  unitPath: string;
  title: string;
  live: boolean;
  /** A district's task reaching several towns: it has no town of its own (its district stands in). */
  districtWide: boolean;
}

const CLOSED_CASE = new Set(['closed', 'rejected']);

/**
 * The subject of a supervision, or undefined if there is none. A task lies at its issuing unit; it is
 * live until it has ended (a recurring task past its end) or every assignment has been scored.
 */
export async function subjectOf(
  db: Db,
  subjectType: string,
  subjectId: string,
  now = new Date(),
): Promise<SupervisionSubjectInfo | undefined> {
  if (subjectType === 'task') return taskSubjectOf(db, subjectId, now);
  if (subjectType !== 'case') return undefined;
  const [row] = await db
    .select({
      townId: cases.townId,
      unitPath: cases.unitPath,
      status: cases.status,
      description: cases.description,
      matter: matters.name,
    })
    .from(cases)
    .innerJoin(matters, eq(matters.id, cases.matterId))
    .where(eq(cases.id, subjectId));
  if (!row) return undefined;
  return {
    townId: row.townId,
    unitPath: row.unitPath,
    title: `${row.matter}：${row.description.slice(0, 40)}`,
    live: !CLOSED_CASE.has(row.status),
    districtWide: false,
  };
}

async function taskSubjectOf(db: Db, taskId: string, now: Date): Promise<SupervisionSubjectInfo | undefined> {
  const [row] = await db
    .select({
      townId: tasks.townId,
      unitId: tasks.unitId,
      unitPath: tasks.unitPath,
      title: tasks.title,
      endsAt: tasks.endsAt,
    })
    .from(tasks)
    .where(eq(tasks.id, taskId));
  if (!row) return undefined;
  const progress = (await progressOf(db, [taskId], now)).get(taskId);
  const allScored =
    progress !== undefined && progress.assignments > 0 && progress.scored === progress.assignments;
  const ended = row.endsAt !== null && row.endsAt.getTime() <= now.getTime();
  return {
    townId: row.townId ?? row.unitId,
    unitPath: row.unitPath,
    title: `任务：${row.title}`,
    live: !allScored && !ended,
    districtWide: row.townId === null,
  };
}

async function titlesOf(db: Db, rows: readonly SupervisionRow[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const caseIds = rows.filter((r) => r.subjectType === 'case').map((r) => r.subjectId);
  if (caseIds.length > 0) {
    const found = await db
      .select({ id: cases.id, description: cases.description, matter: matters.name })
      .from(cases)
      .innerJoin(matters, eq(matters.id, cases.matterId))
      .where(inArray(cases.id, caseIds));
    for (const c of found) titles.set(c.id, `${c.matter}：${c.description.slice(0, 40)}`);
  }
  const taskIds = rows.filter((r) => r.subjectType === 'task').map((r) => r.subjectId);
  if (taskIds.length > 0) {
    const found = await db
      .select({ id: tasks.id, title: tasks.title })
      .from(tasks)
      .where(inArray(tasks.id, taskIds));
    for (const t of found) titles.set(t.id, t.title);
  }
  return titles;
}

/** The views of some supervisions, with their people, titles and (when asked) their history. */
export async function toSupervisionViews(
  db: Db,
  actor: Actor,
  rows: readonly SupervisionRow[],
  now: Date,
  withEvents = false,
): Promise<SupervisionView[]> {
  if (rows.length === 0) return [];
  const userIds = [...new Set(rows.flatMap((r) => [r.supervisorId, r.placedBy, r.closedBy ?? r.placedBy]))];
  const people = new Map(
    (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))).map(
      (u) => [u.id, u.name],
    ),
  );
  const titles = await titlesOf(db, rows);
  const progress = await progressOf(
    db,
    rows.filter((r) => r.subjectType === 'task').map((r) => r.subjectId),
    now,
  );
  const events = withEvents
    ? await eventsOf(
        db,
        rows.map((r) => r.id),
      )
    : new Map();
  const person = (id: string) => ({ id, name: people.get(id) ?? '' });
  return rows.map((r) => ({
    id: r.id,
    subjectType: r.subjectType as SupervisionSubject,
    subjectId: r.subjectId,
    subjectTitle: titles.get(r.subjectId) ?? '',
    subjectProgress:
      r.subjectType === 'task'
        ? (({ assignments, submitted, overdue }) => ({ assignments, submitted, overdue }))(
            progress.get(r.subjectId) ?? { assignments: 0, submitted: 0, scored: 0, overdue: 0 },
          )
        : null,
    townId: r.townId,
    level: r.level as SupervisionLevel,
    supervisor: person(r.supervisorId),
    placedBy: person(r.placedBy),
    requiredOutcome: r.requiredOutcome,
    dueAt: r.dueAt.toISOString(),
    status: r.status as 'open' | 'closed',
    overdue: r.status === 'open' && (isSupervisionOverdue(r, now) || r.overdueAt !== null),
    overdueFlaggedAt: r.overdueAt?.toISOString() ?? null,
    outcome: (r.outcome as SupervisionOutcome | null) ?? null,
    reviewNote: r.reviewNote,
    closedAt: r.closedAt?.toISOString() ?? null,
    closedBy: r.closedBy ? person(r.closedBy) : null,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
    actions: r.status === 'open' && authorizeSupervising(actor, r.unitPath) === 'allow' ? ['close'] : [],
    events: events.get(r.id) ?? [],
  }));
}

async function eventsOf(db: Db, ids: string[]) {
  const actor = alias(users, 'actor');
  const rows = await db
    .select({
      supervisionId: supervisionEvents.supervisionId,
      action: supervisionEvents.action,
      note: supervisionEvents.note,
      at: supervisionEvents.at,
      actorName: actor.name,
    })
    .from(supervisionEvents)
    .leftJoin(actor, eq(actor.id, supervisionEvents.actorId))
    .where(inArray(supervisionEvents.supervisionId, ids))
    .orderBy(asc(supervisionEvents.at));
  const byId = new Map<string, SupervisionView['events']>();
  for (const r of rows) {
    const list = byId.get(r.supervisionId) ?? [];
    list.push({
      action: r.action as SupervisionView['events'][number]['action'],
      actorName: r.actorName,
      note: r.note,
      at: r.at.toISOString(),
    });
    byId.set(r.supervisionId, list);
  }
  return byId;
}
