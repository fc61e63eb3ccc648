import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { authorizeRegistry } from '@domain/registry/policy';
import { and, asc, eq, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { households, orgUnits, registryCorrections, users } from '../db/schema';
import { likePrefix } from '../org/paths';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { boundHouseholdOf } from './bind';
import { registryUnitFor } from './queries';

export type CorrectionRow = typeof registryCorrections.$inferSelect;

/** PIPL gives a person the right to have their record corrected; they ask, staff fix and answer. */
export async function requestCorrection(db: Db, userId: string, message: string): Promise<CorrectionRow> {
  return db.transaction(async (tx) => {
    const binding = await boundHouseholdOf(tx, userId);
    if (binding?.status !== 'bound' || !binding.householdId) throw new AppError('REGISTRY_NOT_BOUND');
    const id = newId();
    const [row] = await tx
      .insert(registryCorrections)
      .values({
        id,
        townId: binding.townId,
        householdId: binding.householdId,
        unitPath: binding.unitPath,
        userId,
        message,
      })
      .returning();
    await writeAudit(tx, {
      townId: binding.townId,
      actorId: userId,
      subjectType: 'registry_correction',
      subjectId: id,
      action: 'requested',
    });
    return row as CorrectionRow;
  });
}

export interface CorrectionView {
  id: string;
  householdId: string;
  address: string;
  courtyard: string;
  requester: string;
  message: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  createdAt: string;
}

export async function openCorrections(db: Db, actor: Actor, unitId: string): Promise<CorrectionView[]> {
  const unit = await registryUnitFor(db, actor, unitId, 'keep');
  const rows = await db
    .select({
      c: registryCorrections,
      address: households.address,
      courtyard: orgUnits.name,
      requester: users.name,
    })
    .from(registryCorrections)
    .innerJoin(households, eq(households.id, registryCorrections.householdId))
    .innerJoin(orgUnits, eq(orgUnits.id, households.courtyardId))
    .innerJoin(users, eq(users.id, registryCorrections.userId))
    .where(
      and(like(registryCorrections.unitPath, likePrefix(unit.path)), eq(registryCorrections.status, 'open')),
    )
    .orderBy(asc(registryCorrections.createdAt))
    .limit(200);
  return rows.map((r) => toCorrectionView(r.c, r.address, r.courtyard, r.requester));
}

export function toCorrectionView(
  c: CorrectionRow,
  address: string,
  courtyard: string,
  requester: string,
): CorrectionView {
  return {
    id: c.id,
    householdId: c.householdId,
    address,
    courtyard,
    requester,
    message: c.message,
    status: c.status as CorrectionView['status'],
    resolution: c.resolution,
    createdAt: c.createdAt.toISOString(),
  };
}

export async function resolveCorrection(
  db: Db,
  actor: Actor,
  id: string,
  resolution: string,
): Promise<CorrectionRow> {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select()
      .from(registryCorrections)
      .where(eq(registryCorrections.id, id))
      .for('update');
    if (!found) enforce('not_found');
    const c = found as CorrectionRow;
    enforce(authorizeRegistry(actor, 'keep', c.unitPath));
    if (c.status !== 'open') throw new AppError('REGISTRY_REQUEST_DECIDED');
    const [row] = await tx
      .update(registryCorrections)
      .set({ status: 'resolved', resolution, resolvedBy: actor.userId, resolvedAt: new Date() })
      .where(eq(registryCorrections.id, id))
      .returning();
    await writeAudit(tx, {
      townId: c.townId,
      actorId: actor.userId,
      subjectType: 'registry_correction',
      subjectId: id,
      action: 'resolved',
    });
    return row as CorrectionRow;
  });
}
