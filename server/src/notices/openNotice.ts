import { authorizeNoticeReading } from '@domain/notices/policy';
import type { NoticeStatus, NoticeView } from '@domain/notices/schemas';
import type { Actor } from '@domain/policies/scope';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { noticePhotos, noticeReads } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { boundPathsOf, findNotice, type JoinedNotice, toNoticeViewOf } from './queries';

/** A notice the actor may read (its audience, or the staff above it); anyone else is told it does not exist. */
export async function readableNotice(db: Db, actor: Actor, id: string): Promise<JoinedNotice> {
  const found = await findNotice(db, actor, id);
  if (!found) enforce('not_found');
  const row = found as JoinedNotice;
  const bound = await boundPathsOf(db, actor.userId);
  enforce(
    authorizeNoticeReading(actor, bound, {
      unitPath: row.notice.unitPath,
      status: row.notice.status as NoticeStatus,
    }),
  );
  return row;
}

/**
 * Records that the actor has opened the notice. The first opening is the receipt; later ones change
 * nothing, so the publisher's count is of people, not of taps.
 */
export async function markNoticeRead(db: Db, actor: Actor, id: string): Promise<NoticeView> {
  const row = await readableNotice(db, actor, id);
  if (!row.read) {
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(noticeReads)
        .values({ noticeId: id, userId: actor.userId, townId: row.notice.townId })
        .onConflictDoNothing()
        .returning({ noticeId: noticeReads.noticeId });
      if (inserted.length > 0)
        await writeAudit(tx, {
          townId: row.notice.townId,
          actorId: actor.userId,
          subjectType: 'notice',
          subjectId: id,
          action: 'read',
        });
    });
  }
  return toNoticeViewOf(db, { ...row, read: true });
}

/** A photo shown with a notice is readable by whoever may read that notice; any other photo is not found here. */
export async function readableNoticePhoto(db: Db, actor: Actor, photoId: string): Promise<void> {
  const [link] = await db.select().from(noticePhotos).where(eq(noticePhotos.photoId, photoId));
  if (!link) enforce('not_found');
  await readableNotice(db, actor, (link as typeof noticePhotos.$inferSelect).noticeId);
}
