import { AppError } from '@domain/errors/codes';
import { centroidOf } from '@domain/org/geo';
import type { UpdateUnitInput } from '@domain/org/schemas';
import type { Actor } from '@domain/policies/scope';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { announceReferenceChange } from '../platform/referenceChanges';
import { boundaryColumns } from './boundaryColumns';
import { assertCodeFree } from './createUnit';
import { type UnitRow, unitFor } from './queries';

export async function updateUnit(db: Db, actor: Actor, id: string, input: UpdateUnitInput): Promise<UnitRow> {
  return db.transaction(async (tx) => {
    const unit = await unitFor(tx, actor, id, 'update');
    if (unit.retiredAt) throw new AppError('ORG_UNIT_RETIRED');
    // Nothing asked, nothing changed, nothing to record.
    if (Object.values(input).every((v) => v === undefined)) return unit;
    if (input.code !== undefined && input.code !== unit.code) await assertCodeFree(tx, input.code, unit.id);
    const changes: Partial<typeof orgUnits.$inferInsert> = { updatedAt: new Date() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.code !== undefined) changes.code = input.code;
    if (input.boundary !== undefined) Object.assign(changes, boundaryColumns(input.boundary));
    if (input.center !== undefined) {
      changes.centerLat = input.center?.lat ?? null;
      changes.centerLng = input.center?.lng ?? null;
    } else if (input.boundary) {
      const c = centroidOf(input.boundary);
      changes.centerLat = c.lat;
      changes.centerLng = c.lng;
    }
    const [row] = await tx.update(orgUnits).set(changes).where(eq(orgUnits.id, id)).returning();
    const before = { name: unit.name, code: unit.code };
    await announceReferenceChange(tx);
    await writeAudit(tx, {
      townId: unit.townId,
      actorId: actor.userId,
      subjectType: 'org_unit',
      subjectId: id,
      action: 'updated',
      detail: {
        before,
        after: { name: input.name, code: input.code },
        boundaryChanged: input.boundary !== undefined,
      },
    });
    return row as UnitRow;
  });
}
