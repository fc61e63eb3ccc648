import { applyAction, type CaseState } from '@domain/cases/effects';
import type { CaseActionInput } from '@domain/cases/schemas';
import { CASE_ACTION_LABELS, CASE_STATUS_LABELS, type CaseStatus } from '@domain/cases/states';
import { AppError } from '@domain/errors/codes';
import type { TimeLimits } from '@domain/matters/schemas';
import { authorizeCase } from '@domain/policies/cases';
import type { Actor } from '@domain/policies/scope';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { calendarAround } from '../calendar/queries';
import type { Db } from '../db/client';
import { caseAssignments, caseEvents, cases, matters, photos, posts } from '../db/schema';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { awardForResolvedFacilityReport, awardForVerifiedReport } from '../points/autoAward';
import { raiseCaseEvent } from './events';
import { leadCandidates } from './lead';
import { centerOperatorsOf, gridWorkersOf, notifyUsers, staffOfPosts, supervisorsOf } from './notify';
import { alsoReportersOf, type CaseRow, caseTargetOf } from './queries';

/**
 * Every step of the loop after the report, in one transaction: lock the case, ask the policy,
 * apply the pure effects, write the timeline row and the inbox rows. Two people acting at once
 * queue on the row lock; the second then finds the case moved on and is told so (409).
 */
export async function actOnCase(
  db: Db,
  actor: Actor,
  caseId: string,
  input: CaseActionInput,
  now = new Date(),
): Promise<CaseRow> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    if (!locked) enforce('not_found');
    const row = locked as CaseRow;
    const target = await caseTargetOf(tx, row);
    const decision = authorizeCase(actor, input.action, target, now);
    if (decision === 'conflict') {
      const status = CASE_STATUS_LABELS[row.status as CaseStatus];
      const action = CASE_ACTION_LABELS[input.action];
      throw new AppError(
        'CASE_STATE_CONFLICT',
        {
          zh: `事件当前为「${status.zh}」，不能${action.zh}`,
          en: `The case is ${status.en.toLowerCase()}; it cannot take "${action.en}"`,
        },
        { status: row.status, version: row.version },
      );
    }
    enforce(decision);
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
      throw new AppError('CASE_VERSION_CONFLICT', undefined, { version: row.version });
    }

    const [matter] = await tx.select().from(matters).where(eq(matters.id, row.matterId));
    const patch = applyAction(row as unknown as CaseState, input, {
      now,
      limits: matter?.limits as TimeLimits,
      calendar: matter?.workingDays ? await calendarAround(tx, now) : null,
    });
    const extra: Partial<typeof cases.$inferInsert> = {};
    if (input.action === 'dispatch') Object.assign(extra, await assign(tx, row, input, now));
    if (input.action === 'return' || input.action === 'object') {
      extra.leadPostId = null;
      extra.leadUserId = null;
      await tx.delete(caseAssignments).where(eq(caseAssignments.caseId, row.id));
    }
    if (input.action === 'check_in') await checkIn(tx, actor, row, now);

    const version = row.version + 1;
    const [updated] = await tx
      .update(cases)
      .set({ ...(patch as Partial<typeof cases.$inferInsert>), ...extra, version, updatedAt: now })
      .where(eq(cases.id, row.id))
      .returning();
    const eventId = newId();
    await tx.insert(caseEvents).values({
      id: eventId,
      caseId: row.id,
      townId: row.townId,
      seq: version,
      actorId: actor.userId,
      action: input.action,
      fromStatus: row.status,
      toStatus: (patch.status ?? row.status) as string,
      note: 'note' in input ? (input.note ?? null) : null,
      detail: detailOf(input),
      at: now,
    });
    await attachPhotos(tx, actor.userId, row, eventId, 'photoIds' in input ? input.photoIds : []);
    await tellThoseConcerned(tx, updated as CaseRow, input, actor.userId);
    await raiseCaseEvent(tx, updated as CaseRow, input.action);
    if (input.action === 'verify') await awardForVerifiedReport(tx, updated as CaseRow, actor.userId, now);
    if (input.action === 'resolve')
      await awardForResolvedFacilityReport(tx, updated as CaseRow, actor.userId, now);
    return updated as CaseRow;
  });
}

function detailOf(input: CaseActionInput): Record<string, unknown> {
  const {
    action: _a,
    note: _n,
    photoIds: _p,
    expectedVersion: _v,
    ...rest
  } = input as Record<string, unknown>;
  return rest;
}

async function attachPhotos(
  tx: Db,
  userId: string,
  row: CaseRow,
  eventId: string,
  photoIds: readonly string[],
) {
  if (photoIds.length === 0) return;
  const found = await tx
    .select({ id: photos.id })
    .from(photos)
    .where(and(inArray(photos.id, [...photoIds]), eq(photos.uploadedBy, userId), isNull(photos.caseId)));
  if (found.length !== new Set(photoIds).size) throw new AppError('PHOTO_UNKNOWN');
  await tx
    .update(photos)
    .set({ caseId: row.id, eventId, townId: row.townId })
    .where(inArray(photos.id, [...photoIds]));
}

