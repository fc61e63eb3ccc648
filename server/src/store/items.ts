import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { isWithin } from '@domain/policies/scope';
import { authorizeStore } from '@domain/store/policy';
import type { StoreItemInput, StoreItemView } from '@domain/store/schemas';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits, photos, storeItems } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';

export type ItemRow = typeof storeItems.$inferSelect;

export function toItemView(r: ItemRow): StoreItemView {
  return {
    id: r.id,
    villageId: r.villageId,
    name: r.name,
    price: r.price,
    stock: r.stock,
    photoId: r.photoId,
    active: r.active,
  };
}

async function unitOf(db: Db, unitId: string) {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit) enforce('not_found');
  return unit as typeof orgUnits.$inferSelect;
}

/** A village stocks its points store (积分超市) with goods, a price in points and a stock count. */
export async function createStoreItem(db: Db, actor: Actor, input: StoreItemInput): Promise<ItemRow> {
  const village = await unitOf(db, input.villageId);
  enforce(authorizeStore(actor, village.path));
  if (village.kind !== 'village')
    throw new AppError('VALIDATION_FAILED', { zh: '商品须属于一个村', en: 'An item belongs to a village' });
  return db.transaction(async (tx) => {
    if (input.photoId) {
      const [photo] = await tx
        .select({ id: photos.id })
        .from(photos)
        .where(and(eq(photos.id, input.photoId), eq(photos.uploadedBy, actor.userId)));
      if (!photo) throw new AppError('PHOTO_UNKNOWN');
    }
    const [row] = await tx
      .insert(storeItems)
      .values({
        id: newId(),
        townId: village.townId ?? village.id,
        villageId: village.id,
        unitPath: village.path,
        name: input.name,
        price: input.price,
        stock: input.stock,
        photoId: input.photoId,
        active: input.active,
        createdBy: actor.userId,
      })
      .returning();
    const item = row as ItemRow;
    await writeAudit(tx, {
      townId: item.townId,
      actorId: actor.userId,
      subjectType: 'store_item',
      subjectId: item.id,
      action: 'created',
      detail: { name: item.name, price: item.price, stock: item.stock },
    });
    return item;
  });
}

/** The goods of a village's store, for its residents and for the staff above it. */
export async function storeItemsAt(db: Db, actor: Actor, unitId: string): Promise<StoreItemView[]> {
  const unit = await unitOf(db, unitId);
  if (!actor.grants.some((g) => isWithin(unit.path, g.unitPath) || isWithin(g.unitPath, unit.path)))
    enforce('not_found');
  const rows = await db
    .select()
    .from(storeItems)
    .where(eq(storeItems.villageId, unit.id))
    .orderBy(asc(storeItems.price), asc(storeItems.id));
  return rows.map(toItemView);
}
