import { initialClock } from '@domain/cases/effects';
import type { ReportInput } from '@domain/cases/schemas';
import { AppError } from '@domain/errors/codes';
import type { TimeLimits } from '@domain/matters/schemas';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { caseEvents, cases, matters, photos } from '../db/schema';
import { newId } from '../platform/ids';
import { raiseCaseEvent } from './events';
import { notifyCenter } from './notify';
import { placeCase } from './place';
import type { CaseRow } from './queries';

export interface ReportResult {
  row: CaseRow;
  created: boolean;
}

/**
 * Files a case. The phone's id makes it idempotent: the same report sent twice (a retry after a
 * lost answer, or two taps at once) yields one case, and the second caller gets that case back.
 */
export async function reportCase(
  db: Db,
  reporterId: string,
  input: ReportInput,
  now = new Date(),
): Promise<ReportResult> {
  const existing = await findOwnReport(db, reporterId, input.id);
  if (existing) return { row: existing, created: false };

  const result = await db.transaction(async (tx) => {
    const attached = input.photoIds.length
      ? await tx
          .select()
          .from(photos)
          .where(
            and(inArray(photos.id, input.photoIds), eq(photos.uploadedBy, reporterId), isNull(photos.caseId)),
          )
      : [];
    if (attached.length !== new Set(input.photoIds).size) throw new AppError('PHOTO_UNKNOWN');
    // The phone's fix first; else the first photo's own GPS (read before it was stripped); else the unit picked.
    const photoFix = attached.find((p) => p.gpsLat != null && p.gpsLng != null);
    const point =
      input.location ??
      (photoFix ? { lat: photoFix.gpsLat as number, lng: photoFix.gpsLng as number } : undefined);
    const place = await placeCase(tx, point ? { point } : { unitId: input.unitId });
    const matter = await matterInTown(tx, input.matterId, place.townId);
    const clock = initialClock(matter.limits as TimeLimits, input.urgency, now);

    const inserted = await tx
      .insert(cases)
      .values({
        id: input.id,
        townId: place.townId,
        matterId: matter.id,
        status: 'reported',
        urgency: input.urgency,
        description: input.description,
        reporterId,
        anonymous: input.anonymous,
        lat: point?.lat ?? place.unit.centerLat,
        lng: point?.lng ?? place.unit.centerLng,
        address: input.address ?? null,
        unitId: place.unit.id,
        unitPath: place.unit.path,
        villageId: place.villageId,
        gridId: place.gridId,
        courtyardId: place.courtyardId,
        reportedAt: now,
        ...clock,
      })
      .onConflictDoNothing({ target: cases.id })
      .returning();
    const row = inserted[0];
    if (!row) return null;
    const eventId = newId();
    await tx.insert(caseEvents).values({
      id: eventId,
      caseId: row.id,
      townId: row.townId,
      seq: 1,
      actorId: reporterId,
      action: 'report',
      fromStatus: null,
      toStatus: 'reported',
      note: input.description,
      at: now,
    });
    if (attached.length) {
      await tx
        .update(photos)
        .set({ caseId: row.id, eventId, townId: row.townId })
        .where(inArray(photos.id, input.photoIds));
    }
    await notifyCenter(
      tx,
      row,
      { zh: `新事件：${matter.name}`, en: `New case: ${matter.name}` },
      'case_reported',
    );
    await raiseCaseEvent(tx, row, 'report');
    return row;
  });
  if (result) return { row: result, created: true };
  // Lost the race to an identical request that committed first.
  const winner = await findOwnReport(db, reporterId, input.id);
  if (winner) return { row: winner, created: false };
  throw new AppError('CASE_ID_TAKEN');
}

async function findOwnReport(db: Db, reporterId: string, id: string): Promise<CaseRow | undefined> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  if (row && row.reporterId !== reporterId) throw new AppError('CASE_ID_TAKEN');
  return row;
}

/**
 * Matters are kept per town. A phone offers its user's own town's catalogue; when the case lands in
 * another town, the same matter code is looked up there.
 */
async function matterInTown(tx: Db, matterId: string, townId: string) {
  const [chosen] = await tx.select().from(matters).where(eq(matters.id, matterId));
  if (!chosen) throw new AppError('MATTER_NOT_IN_TOWN');
  if (chosen.townId === townId && !chosen.retiredAt) return chosen;
  const [same] = await tx
    .select()
    .from(matters)
    .where(and(eq(matters.townId, townId), eq(matters.code, chosen.code), isNull(matters.retiredAt)));
  if (!same) throw new AppError('MATTER_NOT_IN_TOWN');
  return same;
}
