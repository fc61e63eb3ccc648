import type { NoticeView } from '@domain/notices/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices } from '../db/schema';
import { boundPathsOf, NOTICE_PATH, selectNotices, toNoticeViews } from './queries';

/**
 * What reaches a person on the phone: published notices addressed to any unit at or above where they
 * hold a role or have a bound household (their courtyard, its village, its town). Pinned first, then
 * newest, each with the person's own unread mark.
 */
export async function myNotices(db: Db, actor: Actor): Promise<{ items: NoticeView[]; unread: number }> {
  const paths = [
    ...new Set([...actor.grants.map((g) => g.unitPath), ...(await boundPathsOf(db, actor.userId))]),
  ];
  if (paths.length === 0) return { items: [], unread: 0 };
  const rows = await selectNotices(db, actor.userId)
    .where(
      and(
        eq(notices.status, 'published'),
        or(...paths.map((p) => sql`${p}::text like ${NOTICE_PATH} || '%'`)),
      ),
    )
    .orderBy(desc(notices.pinned), desc(notices.publishedAt))
    .limit(100);
  const items = await toNoticeViews(db, rows);
  return { items, unread: items.filter((n) => !n.read).length };
}
