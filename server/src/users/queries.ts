import type { Role } from '@domain/auth/roles';
import type { Actor } from '@domain/policies/scope';
import { authorizeUserManage, type UserTarget } from '@domain/policies/users';
import type { UserView } from '@domain/users/schemas';
import { and, asc, eq, exists, gt, ilike, inArray, isNull, like, or, type SQL } from 'drizzle-orm';
import { describeGrants } from '../auth/grants';
import type { Db } from '../db/client';
import { orgUnits, roleGrants, users } from '../db/schema';
import { likePrefix } from '../org/paths';

export type UserRow = typeof users.$inferSelect;

export interface UserGrantRow {
  id: string;
  userId: string;
  role: Role;
  unitId: string;
  unitPath: string;
  postId: string | null;
}

export async function grantsOfUsers(db: Db, userIds: readonly string[]): Promise<UserGrantRow[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitPath: orgUnits.path,
      postId: roleGrants.postId,
    })
    .from(roleGrants)
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
    .where(and(inArray(roleGrants.userId, [...userIds]), isNull(orgUnits.retiredAt)));
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export function targetOf(user: { id: string }, grants: readonly UserGrantRow[]): UserTarget {
  return { id: user.id, grants: grants.filter((g) => g.userId === user.id) };
}

export async function toUserViews(db: Db, actor: Actor, rows: readonly UserRow[]): Promise<UserView[]> {
  const grants = await grantsOfUsers(
    db,
    rows.map((r) => r.id),
  );
  const described = await describeGrants(db, grants);
  const describedById = new Map(described.map((d) => [d.id, d]));
  return rows.map((user) => {
    const own = grants.filter((g) => g.userId === user.id);
    return {
      id: user.id,
      phone: user.phone,
      name: user.name,
      disabled: user.disabledAt != null,
      createdAt: user.createdAt.toISOString(),
      grants: own.map((g) => describedById.get(g.id)).filter((g) => g !== undefined),
      can: authorizeUserManage(actor, targetOf(user, own)) === 'allow' ? ['manage' as const] : [],
    };
  });
}

/** People holding any role inside one of `scopes` (and, if asked, inside one unit's subtree). */
export async function listUsers(
  db: Db,
  input: {
    scopes: readonly string[];
    withinPath?: string | undefined;
    role?: Role | undefined;
    q?: string | undefined;
    after: [string, string] | null;
    limit: number;
  },
): Promise<UserRow[]> {
  const grantConditions: SQL[] = [eq(roleGrants.userId, users.id)];
  const scopeConditions = input.scopes.map((s) => like(orgUnits.path, likePrefix(s)));
  const inScope = or(...scopeConditions);
  if (inScope) grantConditions.push(inScope);
  if (input.withinPath) grantConditions.push(like(orgUnits.path, likePrefix(input.withinPath)));
  if (input.role) grantConditions.push(eq(roleGrants.role, input.role));
  const conditions: SQL[] = [
    exists(
      db
        .select({ one: roleGrants.id })
        .from(roleGrants)
        .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
        .where(and(...grantConditions)),
    ),
  ];
  if (input.q) {
    const pattern = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(users.name, pattern), like(users.phone, pattern));
    if (match) conditions.push(match);
  }
  if (input.after) {
    const [name, id] = input.after;
    const keyset = or(gt(users.name, name), and(eq(users.name, name), gt(users.id, id)));
    if (keyset) conditions.push(keyset);
  }
  return db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.name), asc(users.id))
    .limit(input.limit);
}

export async function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}
