import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { authorizeStore } from '@domain/store/policy';
import type { StoreItemPatch } from '@domain/store/schemas';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { photos, storeItems } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import type { ItemRow } from './items';

/**
 * Staff restock, reprice or take an item off the shelf. The stock is what is left to redeem (held
 * units are already taken), and the item's row lock orders this against redemptions in flight.
 */
export async function editStoreItem(
  db: Db,
  actor: Actor,
  id: string,
  patch: StoreItemPatch,
): Promise<ItemRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(storeItems).where(eq(storeItems.id, id)).for('update');
    if (!row) enforce('not_found');
    const item = row as ItemRow;
    enforce(authorizeStore(actor, item.unitPath));
    if (patch.photoId) {
      const [photo] = await tx
        .select({ id: photos.id })
        .from(photos)
        .where(and(eq(photos.id, patch.photoId), eq(photos.uploadedBy, actor.userId)));
      if (!photo) throw new AppError('PHOTO_UNKNOWN');
    }
    const [updated] = await tx
      .update(storeItems)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(storeItems.id, id))
      .returning();
    await writeAudit(tx, {
      townId: item.townId,
      actorId: actor.userId,
      subjectType: 'store_item',
      subjectId: item.id,
      action: 'updated',
      detail: { ...patch },
    });
    return updated as ItemRow;
  });
}
