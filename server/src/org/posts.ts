import { AppError } from '@domain/errors/codes';
import type { SectorKind } from '@domain/org/kinds';
import type { Actor } from '@domain/policies/scope';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { posts, roleGrants, sectors } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { lockUnit, unitFor } from './queries';

export type PostRow = typeof posts.$inferSelect;

export async function sectorsOfTown(db: Db, actor: Actor, townId: string) {
  const town = await unitFor(db, actor, townId, 'read');
  if (town.kind !== 'town') enforce('not_found');
  const sectorRows = await db.select().from(sectors).where(eq(sectors.townId, town.id));
  const postRows = await db
    .select()
    .from(posts)
    .where(eq(posts.townId, town.id))
    .orderBy(asc(posts.createdAt));
  return sectorRows.map((s) => ({
    id: s.id,
    kind: s.kind as SectorKind,
    posts: postRows
      .filter((p) => p.sectorId === s.id)
      .map((p) => ({ id: p.id, name: p.name, sector: s.kind as SectorKind, retired: p.retiredAt != null })),
  }));
}

export async function createPost(
  db: Db,
  actor: Actor,
  townId: string,
  input: { sector: SectorKind; name: string },
) {
  return db.transaction(async (tx) => {
    await unitFor(tx, actor, townId, 'manage_posts');
    const town = await lockUnit(tx, townId, 'share');
    if (town.retiredAt) throw new AppError('ORG_UNIT_RETIRED');
    const [sector] = await tx
      .select()
      .from(sectors)
      .where(and(eq(sectors.townId, town.id), eq(sectors.kind, input.sector)));
    if (!sector) throw new AppError('NOT_FOUND');
    await assertPostNameFree(tx, town.id, input.name);
    const id = newId();
    const [row] = await tx
      .insert(posts)
      .values({ id, townId: town.id, sectorId: sector.id, name: input.name })
      .returning();
    await writeAudit(tx, {
      townId: town.id,
      actorId: actor.userId,
      subjectType: 'post',
      subjectId: id,
      action: 'created',
      detail: { sector: input.sector, name: input.name },
    });
    return { id: (row as PostRow).id, name: input.name, sector: input.sector, retired: false };
  });
}

async function assertPostNameFree(tx: Db, townId: string, name: string) {
  const [taken] = await tx
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.townId, townId), eq(posts.name, name), isNull(posts.retiredAt)));
  if (taken) {
    throw new AppError('CONFLICT', {
      zh: `本镇街已有「${name}」岗位`,
      en: `This town already has a post named ${name}`,
    });
  }
}

async function postFor(tx: Db, actor: Actor, postId: string): Promise<PostRow> {
  const [post] = await tx.select().from(posts).where(eq(posts.id, postId)).for('update');
  if (!post) enforce('not_found');
  await unitFor(tx, actor, (post as PostRow).townId, 'manage_posts');
  return post as PostRow;
}

export async function renamePost(db: Db, actor: Actor, postId: string, name: string) {
  return db.transaction(async (tx) => {
    const post = await postFor(tx, actor, postId);
    if (post.retiredAt) throw new AppError('CONFLICT', { zh: '该岗位已撤销', en: 'This post is retired' });
    if (name !== post.name) await assertPostNameFree(tx, post.townId, name);
    await tx.update(posts).set({ name }).where(eq(posts.id, postId));
    await writeAudit(tx, {
      townId: post.townId,
      actorId: actor.userId,
      subjectType: 'post',
      subjectId: postId,
      action: 'renamed',
      detail: { from: post.name, to: name },
    });
  });
}

export async function retirePost(db: Db, actor: Actor, postId: string) {
  return db.transaction(async (tx) => {
    const post = await postFor(tx, actor, postId);
    if (post.retiredAt) return;
    const [staffed] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(roleGrants)
      .where(eq(roleGrants.postId, postId));
    const n = Number(staffed?.n ?? 0);
    if (n > 0) {
      throw new AppError(
        'ORG_UNIT_HAS_LIVE_CONTENT',
        {
          zh: `「${post.name}」岗位仍有 ${n} 名人员，请先调整任职`,
          en: `${n} people still hold the post ${post.name}`,
        },
        { liveContent: [{ what: { zh: '岗位人员', en: 'post staff' }, count: n }] },
      );
    }
    await tx.update(posts).set({ retiredAt: new Date() }).where(eq(posts.id, postId));
    await writeAudit(tx, {
      townId: post.townId,
      actorId: actor.userId,
      subjectType: 'post',
      subjectId: postId,
      action: 'retired',
    });
  });
}
