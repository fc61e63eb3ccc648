import { AppError } from '@domain/errors/codes';
import { authorizeAward, POINT_AWARDERS } from '@domain/points/policy';
import type { AwardInput } from '@domain/points/schemas';
import { type Actor, decideByRole } from '@domain/policies/scope';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { photos } from '../db/schema';
import { enforce } from '../platform/enforce';
import { awardOf, type EntryRow, lockBalance, pointHouseholdOf, writeEntry } from './ledger';
import { capHasRoom, ruleFor } from './ruleLookup';

/**
 * A courtyard head or staff awards (or deducts) points by hand under a rule of the household's village
 * or town, with a reason and, when the rule asks, a photo. The phone mints the award's id, so a retry
 * answers with the entry already written.
 */
export async function awardPoints(
  db: Db,
  actor: Actor,
  input: AwardInput,
  now = new Date(),
): Promise<EntryRow> {
  const household = await pointHouseholdOf(db, input.householdId);
  if (!household) enforce('not_found');
  const found = household as NonNullable<typeof household>;
  enforce(decideByRole(actor, found.unitPath, POINT_AWARDERS));
  return db.transaction(async (tx) => {
    const rule = await ruleFor(tx, found, input.actionCode, now);
    if (!rule) throw new AppError('POINT_RULE_MISSING');
    if (rule.automatic) throw new AppError('POINT_RULE_AUTOMATIC');
    enforce(authorizeAward(actor, found.unitPath, rule.awarders));
    const locked = await lockBalance(tx, found);
    const already = await awardOf(tx, rule.id, 'manual', input.id);
    if (already) return already;
    if (rule.evidence === 'photo' && !input.photoId) throw new AppError('POINT_EVIDENCE_REQUIRED');
    if (input.photoId) {
      const [photo] = await tx
        .select({ id: photos.id })
        .from(photos)
        .where(and(eq(photos.id, input.photoId), eq(photos.uploadedBy, actor.userId)));
      if (!photo) throw new AppError('PHOTO_UNKNOWN');
    }
    if (!(await capHasRoom(tx, found, rule, now))) throw new AppError('POINT_CAP_REACHED');
    return writeEntry(tx, found, locked, {
      points: rule.points,
      ruleId: rule.id,
      actionCode: rule.actionCode,
      sourceType: 'manual',
      sourceId: input.id,
      actorId: actor.userId,
      reason: input.reason,
      photoId: input.photoId ?? null,
      at: now,
    });
  });
}
