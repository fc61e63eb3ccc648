import type { NewAskInput } from '@domain/asks/schemas';
import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { askEvents, askPhotos, asks, askVoiceNotes, orgUnits, photos } from '../db/schema';
import { newId } from '../platform/ids';
import { headsOf, notifyAboutAsk } from './notify';
import type { AskRow } from './queries';

/**
 * 找院长: a resident sends a dispute or request to the head of the courtyard they live in (the unit of
 * their resident grant). The phone's id makes it idempotent: sent twice, it is one ask.
 */
export async function createAsk(
  db: Db,
  actor: Actor,
  input: NewAskInput,
  now = new Date(),
): Promise<{ row: AskRow; created: boolean }> {
  const earlier = await ownAsk(db, actor, input.id);
  if (earlier) return { row: earlier, created: false };
  const yard = await courtyardOf(db, actor);
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(asks)
      .values({
        id: input.id,
        townId: yard.townId,
        courtyardId: yard.id,
        courtyardPath: yard.path,
        residentId: actor.userId,
        kind: input.kind,
        text: input.text,
        status: 'asked',
        askedAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    // A twin request won the race with the same id: it is this ask, answered by the caller below.
    if (!inserted) return undefined;
    await tx.insert(askEvents).values({
      id: newId(),
      askId: inserted.id,
      townId: inserted.townId,
      seq: 1,
      actorId: actor.userId,
      action: 'ask',
      fromStatus: null,
      toStatus: 'asked',
      note: input.text || null,
      detail: { kind: input.kind },
      at: now,
    });
    await claimPhotos(tx, actor.userId, inserted.id, input.photoIds);
    if (input.voiceNoteId) await claimVoice(tx, actor.userId, inserted.id, input.voiceNoteId);
    await notifyAboutAsk(tx, await headsOf(tx, yard.id), inserted, 'ask', actor.userId);
    return inserted;
  });
  if (row) return { row, created: true };
  const twin = await ownAsk(db, actor, input.id);
  if (!twin) throw new AppError('ASK_ID_TAKEN');
  return { row: twin, created: false };
}

async function ownAsk(db: Db, actor: Actor, id: string): Promise<AskRow | undefined> {
  const [row] = await db.select().from(asks).where(eq(asks.id, id));
  if (row && row.residentId !== actor.userId) throw new AppError('ASK_ID_TAKEN');
  return row;
}

async function courtyardOf(db: Db, actor: Actor) {
  const ids = actor.grants.filter((g) => g.role === 'resident').map((g) => g.unitId);
  const yards = ids.length
    ? await db
        .select({ id: orgUnits.id, path: orgUnits.path, townId: orgUnits.townId })
        .from(orgUnits)
        .where(and(inArray(orgUnits.id, ids), eq(orgUnits.kind, 'courtyard'), isNull(orgUnits.retiredAt)))
    : [];
  const yard = yards[0];
  if (!yard?.townId) throw new AppError('ASK_NO_COURTYARD');
  return { ...yard, townId: yard.townId };
}

async function claimPhotos(tx: Db, userId: string, askId: string, photoIds: readonly string[]) {
  const wanted = [...new Set(photoIds)];
  if (wanted.length === 0) return;
  const free = await tx
    .select({ id: photos.id, taken: askPhotos.askId })
    .from(photos)
    .leftJoin(askPhotos, eq(askPhotos.photoId, photos.id))
    .where(and(inArray(photos.id, wanted), eq(photos.uploadedBy, userId), isNull(photos.caseId)))
    .for('update', { of: photos });
  if (free.length !== wanted.length || free.some((p) => p.taken)) throw new AppError('PHOTO_UNKNOWN');
  await tx.insert(askPhotos).values(wanted.map((photoId, position) => ({ photoId, askId, position })));
}

async function claimVoice(tx: Db, userId: string, askId: string, voiceNoteId: string) {
  const claimed = await tx
    .update(askVoiceNotes)
    .set({ askId })
    .where(
      and(
        eq(askVoiceNotes.id, voiceNoteId),
        eq(askVoiceNotes.uploadedBy, userId),
        isNull(askVoiceNotes.askId),
      ),
    )
    .returning({ id: askVoiceNotes.id });
  if (claimed.length === 0) throw new AppError('VOICE_UNKNOWN');
}
