import { DEFAULT_MATTER_CATALOGUE } from '@domain/matters/catalogue';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { matters, posts } from '../db/schema';
import { newId } from '../platform/ids';

/** Gives a town its own copy of the default catalogue, with each matter's post found by name in that town. */
export async function seedMatterCatalogue(tx: Db, townId: string): Promise<void> {
  const townPosts = await tx
    .select({ id: posts.id, name: posts.name })
    .from(posts)
    .where(and(eq(posts.townId, townId), isNull(posts.retiredAt)));
  const postByName = new Map(townPosts.map((p) => [p.name, p.id]));
  const idByCode = new Map<string, string>();
  // Categories first, so each matter finds its parent's id.
  const ordered = [...DEFAULT_MATTER_CATALOGUE].sort(
    (a, b) => Number(!!a.parentCode) - Number(!!b.parentCode),
  );
  const rows = ordered.map((entry) => {
    const id = newId();
    idByCode.set(entry.code, id);
    return {
      id,
      townId,
      parentId: entry.parentCode ? (idByCode.get(entry.parentCode) ?? null) : null,
      code: entry.code,
      name: entry.name,
      level: entry.level,
      sector: entry.sector,
      postId: entry.postName ? (postByName.get(entry.postName) ?? null) : null,
      isDispute: entry.isDispute,
      directToFacilityWorker: entry.directToFacilityWorker ?? false,
      limits: entry.limits,
    };
  });
  if (rows.length) await tx.insert(matters).values(rows);
}
