import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { checkinWithin } from '@domain/tasks/checkin';
import { authorizeTaskIssuing, isFulfiller } from '@domain/tasks/policy';
import type { Evidence, EvidenceInput } from '@domain/tasks/schemas';
import { percentOf, validScores } from '@domain/tasks/scoring';
import { ACTION_SIDE, type AssignmentAction, type AssignmentStatus, nextStatus } from '@domain/tasks/states';
import { and, eq, inArray, isNull, ne, notExists, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { noticePhotos, orgUnits, photos, taskAssignments, taskPhotos } from '../db/schema';
import { enforce } from '../platform/enforce';
import {
  type AssignmentRow,
  fulfillersOf,
  itemsOf,
  notifyAboutTask,
  readableAssignment,
  type TaskRow,
  writeTaskEvent,
} from './queries';

/**
 * One step on an assignment, in one transaction with its history row. The row is locked first, so of
 * two people acting at once one wins and the other finds the status moved on (409).
 */
async function step(
  db: Db,
  actor: Actor,
  id: string,
  action: AssignmentAction,
  work: (tx: Db, a: AssignmentRow, task: TaskRow, to: AssignmentStatus) => Promise<Record<string, unknown>>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { assignment, task, target } = await readableAssignment(tx, actor, id, { lock: true });
    const side = ACTION_SIDE[action];
    if (side === 'assignee' && !isFulfiller(actor, target)) enforce('forbidden');
    if (side === 'issuer')
      enforce(authorizeTaskIssuing(actor, task.unitPath) === 'allow' ? 'allow' : 'forbidden');
    const to = nextStatus(assignment.status as AssignmentStatus, action);
    if (!to) throw new AppError('TASK_STATE_CONFLICT');
    const detail = await work(tx, assignment, task, to);
    await writeTaskEvent(tx, assignment, actor.userId, action, assignment.status, to, detail);
  });
}

/** The assignee records the evidence of one item (a later recording of the same item replaces it). */
export function recordEvidence(db: Db, actor: Actor, id: string, input: EvidenceInput) {
  return step(db, actor, id, 'record', async (tx, a, task, to) => {
    const item = itemsOf(task)[input.item];
    if (!item || item.evidence !== input.evidence.kind) throw new AppError('TASK_EVIDENCE_KIND');
    let evidence: Evidence = input.evidence;
    if (evidence.kind === 'checkin') {
      const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, a.unitId));
      const center =
        unit?.centerLat != null && unit.centerLng != null
          ? { lat: unit.centerLat, lng: unit.centerLng }
          : null;
      const found = checkinWithin(evidence.location, center, item.radiusM ?? 0);
      if (!found.ok) throw new AppError('TASK_CHECKIN_TOO_FAR', undefined, { distanceM: found.distanceM });
      evidence = { kind: 'checkin', location: evidence.location, distanceM: found.distanceM ?? undefined };
    }
    if (evidence.kind === 'photo') {
      const ids = [...new Set(evidence.photoIds)];
      // Only the assignee's own uploads, not shown with a case, a notice or another item already.
      const usable = await tx
        .select({ id: photos.id })
        .from(photos)
        .where(
          and(
            inArray(photos.id, ids),
            eq(photos.uploadedBy, actor.userId),
            isNull(photos.caseId),
            notExists(tx.select().from(noticePhotos).where(eq(noticePhotos.photoId, photos.id))),
            notExists(
              tx
                .select()
                .from(taskPhotos)
                .where(
                  and(
                    eq(taskPhotos.photoId, photos.id),
                    or(ne(taskPhotos.assignmentId, a.id), ne(taskPhotos.item, input.item)),
                  ),
                ),
            ),
          ),
        )
        .for('update');
      if (usable.length !== ids.length) throw new AppError('PHOTO_UNKNOWN');
      await tx
        .delete(taskPhotos)
        .where(and(eq(taskPhotos.assignmentId, a.id), eq(taskPhotos.item, input.item)));
      await tx
        .insert(taskPhotos)
        .values(ids.map((photoId) => ({ photoId, assignmentId: a.id, item: input.item })));
      evidence = { kind: 'photo', photoIds: ids };
    }
    const all = [...(a.evidence as (Evidence | null)[])];
    all[input.item] = evidence;
    await tx.update(taskAssignments).set({ evidence: all, status: to }).where(eq(taskAssignments.id, a.id));
    return { item: input.item, kind: evidence.kind };
  });
}

/** The assignee hands the fulfilment in; every item must carry its evidence. */
export function submitAssignment(db: Db, actor: Actor, id: string, now = new Date()) {
  return step(db, actor, id, 'submit', async (tx, a, _task, to) => {
    if ((a.evidence as (Evidence | null)[]).some((e) => e == null))
      throw new AppError('TASK_EVIDENCE_INCOMPLETE');
    await tx
      .update(taskAssignments)
      .set({ status: to, submittedBy: actor.userId, submittedAt: now, returnReason: null })
      .where(eq(taskAssignments.id, a.id));
    return { onTime: now.getTime() <= a.dueAt.getTime() };
  });
}

export function acceptAssignment(db: Db, actor: Actor, id: string) {
  return step(db, actor, id, 'accept', async (tx, a, _task, to) => {
    await tx.update(taskAssignments).set({ status: to }).where(eq(taskAssignments.id, a.id));
    return {};
  });
}

/** The issuer sends the fulfilment back for rework, with the reason the assignee will read. */
export function returnAssignment(db: Db, actor: Actor, id: string, reason: string) {
  return step(db, actor, id, 'return', async (tx, a, task, to) => {
    await tx
      .update(taskAssignments)
      .set({ status: to, returnReason: reason })
      .where(eq(taskAssignments.id, a.id));
    await notifyAboutTask(tx, await fulfillersOf(tx, a), a.townId, 'task_returned', {
      zh: `任务被退回：${task.title}（${reason}）`,
      en: `Task returned for rework: ${task.title} (${reason})`,
    });
    return { reason };
  });
}

/** 对单考核: the issuer scores each item against its full marks; the percentage feeds the rankings. */
export function scoreAssignment(
  db: Db,
  actor: Actor,
  id: string,
  input: { scores: number[]; comment: string },
  now = new Date(),
) {
  return step(db, actor, id, 'score', async (tx, a, task, to) => {
    const items = itemsOf(task);
    if (!validScores(items, input.scores)) throw new AppError('TASK_SCORES_INVALID');
    const percent = percentOf(items, input.scores);
    await tx
      .update(taskAssignments)
      .set({
        status: to,
        scores: input.scores,
        scoreComment: input.comment || null,
        percent,
        scoredBy: actor.userId,
        scoredAt: now,
      })
      .where(eq(taskAssignments.id, a.id));
    return { scores: input.scores, percent };
  });
}
