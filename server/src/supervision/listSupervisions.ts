import type { Actor } from '@domain/policies/scope';
import { authorizeSupervising, authorizeSupervisionReading } from '@domain/supervision/policy';
import type { SupervisionFilter, SupervisionSubject, SupervisionView } from '@domain/supervision/schemas';
import { and, asc, desc, eq, isNotNull, like, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { supervisions } from '../db/schema';
import { unitFor } from '../org/queries';
import { enforce } from '../platform/enforce';
import { type SupervisionRow, subjectOf, toSupervisionViews } from './queries';

const LIMIT = 200;

/**
 * The supervised items at or under a unit (督办清单): open ones by due date, overdue ones (open past
 * due), closed ones latest first. The scope is in the query: another town's rows are never read.
 */
export async function listSupervisions(
  db: Db,
  actor: Actor,
  query: { unitId: string; status?: SupervisionFilter },
  now: Date,
): Promise<SupervisionView[]> {
  const unit = await unitFor(db, actor, query.unitId, 'read');
  enforce(authorizeSupervising(actor, unit.path));
  const where: SQL[] = [like(supervisions.unitPath, `${unit.path}%`)];
  if (query.status === 'open') where.push(eq(supervisions.status, 'open'));
  if (query.status === 'closed') where.push(eq(supervisions.status, 'closed'));
  if (query.status === 'overdue')
    where.push(
      eq(supervisions.status, 'open'),
      or(lt(supervisions.dueAt, now), isNotNull(supervisions.overdueAt)) as SQL,
    );
  const rows = await db
    .select()
    .from(supervisions)
    .where(and(...where))
    .orderBy(
      query.status === 'closed' ? desc(supervisions.closedAt) : asc(supervisions.dueAt),
      desc(supervisions.createdAt),
    )
    .limit(LIMIT);
  return toSupervisionViews(db, actor, rows as SupervisionRow[], now);
}

/** Every supervision of one subject, latest first, with its history: the 督办 mark on the case or task page. */
export async function supervisionsOfSubject(
  db: Db,
  actor: Actor,
  subjectType: SupervisionSubject,
  subjectId: string,
  now: Date,
): Promise<SupervisionView[]> {
  const subject = await subjectOf(db, subjectType, subjectId, now);
  if (!subject) enforce('not_found');
  const path = (subject as NonNullable<typeof subject>).unitPath;
  // A case's mark is seen by the post staff who handle it too; a task is read by its issuers only.
  enforce(
    subjectType === 'case' ? authorizeSupervisionReading(actor, path) : authorizeSupervising(actor, path),
  );
  const rows = await db
    .select()
    .from(supervisions)
    .where(and(eq(supervisions.subjectType, subjectType), eq(supervisions.subjectId, subjectId)))
    .orderBy(desc(supervisions.createdAt));
  return toSupervisionViews(db, actor, rows, now, true);
}
