import { AppError } from '@domain/errors/codes';
import { authorizeNoticePublishing, isNoticeTarget } from '@domain/notices/policy';
import type { NoticeInput } from '@domain/notices/schemas';
import type { UnitKind } from '@domain/org/kinds';
import type { Actor } from '@domain/policies/scope';
import { and, eq, inArray, isNull, notExists } from 'drizzle-orm';
import type { Db } from '../db/client';
import { noticePhotos, notices, photos } from '../db/schema';
import { findUnit, type UnitRow } from '../org/queries';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { townOf } from '../registry/queries';

/** A head to their courtyard, staff anywhere in their subtree; the audit row commits with the notice. */
export async function publishNotice(db: Db, actor: Actor, input: NoticeInput): Promise<string> {
  const unit = await findUnit(db, input.unitId);
  if (!unit || unit.retiredAt) enforce('not_found');
  const target = unit as UnitRow;
  enforce(authorizeNoticePublishing(actor, target.path));
  if (!isNoticeTarget(target.kind as UnitKind)) throw new AppError('NOTICE_TARGET_KIND');
  const photoIds = [...new Set(input.photoIds)];
  const id = newId();
  await db.transaction(async (tx) => {
    // Only the publisher's own photos, not yet shown with a case or another notice.
    const usable = photoIds.length
      ? await tx
          .select({ id: photos.id })
          .from(photos)
          .where(
            and(
              inArray(photos.id, photoIds),
              eq(photos.uploadedBy, actor.userId),
              isNull(photos.caseId),
              notExists(tx.select().from(noticePhotos).where(eq(noticePhotos.photoId, photos.id))),
            ),
          )
          .for('update')
      : [];
    if (usable.length !== photoIds.length) throw new AppError('PHOTO_UNKNOWN');
    await tx.insert(notices).values({
      id,
      townId: townOf(target),
      unitId: target.id,
      unitPath: target.path,
      title: input.title,
      body: input.body,
      category: input.category,
      pinned: input.pinned,
      publishedBy: actor.userId,
    });
    if (photoIds.length)
      await tx
        .insert(noticePhotos)
        .values(photoIds.map((photoId, position) => ({ photoId, noticeId: id, position })));
    await writeAudit(tx, {
      townId: townOf(target),
      actorId: actor.userId,
      subjectType: 'notice',
      subjectId: id,
      action: 'published',
      detail: { unitId: target.id, category: input.category, pinned: input.pinned, photoIds },
    });
  });
  return id;
}
