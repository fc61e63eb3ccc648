import type { NoticeCategory, NoticeStatus, NoticeView } from '@domain/notices/schemas';
import type { UnitKind } from '@domain/org/kinds';
import type { Actor } from '@domain/policies/scope';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { householdBindings, noticePhotos, notices, orgUnits, users } from '../db/schema';

export type NoticeRow = typeof notices.$inferSelect;

/** The paths of the courtyards a person's household is bound in: they are in the audience there. */
export async function boundPathsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ path: householdBindings.unitPath })
    .from(householdBindings)
    .where(and(eq(householdBindings.userId, userId), eq(householdBindings.status, 'bound')));
  return rows.map((r) => r.path);
}

/**
 * A notice's audience: everyone holding a role at or under its unit, and everyone bound to a household
 * there. One person counts once however many ways they are reached.
 */
export function audienceOf(unitPath: SQL | string): SQL {
  return sql`(
    select g.user_id from role_grants g
      join org_units o on o.id = g.unit_id
      join users u on u.id = g.user_id
     where o.path like ${unitPath}::text || '%' and o.retired_at is null and u.disabled_at is null
    union
    select b.user_id from household_bindings b
      join users u on u.id = b.user_id
     where b.status = 'bound' and b.unit_path like ${unitPath}::text || '%' and u.disabled_at is null
  )`;
}

/**
 * Columns named in full: drizzle writes a bare "unit_path" when a query reads one table, which inside
 * these subqueries would mean the subquery's own column.
 */
const NOTICE_ID = sql.raw('"notices"."id"');
export const NOTICE_PATH = sql.raw('"notices"."unit_path"');

/** How many of a notice's audience there are and how many of them have opened it. */
export const audienceCount = sql<number>`(select count(*) from ${audienceOf(NOTICE_PATH)} a)::int`;
export const readCount = sql<number>`(select count(*) from ${audienceOf(NOTICE_PATH)} a
  join notice_reads r on r.user_id = a.user_id and r.notice_id = ${NOTICE_ID})::int`;

export function readBy(userId: string) {
  return sql<boolean>`exists (select 1 from notice_reads r where r.notice_id = ${NOTICE_ID} and r.user_id = ${userId})`;
}

export const noticeColumns = {
  notice: notices,
  unitName: orgUnits.name,
  unitKind: orgUnits.kind,
  publisherName: users.name,
};

/** A notice with its unit and publisher joined, for the views below. */
export function selectNotices(db: Db, viewerId: string) {
  return db
    .select({ ...noticeColumns, read: readBy(viewerId) })
    .from(notices)
    .innerJoin(orgUnits, eq(orgUnits.id, notices.unitId))
    .innerJoin(users, eq(users.id, notices.publishedBy));
}

export interface JoinedNotice {
  notice: NoticeRow;
  unitName: string;
  unitKind: string;
  publisherName: string;
  read: boolean;
}

/** The photo ids of each notice, in the publisher's order. */
export async function noticePhotoIds(db: Db, noticeIds: readonly string[]): Promise<Map<string, string[]>> {
  const byNotice = new Map<string, string[]>();
  if (noticeIds.length === 0) return byNotice;
  const rows = await db
    .select()
    .from(noticePhotos)
    .where(inArray(noticePhotos.noticeId, [...noticeIds]))
    .orderBy(asc(noticePhotos.noticeId), asc(noticePhotos.position));
  for (const r of rows) byNotice.set(r.noticeId, [...(byNotice.get(r.noticeId) ?? []), r.photoId]);
  return byNotice;
}

export function toNoticeView(r: JoinedNotice, photoIds: readonly string[] = []): NoticeView {
  return {
    id: r.notice.id,
    unit: { id: r.notice.unitId, name: r.unitName, kind: r.unitKind as UnitKind },
    title: r.notice.title,
    body: r.notice.body,
    category: r.notice.category as NoticeCategory,
    pinned: r.notice.pinned,
    status: r.notice.status as NoticeStatus,
    publisher: { id: r.notice.publishedBy, name: r.publisherName },
    publishedAt: r.notice.publishedAt.toISOString(),
    withdrawnAt: r.notice.withdrawnAt?.toISOString() ?? null,
    photos: photoIds.map((id) => ({
      id,
      url: `/api/v1/photos/${id}`,
      thumbUrl: `/api/v1/photos/${id}/thumb`,
    })),
    read: !!r.read,
  };
}

/** Notices as the API shows them, each with its photos, in one more query however many there are. */
export async function toNoticeViews(db: Db, rows: readonly JoinedNotice[]): Promise<NoticeView[]> {
  const photos = await noticePhotoIds(
    db,
    rows.map((r) => r.notice.id),
  );
  return rows.map((r) => toNoticeView(r, photos.get(r.notice.id)));
}

export async function toNoticeViewOf(db: Db, row: JoinedNotice): Promise<NoticeView> {
  return (await toNoticeViews(db, [row]))[0] as NoticeView;
}

export async function findNotice(db: Db, viewer: Actor, id: string): Promise<JoinedNotice | undefined> {
  const [row] = await selectNotices(db, viewer.userId).where(eq(notices.id, id));
  return row;
}
