import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits, storeItems } from '../db/schema';
import { newId } from '../platform/ids';

/** What 万宝村's points store (积分超市) starts with: everyday goods a household actually wants. */
const DEMO_ITEMS = [
  { name: '肥皂', price: 5, stock: 50 },
  { name: '毛巾', price: 10, stock: 30 },
  { name: '洗衣粉', price: 20, stock: 20 },
  { name: '食用油 5L', price: 60, stock: 10 },
  { name: '大米 10kg', price: 80, stock: 8 },
] as const;

/**
 * Stocks the demo village's store so the demo is alive. Idempotent: an item already there by name is
 * left as it is (its stock may have been redeemed), so a restart never restocks or duplicates.
 */
export async function seedPointsDemo(db: Db, villageName = '万宝村'): Promise<number> {
  const [village] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'village'), eq(orgUnits.name, villageName)))
    .limit(1);
  if (!village) return 0;
  const present = new Set(
    (
      await db.select({ name: storeItems.name }).from(storeItems).where(eq(storeItems.villageId, village.id))
    ).map((r) => r.name),
  );
  const rows = DEMO_ITEMS.filter((i) => !present.has(i.name)).map((i) => ({
    id: newId(),
    townId: village.townId ?? village.id,
    villageId: village.id,
    unitPath: village.path,
    name: i.name,
    price: i.price,
    stock: i.stock,
    photoId: null,
    active: true,
    createdBy: null,
  }));
  if (rows.length > 0) await db.insert(storeItems).values(rows);
  return rows.length;
}