/** Dispatch names one lead (a post of the town, or a named person) and any assisting posts. */
async function assign(
  tx: Db,
  row: CaseRow,
  input: Extract<CaseActionInput, { action: 'dispatch' }>,
  now: Date,
) {
  if (!!input.leadPostId === !!input.leadUserId) throw new AppError('DISPATCH_TARGET_INVALID');
  const assist = [...new Set(input.assistPostIds)].filter((p) => p !== input.leadPostId);
  const wanted = [...(input.leadPostId ? [input.leadPostId] : []), ...assist];
  const found = wanted.length
    ? await tx
        .select({ id: posts.id })
        .from(posts)
        .where(and(inArray(posts.id, wanted), eq(posts.townId, row.townId), isNull(posts.retiredAt)))
    : [];
  if (found.length !== wanted.length) {
    throw new AppError('DISPATCH_TARGET_INVALID', {
      zh: '所选岗位不属于本镇街',
      en: 'A chosen post is not one of this town',
    });
  }
  if (input.leadUserId) {
    if ((await leadCandidates(tx, row, input.leadUserId)).length === 0) {
      throw new AppError('DISPATCH_TARGET_INVALID', {
        zh: '牵头人须为本镇街或区县的工作人员',
        en: 'The lead person must serve this town or its district',
      });
    }
  }
  const checkInDueAt = row.whistled
    ? new Date(now.getTime() + (await whistleCheckInHours(tx, row.id)) * 3600_000)
    : null;
  await tx.delete(caseAssignments).where(eq(caseAssignments.caseId, row.id));
  if (wanted.length) {
    await tx.insert(caseAssignments).values(
      wanted.map((postId) => ({
        caseId: row.id,
        postId,
        role: postId === input.leadPostId ? 'lead' : 'assist',
        checkInDueAt,
      })),
    );
  }
  return { leadPostId: input.leadPostId ?? null, leadUserId: input.leadUserId ?? null };
}

async function whistleCheckInHours(tx: Db, caseId: string): Promise<number> {
  const [whistle] = await tx
    .select({ detail: caseEvents.detail })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, 'whistle')))
    .orderBy(desc(caseEvents.seq))
    .limit(1);
  return Number((whistle?.detail as { checkInHours?: number } | undefined)?.checkInHours ?? 2);
}

async function checkIn(tx: Db, actor: Actor, row: CaseRow, now: Date) {
  const myPosts = actor.grants
    .filter((g) => g.role === 'post_staff' && g.postId)
    .map((g) => g.postId as string);
  await tx
    .update(caseAssignments)
    .set({ checkedInAt: now })
    .where(
      and(
        eq(caseAssignments.caseId, row.id),
        inArray(caseAssignments.postId, myPosts),
        isNull(caseAssignments.checkedInAt),
      ),
    );
}

/** The inbox message of each step goes to whoever must act next, and to the reporter on news of their case. */
async function tellThoseConcerned(tx: Db, c: CaseRow, input: CaseActionInput, actorId: string) {
  const label = CASE_ACTION_LABELS[input.action];
  const title = {
    zh: `事件${label.zh}：${c.description.slice(0, 30)}`,
    en: `Case ${label.en.toLowerCase()}: ${c.description.slice(0, 30)}`,
  };
  const assigned = (
    await tx
      .select({ postId: caseAssignments.postId })
      .from(caseAssignments)
      .where(eq(caseAssignments.caseId, c.id))
  ).map((a) => a.postId);
  const lead = [
    ...(await staffOfPosts(tx, c.leadPostId ? [c.leadPostId] : [])),
    ...(c.leadUserId ? [c.leadUserId] : []),
  ];
  const recipients: string[] = [];
  switch (input.action) {
    case 'accept':
    case 'reject':
    case 'handle':
      recipients.push(c.reporterId);
      break;
    case 'dispatch':
      recipients.push(...(await staffOfPosts(tx, assigned)), ...lead, c.reporterId);
      break;
    case 'resolve':
      recipients.push(
        ...(c.gridId ? await gridWorkersOf(tx, c.gridId) : await centerOperatorsOf(tx, c.townId)),
        c.reporterId,
        ...(await alsoReportersOf(tx, c.id)),
      );
      break;
    case 'rework':
      recipients.push(...lead);
      break;
    case 'close':
      recipients.push(c.reporterId, ...(await alsoReportersOf(tx, c.id)), ...lead);
      break;
    case 'rate':
      recipients.push(...(await centerOperatorsOf(tx, c.townId)), ...lead);
      break;
    case 'escalate':
      recipients.push(...(await supervisorsOf(tx, c)));
      break;
    case 'settle':
      recipients.push(c.reporterId, ...(await centerOperatorsOf(tx, c.townId)));
      break;
    case 'pause':
    case 'resume':
      recipients.push(c.reporterId, ...lead, ...(await centerOperatorsOf(tx, c.townId)));
      break;
    default:
      recipients.push(...(await centerOperatorsOf(tx, c.townId)));
  }
  await notifyUsers(tx, recipients, c, title, `case_${input.action}`, actorId);
}
