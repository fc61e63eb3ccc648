import type { AskDetail, AskKind, AskList, AskSummary } from '@domain/asks/schemas';
import type { AskStatus } from '@domain/asks/states';
import { type AskTarget, allowedAskActions, canReadAsk, isHeadOf } from '@domain/policies/asks';
import type { Actor } from '@domain/policies/scope';
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { askEvents, askPhotos, asks, askVoiceNotes, cases, mediations, orgUnits, users } from '../db/schema';
import { enforce } from '../platform/enforce';

export type AskRow = typeof asks.$inferSelect;

export function askTargetOf(row: AskRow): AskTarget {
  return { status: row.status as AskStatus, residentId: row.residentId, courtyardPath: row.courtyardPath };
}

/** The ask if the actor may read it; anyone else is told it does not exist. */
export async function readableAsk(db: Db, actor: Actor, id: string): Promise<AskRow> {
  const [row] = await db.select().from(asks).where(eq(asks.id, id));
  if (!row || !canReadAsk(actor, askTargetOf(row))) enforce('not_found');
  return row as AskRow;
}

/** Unread is per viewer: the head hears of new asks and the resident's word, the resident of the head's steps. */
function unreadFor(actor: Actor, row: AskRow): boolean {
  if (row.residentId === actor.userId) return row.residentUnread;
  return isHeadOf(actor, row.courtyardPath) && row.headUnread;
}

async function namesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function toAskSummaries(db: Db, actor: Actor, rows: readonly AskRow[]): Promise<AskSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [people, yards, photoCounts, voices] = await Promise.all([
    namesOf(
      db,
      rows.map((r) => r.residentId),
    ),
    db
      .select({ id: orgUnits.id, name: orgUnits.name })
      .from(orgUnits)
      .where(inArray(orgUnits.id, [...new Set(rows.map((r) => r.courtyardId))])),
    db
      .select({ askId: askPhotos.askId, n: sql<number>`count(*)::int` })
      .from(askPhotos)
      .where(inArray(askPhotos.askId, ids))
      .groupBy(askPhotos.askId),
    db.select({ askId: askVoiceNotes.askId }).from(askVoiceNotes).where(inArray(askVoiceNotes.askId, ids)),
  ]);
  const yardName = new Map(yards.map((y) => [y.id, y.name]));
  const photosOf = new Map(photoCounts.map((p) => [p.askId, Number(p.n)]));
  const voiced = new Set(voices.map((v) => v.askId));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as AskKind,
    status: r.status as AskStatus,
    text: r.text,
    courtyard: { id: r.courtyardId, name: yardName.get(r.courtyardId) ?? '' },
    resident: { id: r.residentId, name: people.get(r.residentId) ?? '' },
    hasVoice: voiced.has(r.id),
    photoCount: photosOf.get(r.id) ?? 0,
    unread: unreadFor(actor, r),
    askedAt: r.askedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function toAskDetail(db: Db, actor: Actor, row: AskRow): Promise<AskDetail> {
  const [summary] = await toAskSummaries(db, actor, [row]);
  const [photoRows, voice, events, mediationRows, linked] = await Promise.all([
    db.select().from(askPhotos).where(eq(askPhotos.askId, row.id)).orderBy(asc(askPhotos.position)),
    db.select({ id: askVoiceNotes.id }).from(askVoiceNotes).where(eq(askVoiceNotes.askId, row.id)),
    db.select().from(askEvents).where(eq(askEvents.askId, row.id)).orderBy(asc(askEvents.seq)),
    db.select().from(mediations).where(eq(mediations.askId, row.id)).orderBy(asc(mediations.createdAt)),
    row.caseId
      ? db.select({ id: cases.id, status: cases.status }).from(cases).where(eq(cases.id, row.caseId))
      : Promise.resolve([]),
  ]);
  const people = await namesOf(db, [
    ...events.map((e) => e.actorId).filter((a): a is string => a !== null),
    ...mediationRows.map((m) => m.mediatorId),
  ]);
  const person = (id: string) => ({ id, name: people.get(id) ?? '' });
  return {
    ...(summary as AskSummary),
    townId: row.townId,
    photos: photoRows.map((p) => ({ id: p.photoId, url: `/api/v1/asks/${row.id}/photos/${p.photoId}` })),
    voiceUrl: voice.length ? `/api/v1/asks/${row.id}/voice` : null,
    answers: events
      .filter((e) => e.action === 'answer' && e.actorId)
      .map((e) => ({ text: e.note ?? '', by: person(e.actorId as string), at: e.at.toISOString() })),
    mediations: mediationRows.map((m) => ({
      id: m.id,
      parties: m.parties,
      agreement: m.agreement,
      followUpOn: m.followUpOn,
      mediator: person(m.mediatorId),
      at: m.createdAt.toISOString(),
    })),
    case: linked[0] ?? null,
    timeline: events.map((e) => ({
      id: e.id,
      action: e.action,
      toStatus: e.toStatus as AskStatus,
      note: e.note,
      actor: e.actorId ? person(e.actorId) : null,
      at: e.at.toISOString(),
    })),
    can: allowedAskActions(actor, askTargetOf(row)),
    version: row.version,
  };
}

/** The asks I sent, or those of the courtyards I head, newest first. */
export async function listAsks(
  db: Db,
  actor: Actor,
  box: 'mine' | 'courtyard',
  limit: number,
): Promise<AskList> {
  const yards = actor.grants.filter((g) => g.role === 'courtyard_head').map((g) => g.unitId);
  if (box === 'courtyard' && yards.length === 0) return { items: [], unreadCount: 0 };
  const where = box === 'mine' ? eq(asks.residentId, actor.userId) : inArray(asks.courtyardId, yards);
  const unreadColumn = box === 'mine' ? asks.residentUnread : asks.headUnread;
  const [rows, [unread]] = await Promise.all([
    db.select().from(asks).where(where).orderBy(desc(asks.askedAt), desc(asks.id)).limit(limit),
    db.select({ n: sql<number>`count(*)::int` }).from(asks).where(sql`${where} and ${unreadColumn}`),
  ]);
  return { items: await toAskSummaries(db, actor, rows), unreadCount: Number(unread?.n ?? 0) };
}

/** Opening an ask clears what was new in it for the one who opened it. */
export async function markAskSeen(db: Db, actor: Actor, row: AskRow): Promise<void> {
  if (row.residentId === actor.userId && row.residentUnread) {
    await db.update(asks).set({ residentUnread: false }).where(eq(asks.id, row.id));
    row.residentUnread = false;
  }
  if (isHeadOf(actor, row.courtyardPath) && row.headUnread) {
    await db.update(asks).set({ headUnread: false }).where(eq(asks.id, row.id));
    row.headUnread = false;
  }
}

/** The ask a case was handed over from: the case's side of the link. */
export async function askIdOfCase(db: Db, caseId: string): Promise<string | null> {
  const [row] = await db.select({ id: asks.id }).from(asks).where(eq(asks.caseId, caseId));
  return row?.id ?? null;
}
