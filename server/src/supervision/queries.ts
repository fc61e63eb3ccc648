import type { Actor } from '@domain/policies/scope';
import { authorizeSupervising, isSupervisionOverdue } from '@domain/supervision/policy';
import type { SupervisionLevel, SupervisionOutcome, SupervisionView } from '@domain/supervision/schemas';
import { asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { cases, matters, supervisionEvents, type supervisions, users } from '../db/schema';

export type SupervisionRow = typeof supervisions.$inferSelect;

/** What a supervision needs to know of its subject: where it lies, what it is, whether it is still live. */
export interface SupervisionSubjectInfo {
  townId: string;
  unitPath: string;
  title: string;
  live: boolean;
}

const CLOSED_CASE = new Set(['closed', 'rejected']);

/** The subject of a supervision, or undefined if there is none. A task type joins here when it lands. */
export async function subjectOf(
  db: Db,
  subjectType: string,
  subjectId: string,
): Promise<SupervisionSubjectInfo | undefined> {
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
  };
}

async function titlesOf(db: Db, rows: readonly SupervisionRow[]): Promise<Map<string, string>> {
  const caseIds = rows.filter((r) => r.subjectType === 'case').map((r) => r.subjectId);
  if (caseIds.length === 0) return new Map();
  const found = await db
    .select({ id: cases.id, description: cases.description, matter: matters.name })
    .from(cases)
    .innerJoin(matters, eq(matters.id, cases.matterId))
    .where(inArray(cases.id, caseIds));
  return new Map(found.map((c) => [c.id, `${c.matter}：${c.description.slice(0, 40)}`]));
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
  const events = withEvents
    ? await eventsOf(
        db,
        rows.map((r) => r.id),
      )
    : new Map();
  const person = (id: string) => ({ id, name: people.get(id) ?? '' });
  return rows.map((r) => ({
    id: r.id,
    subjectType: r.subjectType as 'case',
    subjectId: r.subjectId,
    subjectTitle: titles.get(r.subjectId) ?? '',
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
