import { AppError } from '@domain/errors/codes';
import { childKindOf, type UnitKind } from '@domain/org/kinds';
import type { Actor } from '@domain/policies/scope';
import { eq, like, sql } from 'drizzle-orm';
import { announceAuthChange } from '../auth/sessionCache';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { announceReferenceChange } from '../platform/referenceChanges';
import { childPath, likePrefix } from './paths';
import { lockUnit, type UnitRow, unitFor } from './queries';

/**
 * Moves a unit with its whole subtree under a new parent of the level above it. Paths of the
 * subtree are rewritten in one statement, and a village moving to another town takes its grids
 * and courtyards with it into that town.
 */
export async function moveUnit(db: Db, actor: Actor, id: string, newParentId: string): Promise<UnitRow> {
  return db.transaction(async (tx) => {
    await unitFor(tx, actor, id, 'move');
    await unitFor(tx, actor, newParentId, 'create_child');
    const unit = await lockUnit(tx, id, 'update');
    const parent = await lockUnit(tx, newParentId, 'share');
    if (unit.retiredAt || parent.retiredAt) throw new AppError('ORG_UNIT_RETIRED');
    if (parent.path.startsWith(unit.path)) throw new AppError('ORG_MOVE_INTO_ITSELF');
    if (childKindOf(parent.kind as UnitKind) !== unit.kind) throw new AppError('ORG_UNIT_KIND_MISMATCH');
    if (unit.parentId === parent.id) return unit;

    const oldPath = unit.path;
    const newPath = childPath(parent.path, unit.id);
    const newTownId = unit.kind === 'town' ? unit.townId : parent.townId;
    await tx
      .update(orgUnits)
      .set({
        path: sql`${newPath} || substr(${orgUnits.path}, ${oldPath.length + 1})`,
        townId: newTownId,
        updatedAt: new Date(),
      })
      .where(like(orgUnits.path, likePrefix(oldPath)));
    const [row] = await tx
      .update(orgUnits)
      .set({ parentId: parent.id })
      .where(eq(orgUnits.id, id))
      .returning();
    // Grants carry their unit's path and lapse with a retired unit: everyone's are read afresh.
    await announceAuthChange(tx, { all: true });
    await announceReferenceChange(tx);
    await writeAudit(tx, {
      townId: newTownId,
      actorId: actor.userId,
      subjectType: 'org_unit',
      subjectId: id,
      action: 'moved',
      detail: { fromParentId: unit.parentId, toParentId: parent.id, fromTownId: unit.townId },
    });
    return row as UnitRow;
  });
}
