import { AppError } from '@domain/errors/codes';
import type { CreateMatterInput, UpdateMatterInput } from '@domain/matters/views';
import type { Actor } from '@domain/policies/scope';
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client';
import { matters, posts } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { announceReferenceChange } from '../platform/referenceChanges';
import type { MatterRow } from './queries';
import { townFor } from './queries';

async function assertPostOfTown(tx: Db, townId: string, postId: string | null | undefined) {
  if (!postId) return;
  const [post] = await tx
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.townId, townId), isNull(posts.retiredAt)));
  if (!post) throw new AppError('NOT_FOUND', { zh: '该镇街没有这个岗位', en: 'This town has no such post' });
}

export async function createMatter(
  db: Db,
  actor: Actor,
  townId: string,
  input: z.infer<typeof CreateMatterInput>,
): Promise<MatterRow> {
  return db.transaction(async (tx) => {
    await townFor(tx, actor, townId, 'manage');
    await assertPostOfTown(tx, townId, input.postId);
    if (input.parentId) {
      const [parent] = await tx
        .select({ id: matters.id })
        .from(matters)
        .where(and(eq(matters.id, input.parentId), eq(matters.townId, townId)));
      if (!parent) enforce('not_found');
    }
    const [taken] = await tx
      .select({ id: matters.id })
      .from(matters)
      .where(and(eq(matters.townId, townId), eq(matters.code, input.code), isNull(matters.retiredAt)));
    if (taken)
      throw new AppError('CONFLICT', {
        zh: `编码 ${input.code} 已被使用`,
        en: `Code ${input.code} is taken`,
      });
    const id = newId();
    const [row] = await tx
      .insert(matters)
      .values({ id, townId, ...input, postId: input.postId ?? null })
      .returning();
    await announceReferenceChange(tx);
    await writeAudit(tx, {
      townId,
      actorId: actor.userId,
      subjectType: 'matter',
      subjectId: id,
      action: 'created',
      detail: input,
    });
    return row as MatterRow;
  });
}

export async function updateMatter(
  db: Db,
  actor: Actor,
  matterId: string,
  input: z.infer<typeof UpdateMatterInput>,
): Promise<MatterRow> {
  return db.transaction(async (tx) => {
    const [matter] = await tx.select().from(matters).where(eq(matters.id, matterId)).for('update');
    if (!matter) enforce('not_found');
    const m = matter as MatterRow;
    await townFor(tx, actor, m.townId, 'manage');
    await assertPostOfTown(tx, m.townId, input.postId);
    const [row] = await tx
      .update(matters)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(matters.id, matterId))
      .returning();
    await announceReferenceChange(tx);
    await writeAudit(tx, {
      townId: m.townId,
      actorId: actor.userId,
      subjectType: 'matter',
      subjectId: matterId,
      action: 'updated',
      detail: {
        before: { name: m.name, limits: m.limits, postId: m.postId, workingDays: m.workingDays },
        after: input,
      },
    });
    return row as MatterRow;
  });
}

/** Retired matters are no longer offered for new reports; cases already filed keep theirs. */
export async function retireMatter(db: Db, actor: Actor, matterId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [matter] = await tx.select().from(matters).where(eq(matters.id, matterId)).for('update');
    if (!matter) enforce('not_found');
    const m = matter as MatterRow;
    await townFor(tx, actor, m.townId, 'manage');
    if (m.retiredAt) return;
    await tx.update(matters).set({ retiredAt: new Date() }).where(eq(matters.id, matterId));
    await announceReferenceChange(tx);
    await writeAudit(tx, {
      townId: m.townId,
      actorId: actor.userId,
      subjectType: 'matter',
      subjectId: matterId,
      action: 'retired',
    });
  });
}
