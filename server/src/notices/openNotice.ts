import { authorizeNoticeReading } from '@domain/notices/policy';
import type { NoticeStatus, NoticeView } from '@domain/notices/schemas';
import type { Actor } from '@domain/policies/scope';
import type { Db } from '../db/client';
import { noticeReads } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { boundPathsOf, findNotice, type JoinedNotice, toNoticeView } from './queries';

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
  return toNoticeView({ ...row, read: true });
}
