import { AppError } from '@domain/errors/codes';
import { authorizeNoticePublishing } from '@domain/notices/policy';
import type { Actor } from '@domain/policies/scope';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notices } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';

/**
 * Takes a notice off residents' phones. The row stays, stamped, with its read receipts, so what was
 * said and who had read it remains on record.
 */
export async function withdrawNotice(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(notices).where(eq(notices.id, id)).for('update');
    if (!row) enforce('not_found');
    const notice = row as typeof notices.$inferSelect;
    enforce(authorizeNoticePublishing(actor, notice.unitPath));
    if (notice.status === 'withdrawn') throw new AppError('NOTICE_WITHDRAWN');
    await tx
      .update(notices)
      .set({ status: 'withdrawn', withdrawnBy: actor.userId, withdrawnAt: new Date() })
      .where(eq(notices.id, id));
    await writeAudit(tx, {
      townId: notice.townId,
      actorId: actor.userId,
      subjectType: 'notice',
      subjectId: id,
      action: 'withdrawn',
    });
  });
}
