import type { CaseListQuery } from '@domain/cases/schemas';
import { OPEN_STATUSES } from '@domain/cases/states';
import { AREA_READER_ROLES } from '@domain/policies/cases';
import type { Actor } from '@domain/policies/scope';
import { and, desc, eq, exists, gt, gte, ilike, inArray, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { caseAssignments, cases, matters } from '../db/schema';
import { likePrefix, townIdOfPath } from '../org/paths';
import type { CaseRow } from './queries';

/**
 * The towns the actor's grants lie in, or null when one reaches above a town (a district role). Every
 * case row carries its town, so naming the towns lets each query start from the town's own index
 * however many other towns' cases the database holds.
 */
export function townsOf(actor: Actor): string[] | null {
  const towns = actor.grants.map((g) => townIdOfPath(g.unitPath));
  return towns.every((t): t is string => !!t) ? [...new Set(towns)] : null;
}

/**
 * The cases an actor may read, as SQL: the same rule as `canReadCase`, so a list never shows what a
 * detail page would refuse.
 */
export function readableBy(actor: Actor): SQL {
  const myPosts = actor.grants
    .filter((g) => g.role === 'post_staff' && g.postId)
    .map((g) => g.postId as string);
  const areas = actor.grants
    .filter((g) => AREA_READER_ROLES.includes(g.role))
    .map((g) => like(cases.unitPath, likePrefix(g.unitPath)));
  const clauses: SQL[] = [eq(cases.reporterId, actor.userId), eq(cases.leadUserId, actor.userId), ...areas];
  if (myPosts.length) clauses.push(inArray(cases.leadPostId, myPosts), assignedToAny(myPosts));
  const towns = townsOf(actor);
  const readable = or(...clauses) as SQL;
  // Own reports filed in another town are listed under scope=mine, which needs no town.
  return towns ? (and(inArray(cases.townId, towns), readable) as SQL) : readable;
}

function assignedToAny(postIds: readonly string[]): SQL {
  return exists(
    sql`(select 1 from ${caseAssignments} where ${caseAssignments.caseId} = ${cases.id} and ${inArray(caseAssignments.postId, [...postIds])})`,
  );
}

/** One page of the case list, newest first; keyset on (reported_at, id) keeps pages stable while cases arrive. */
export async function listCases(
  db: Db,
  actor: Actor,
  query: CaseListQuery,
  filter: { unitPath?: string | undefined; after: [string, string] | null; limit: number },
): Promise<CaseRow[]> {
  const conditions: SQL[] = [query.scope === 'mine' ? eq(cases.reporterId, actor.userId) : readableBy(actor)];
  if (query.scope === 'post') {
    const myPosts = actor.grants
      .filter((g) => g.role === 'post_staff' && g.postId)
      .map((g) => g.postId as string);
    conditions.push(
      myPosts.length
        ? (or(
            inArray(cases.leadPostId, myPosts),
            assignedToAny(myPosts),
            eq(cases.leadUserId, actor.userId),
          ) as SQL)
        : eq(cases.leadUserId, actor.userId),
    );
  }
  if (query.townId) conditions.push(eq(cases.townId, query.townId));
  if (filter.unitPath) conditions.push(like(cases.unitPath, likePrefix(filter.unitPath)));
  if (query.status?.length) conditions.push(inArray(cases.status, query.status));
  if (query.matterId) {
    conditions.push(
      inArray(
        cases.matterId,
        db
          .select({ id: matters.id })
          .from(matters)
          .where(or(eq(matters.id, query.matterId), eq(matters.parentId, query.matterId))),
      ),
    );
  }
  if (query.postId)
    conditions.push(or(eq(cases.leadPostId, query.postId), assignedToAny([query.postId])) as SQL);
  if (query.urgency) conditions.push(eq(cases.urgency, query.urgency));
  if (query.overdue === 'true')
    conditions.push(gt(cases.overdueLevel, 0), inArray(cases.status, [...OPEN_STATUSES]));
  if (query.overdue === 'false') conditions.push(eq(cases.overdueLevel, 0));
  if (query.from) conditions.push(gte(cases.reportedAt, new Date(query.from)));
  if (query.to) conditions.push(lt(cases.reportedAt, new Date(query.to)));
  if (query.q) conditions.push(ilike(cases.description, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.after) {
    const [at, id] = filter.after;
    const when = new Date(at);
    conditions.push(or(lt(cases.reportedAt, when), and(eq(cases.reportedAt, when), lt(cases.id, id))) as SQL);
  }
  return db
    .select()
    .from(cases)
    .where(and(...conditions))
    .orderBy(desc(cases.reportedAt), desc(cases.id))
    .limit(filter.limit);
}
