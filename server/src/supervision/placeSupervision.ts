import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { isWithin } from '@domain/policies/scope';
import { authorizeSupervising, SUPERVISION_OFFICIALS, supervisionLevel } from '@domain/supervision/policy';
import type { SupervisionInput } from '@domain/supervision/schemas';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications, orgUnits, roleGrants, supervisionEvents, supervisions, users } from '../db/schema';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { subjectOf } from './queries';

/** Officials (district or town) who oversee a subject at `subjectPath`: who may be named its supervisor. */
export async function supervisorCandidates(db: Db, subjectPath: string) {
  const rows = await db
    .select({ id: users.id, name: users.name, role: roleGrants.role, unitPath: orgUnits.path })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
    .where(and(inArray(roleGrants.role, [...SUPERVISION_OFFICIALS]), isNull(users.disabledAt)));
  const seen = new Set<string>();
  return rows
    .filter((r) => isWithin(subjectPath, r.unitPath))
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map(({ id, name, role }) => ({ id, name, role }));
}

/**
 * Places a subject under supervision (挂牌督办): checked against the official's scope, one open
 * supervision per subject (a second is refused with 409), the supervisor told in their inbox; the
 * "placed" history row commits with it.
 */
export async function placeSupervision(
  db: Db,
  actor: Actor,
  input: SupervisionInput,
  now: Date,
): Promise<string> {
  const subject = await subjectOf(db, input.subjectType, input.subjectId, now);
  if (!subject) enforce('not_found');
  const s = subject as NonNullable<typeof subject>;
  enforce(authorizeSupervising(actor, s.unitPath));
  if (!s.live) throw new AppError('SUPERVISION_SUBJECT_CLOSED');
  const dueAt = new Date(input.dueAt);
  if (dueAt.getTime() <= now.getTime()) throw new AppError('SUPERVISION_DUE_PAST');
  const eligible = await supervisorCandidates(db, s.unitPath);
  if (!eligible.some((c) => c.id === input.supervisorId)) throw new AppError('SUPERVISOR_NOT_ELIGIBLE');
  const [town] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, s.townId));
  const id = newId();
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(supervisions)
      .values({
        id,
        townId: s.townId,
        unitPath: s.unitPath,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        level: s.districtWide ? 'district' : supervisionLevel(actor, town?.path ?? s.unitPath, s.unitPath),
        supervisorId: input.supervisorId,
        placedBy: actor.userId,
        requiredOutcome: input.requiredOutcome,
        dueAt,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: supervisions.id });
    if (inserted.length === 0) throw new AppError('SUPERVISION_ALREADY_OPEN');
    await tx.insert(supervisionEvents).values({
      id: newId(),
      supervisionId: id,
      townId: s.townId,
      actorId: actor.userId,
      action: 'placed',
      note: input.requiredOutcome,
      detail: { supervisorId: input.supervisorId, dueAt: dueAt.toISOString() },
      at: now,
    });
    if (input.supervisorId !== actor.userId)
      await tx.insert(notifications).values({
        id: newId(),
        userId: input.supervisorId,
        townId: s.townId,
        caseId: input.subjectType === 'case' ? input.subjectId : null,
        kind: 'supervision_placed',
        title: { zh: `挂牌督办：${s.title}`, en: `Placed under supervision: ${s.title}` },
      });
  });
  return id;
}
