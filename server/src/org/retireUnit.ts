import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { eq } from 'drizzle-orm';
import { announceAuthChange } from '../auth/sessionCache';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { announceReferenceChange } from '../platform/referenceChanges';
import { liveContentOf } from './liveContent';
import { lockUnit, type UnitRow, unitFor } from './queries';

/** Retiring never cascades: a unit with anything live under it is refused, naming what is live. */
export async function retireUnit(db: Db, actor: Actor, id: string): Promise<UnitRow> {
  return db.transaction(async (tx) => {
    await unitFor(tx, actor, id, 'retire');
    const unit = await lockUnit(tx, id, 'update');
    if (unit.retiredAt) throw new AppError('ORG_UNIT_RETIRED');
    const live = await liveContentOf(tx, unit);
    if (live.length > 0) {
      const zh = live.map((l) => `${l.what.zh} ${l.count} 个`).join('、');
      const en = live.map((l) => `${l.count} ${l.what.en}`).join(', ');
      throw new AppError(
        'ORG_UNIT_HAS_LIVE_CONTENT',
        {
          zh: `「${unit.name}」下仍有${zh}，请先移走或撤销`,
          en: `${unit.name} still has ${en}; move or retire them first`,
        },
        { liveContent: live },
      );
    }
    const [row] = await tx
      .update(orgUnits)
      .set({ retiredAt: new Date(), updatedAt: new Date() })
      .where(eq(orgUnits.id, id))
      .returning();
    // Grants carry their unit's path and lapse with a retired unit: everyone's are read afresh.
    await announceAuthChange(tx, { all: true });
    await announceReferenceChange(tx);
    await writeAudit(tx, {
      townId: unit.townId,
      actorId: actor.userId,
      subjectType: 'org_unit',
      subjectId: id,
      action: 'retired',
    });
    return row as UnitRow;
  });
}
