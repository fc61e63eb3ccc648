import type { HandOverInput } from '@domain/asks/schemas';
import { initialClock } from '@domain/cases/effects';
import { AppError } from '@domain/errors/codes';
import type { TimeLimits } from '@domain/matters/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { raiseCaseEvent } from '../cases/events';
import { centerOperatorsOf, notifyUsers } from '../cases/notify';
import type { CaseRow } from '../cases/queries';
import type { Db } from '../db/client';
import { askPhotos, caseEvents, cases, matters, orgUnits, photos } from '../db/schema';
import { newId } from '../platform/ids';
import type { AskRow } from './queries';
import { stepAsk } from './step';

/**
 * 转指挥中心: one action turns the ask into a case in the town's intake queue, placed at the courtyard,
 * under the matter the head chose from the town's catalogue, with the ask's words and photos. The
 * case names the resident as its reporter, so they follow it and rate it; ask and case name each other.
 */
export function handOverAsk(db: Db, actor: Actor, askId: string, input: HandOverInput, now = new Date()) {
  return stepAsk(db, actor, askId, 'hand_over', now, async (tx, ask) => {
    const [matter] = await tx
      .select()
      .from(matters)
      .where(and(eq(matters.id, input.matterId), eq(matters.townId, ask.townId), isNull(matters.retiredAt)));
    if (!matter) throw new AppError('MATTER_NOT_IN_TOWN');
    const caseId = await fileCase(tx, actor, ask, matter, input, now);
    return { note: input.note ?? null, detail: { caseId, matterId: matter.id }, patch: { caseId } };
  });
}

async function fileCase(
  tx: Db,
  actor: Actor,
  ask: AskRow,
  matter: typeof matters.$inferSelect,
  input: HandOverInput,
  now: Date,
): Promise<string> {
  const trail = ask.courtyardPath.split('/').filter(Boolean);
  const units = await tx
    .select({
      id: orgUnits.id,
      kind: orgUnits.kind,
      centerLat: orgUnits.centerLat,
      centerLng: orgUnits.centerLng,
    })
    .from(orgUnits)
    .where(inArray(orgUnits.id, trail));
  const of = (kind: string) => units.find((u) => u.kind === kind);
  const yard = of('courtyard');
  const clock = initialClock(matter.limits as TimeLimits, 'normal', now);
  const caseId = newId();
  const words = [ask.text, input.note].filter(Boolean).join('\n');
  const [created] = await tx
    .insert(cases)
    .values({
      id: caseId,
      townId: ask.townId,
      matterId: matter.id,
      status: 'reported',
      urgency: 'normal',
      description: `【找院长转交】${words || matter.name}`.slice(0, 2000),
      source: 'ask',
      reporterId: ask.residentId,
      lat: yard?.centerLat ?? null,
      lng: yard?.centerLng ?? null,
      unitId: ask.courtyardId,
      unitPath: ask.courtyardPath,
      villageId: of('village')?.id ?? null,
      gridId: of('grid')?.id ?? null,
      courtyardId: ask.courtyardId,
      stage: clock.stage,
      stageStartedAt: now,
      stageDueAt: clock.stageDueAt,
      dueAt: clock.dueAt,
      reportedAt: now,
      updatedAt: now,
    })
    .returning();
  const eventId = newId();
  await tx.insert(caseEvents).values({
    id: eventId,
    caseId,
    townId: ask.townId,
    seq: 1,
    actorId: actor.userId,
    action: 'report',
    fromStatus: null,
    toStatus: 'reported',
    note: input.note ?? ask.text,
    detail: { askId: ask.id },
    at: now,
  });
  const photoIds = (
    await tx.select({ id: askPhotos.photoId }).from(askPhotos).where(eq(askPhotos.askId, ask.id))
  ).map((p) => p.id);
  if (photoIds.length) {
    await tx
      .update(photos)
      .set({ caseId, eventId, townId: ask.townId })
      .where(and(inArray(photos.id, photoIds), isNull(photos.caseId)));
  }
  const c = created as CaseRow;
  await notifyUsers(
    tx,
    await centerOperatorsOf(tx, ask.townId),
    c,
    { zh: `新事件（院长转交）：${matter.name}`, en: `New case (from a courtyard head): ${matter.name}` },
    'case_reported',
    actor.userId,
  );
  await raiseCaseEvent(tx, c, 'report');
  return caseId;
}
