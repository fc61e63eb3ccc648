import type { Role } from '@domain/auth/roles';
import type { GrantView } from '@domain/auth/schemas';
import type { UnitKind } from '@domain/org/kinds';
import type { Actor, Grant } from '@domain/policies/scope';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits, posts, roleGrants } from '../db/schema';
import { idsOfPath } from '../org/paths';

export interface LoadedGrant extends Grant {
  id: string;
}

/** The live grants of one user, with each unit's path; grants at retired units no longer count. */
export async function loadGrants(db: Db, userId: string): Promise<LoadedGrant[]> {
  const rows = await db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitPath: orgUnits.path,
      postId: roleGrants.postId,
    })
    .from(roleGrants)
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
    .where(and(eq(roleGrants.userId, userId), isNull(orgUnits.retiredAt)));
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export function actorOf(userId: string, grants: readonly Grant[]): Actor {
  return { userId, grants };
}

/** Grants as people read them: the unit's name with its trail from the district, and the post. */
export async function describeGrants(
  db: Db,
  grants: readonly { id: string; role: Role; unitId: string; unitPath: string; postId?: string | null }[],
): Promise<GrantView[]> {
  if (grants.length === 0) return [];
  const unitIds = [...new Set(grants.flatMap((g) => idsOfPath(g.unitPath)))];
  const units = await db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnits)
    .where(inArray(orgUnits.id, unitIds));
  const byId = new Map(units.map((u) => [u.id, u]));
  const postIds = grants.map((g) => g.postId).filter((p): p is string => !!p);
  const postRows = postIds.length
    ? await db.select({ id: posts.id, name: posts.name }).from(posts).where(inArray(posts.id, postIds))
    : [];
  const postNames = new Map(postRows.map((p) => [p.id, p.name]));
  return grants.map((g) => {
    const unit = byId.get(g.unitId);
    return {
      id: g.id,
      role: g.role,
      unitId: g.unitId,
      unitName: unit?.name ?? '',
      unitKind: (unit?.kind ?? 'district') as UnitKind,
      unitTrail: idsOfPath(g.unitPath).map((id) => byId.get(id)?.name ?? ''),
      postId: g.postId ?? null,
      postName: g.postId ? (postNames.get(g.postId) ?? null) : null,
    };
  });
}
