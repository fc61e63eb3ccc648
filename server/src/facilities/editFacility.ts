import { AppError } from '@domain/errors/codes';
import type { CreateFacilityInput, UpdateFacilityInput } from '@domain/facilities/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, eq, isNull, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { facilities, orgUnits, roleGrants, users } from '../db/schema';
import { idsOfPath, likePrefix } from '../org/paths';
import type { UnitRow } from '../org/queries';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { type FacilityRow, facilityUnitFor } from './queries';

const FACILITY_UNIT_KINDS = ['village', 'grid', 'courtyard'];

async function unitToHold(tx: Db, actor: Actor, unitId: string): Promise<UnitRow & { townId: string }> {
  const unit = await facilityUnitFor(tx, actor, unitId, 'manage');
  if (!FACILITY_UNIT_KINDS.includes(unit.kind) || !unit.townId) throw new AppError('FACILITY_UNIT_INVALID');
  return unit as UnitRow & { townId: string };
}

/** The responsible worker must serve somewhere in the facility's town, so they can be sent to it. */
async function assertWorkerOfTown(tx: Db, townPath: string, workerId: string | null | undefined) {
  if (!workerId) return;
  const [grant] = await tx
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
    .where(
      and(
        eq(roleGrants.userId, workerId),
        isNull(users.disabledAt),
        like(orgUnits.path, likePrefix(townPath)),
      ),
    )
    .limit(1);
  if (!grant) throw new AppError('FACILITY_WORKER_INVALID');
}

const townPathOf = (unitPath: string) => `/${idsOfPath(unitPath).slice(0, 2).join('/')}/`;

export async function createFacility(db: Db, actor: Actor, input: CreateFacilityInput): Promise<FacilityRow> {
  return db.transaction(async (tx) => {
    const unit = await unitToHold(tx, actor, input.unitId);
    await assertWorkerOfTown(tx, townPathOf(unit.path), input.workerId);
    const id = newId();
    const [row] = await tx
      .insert(facilities)
      .values({
        id,
        townId: unit.townId,
        code: input.code,
        kind: input.kind,
        place: input.place,
        unitId: unit.id,
        unitPath: unit.path,
        lat: input.location.lat,
        lng: input.location.lng,
        workerId: input.workerId,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('FACILITY_CODE_TAKEN');
    await writeAudit(tx, {
      townId: unit.townId,
      actorId: actor.userId,
      subjectType: 'facility',
      subjectId: id,
      action: 'created',
      detail: input,
    });
    return row;
  });
}

/** Staff may move a facility only within their own area: both its old and its new unit must be theirs. */
export async function updateFacility(
  db: Db,
  actor: Actor,
  facilityId: string,
  input: UpdateFacilityInput,
): Promise<FacilityRow> {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(facilities).where(eq(facilities.id, facilityId)).for('update');
    if (!found) enforce('not_found');
    const before = found as FacilityRow;
    await facilityUnitFor(tx, actor, before.unitId, 'manage');
    const unit = input.unitId ? await unitToHold(tx, actor, input.unitId) : null;
    if (unit && unit.townId !== before.townId) throw new AppError('FACILITY_UNIT_INVALID');
    await assertWorkerOfTown(tx, townPathOf(before.unitPath), input.workerId);
    const [row] = await tx
      .update(facilities)
      .set({
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.place ? { place: input.place } : {}),
        ...(unit ? { unitId: unit.id, unitPath: unit.path } : {}),
        ...(input.location ? { lat: input.location.lat, lng: input.location.lng } : {}),
        ...(input.workerId !== undefined ? { workerId: input.workerId } : {}),
        updatedAt: new Date(),
      })
      .where(eq(facilities.id, facilityId))
      .returning();
    await writeAudit(tx, {
      townId: before.townId,
      actorId: actor.userId,
      subjectType: 'facility',
      subjectId: facilityId,
      action: 'updated',
      detail: {
        before: { kind: before.kind, place: before.place, unitId: before.unitId, workerId: before.workerId },
        after: input,
      },
    });
    return row as FacilityRow;
  });
}
