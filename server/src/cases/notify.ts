import type { Bilingual } from '@domain/errors/codes';
import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications, roleGrants } from '../db/schema';
import { districtIdOfPath } from '../org/paths';
import { newId } from '../platform/ids';
import type { CaseRow } from './queries';

/** Puts a message about a case in each person's inbox, in the transaction of the step it reports. */
export async function notifyUsers(
  tx: Db,
  userIds: Iterable<string>,
  c: CaseRow,
  title: Bilingual,
  kind: string,
  exceptUserId?: string,
) {
  const unique = [...new Set(userIds)].filter((u) => u !== exceptUserId);
  if (unique.length === 0) return;
  await tx
    .insert(notifications)
    .values(unique.map((userId) => ({ id: newId(), userId, townId: c.townId, caseId: c.id, kind, title })));
}

async function holders(tx: Db, where: SQL | undefined) {
  const rows = await tx.select({ userId: roleGrants.userId }).from(roleGrants).where(where);
  return rows.map((r) => r.userId);
}

export async function centerOperatorsOf(tx: Db, townId: string) {
  return holders(tx, and(eq(roleGrants.role, 'center_operator'), eq(roleGrants.unitId, townId)));
}

export async function staffOfPosts(tx: Db, postIds: readonly string[]) {
  return postIds.length
    ? holders(tx, and(eq(roleGrants.role, 'post_staff'), inArray(roleGrants.postId, [...postIds])))
    : [];
}

export async function gridWorkersOf(tx: Db, gridId: string | null) {
  return gridId ? holders(tx, and(eq(roleGrants.role, 'grid_worker'), eq(roleGrants.unitId, gridId))) : [];
}

/** Who oversees a town's center: its operators and the district supervisors above it. */
export async function supervisorsOf(tx: Db, c: CaseRow) {
  const districtId = districtIdOfPath(c.unitPath);
  return holders(
    tx,
    or(
      and(eq(roleGrants.role, 'center_operator'), eq(roleGrants.unitId, c.townId)),
      and(eq(roleGrants.role, 'district_supervisor'), eq(roleGrants.unitId, districtId)),
    ),
  );
}

export async function notifyCenter(
  tx: Db,
  c: CaseRow,
  title: Bilingual,
  kind: string,
  exceptUserId?: string,
) {
  await notifyUsers(tx, await centerOperatorsOf(tx, c.townId), c, title, kind, exceptUserId);
}
