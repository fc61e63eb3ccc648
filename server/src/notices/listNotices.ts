import { authorizeNoticePublishing } from '@domain/notices/policy';
import type { NoticeReads, NoticeSummary } from '@domain/notices/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, asc, desc, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices, orgUnits, users } from '../db/schema';
import { findUnit, type UnitRow } from '../org/queries';
import { enforce } from '../platform/enforce';
import {
  audienceCount,
  audienceOf,
  noticeColumns,
  noticePhotoIds,
  readBy,
  readCount,
  toNoticeView,
} from './queries';

/**
 * The publisher's list: every notice addressed at or under a unit, withdrawn ones too, newest first,
 * each with its audience and how many of them have read it.
 */
export async function listNotices(db: Db, actor: Actor, unitId: string): Promise<NoticeSummary[]> {
  const unit = await findUnit(db, unitId);
  if (!unit) enforce('not_found');
  const path = (unit as UnitRow).path;
  enforce(authorizeNoticePublishing(actor, path));
  const rows = await db
    .select({ ...noticeColumns, read: readBy(actor.userId), audience: audienceCount, readCount })
    .from(notices)
    .innerJoin(orgUnits, eq(orgUnits.id, notices.unitId))
    .innerJoin(users, eq(users.id, notices.publishedBy))
    .where(like(notices.unitPath, `${path}%`))
    .orderBy(desc(notices.publishedAt))
    .limit(200);
  const photos = await noticePhotoIds(
    db,
    rows.map((r) => r.notice.id),
  );
  return rows.map((r) => ({
    ...toNoticeView(r, photos.get(r.notice.id)),
    audience: Number(r.audience),
    readCount: Number(r.readCount),
    can: { withdraw: r.notice.status === 'published' },
  }));
}

const USER_ID = sql.raw('"users"."id"');

/** Who of a notice's audience has read it, and by name who has not (the first 500, by name). */
export async function noticeReadsOf(db: Db, actor: Actor, id: string): Promise<NoticeReads> {
  const [row] = await db
    .select({ notice: notices, audience: audienceCount, readCount })
    .from(notices)
    .where(eq(notices.id, id));
  if (!row) enforce('not_found');
  const found = row as NonNullable<typeof row>;
  enforce(authorizeNoticePublishing(actor, found.notice.unitPath));
  const path = found.notice.unitPath;
  const place = sql<string>`coalesce(
    (select o.name from household_bindings b join org_units o on o.id = b.courtyard_id
      where b.user_id = ${USER_ID} and b.status = 'bound' and b.unit_path like ${path}::text || '%' limit 1),
    (select o.name from role_grants g join org_units o on o.id = g.unit_id
      where g.user_id = ${USER_ID} and o.path like ${path}::text || '%' order by o.depth desc limit 1),
    '')`;
  const unread = await db
    .select({ userId: users.id, name: users.name, place })
    .from(users)
    .where(
      and(
        sql`${USER_ID} in ${audienceOf(path)}`,
        sql`not exists (select 1 from notice_reads r where r.notice_id = ${id} and r.user_id = ${USER_ID})`,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(500);
  return { audience: Number(found.audience), readCount: Number(found.readCount), unread };
}
