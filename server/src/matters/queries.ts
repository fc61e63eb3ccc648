import type { MatterLevel, TimeLimits } from '@domain/matters/schemas';
import type { MatterView } from '@domain/matters/views';
import type { SectorKind } from '@domain/org/kinds';
import { authorizeMatters } from '@domain/policies/matters';
import type { Actor } from '@domain/policies/scope';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { matters, posts } from '../db/schema';
import { findUnit, type UnitRow } from '../org/queries';
import { enforce } from '../platform/enforce';

export type MatterRow = typeof matters.$inferSelect;

export async function townFor(
  db: Db,
  actor: Actor,
  townId: string,
  action: 'read' | 'manage',
): Promise<UnitRow> {
  const town = await findUnit(db, townId);
  if (town?.kind !== 'town') enforce('not_found');
  enforce(authorizeMatters(actor, action, (town as UnitRow).path));
  return town as UnitRow;
}

export async function mattersOfTown(db: Db, townId: string): Promise<MatterView[]> {
  const rows = await db
    .select({ matter: matters, postName: posts.name })
    .from(matters)
    .leftJoin(posts, eq(posts.id, matters.postId))
    .where(eq(matters.townId, townId))
    .orderBy(asc(matters.code));
  return rows.map(({ matter, postName }) => toMatterView(matter, postName));
}

export function toMatterView(m: MatterRow, postName: string | null): MatterView {
  return {
    id: m.id,
    parentId: m.parentId,
    code: m.code,
    name: m.name,
    level: m.level as MatterLevel,
    sector: m.sector as SectorKind,
    post: m.postId && postName ? { id: m.postId, name: postName } : null,
    isDispute: m.isDispute,
    directToFacilityWorker: m.directToFacilityWorker,
    workingDays: m.workingDays,
    limits: m.limits as TimeLimits,
    retired: m.retiredAt != null,
  };
}
