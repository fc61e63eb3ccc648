import { OPEN_STATUSES } from '@domain/cases/states';
import { and, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { cases, matters } from '../db/schema';

/** What the KPI formulas (domain/src/cases/kpi.ts) read of a case and its matter; join `matters`. */
export const caseFactColumns = {
  reportedAt: cases.reportedAt,
  acceptedAt: cases.acceptedAt,
  closedAt: cases.closedAt,
  rejectedAt: cases.rejectedAt,
  dueAt: cases.dueAt,
  isDispute: matters.isDispute,
  resolvedLevel: cases.resolvedLevel,
  reworkCount: cases.reworkCount,
  everResolved: cases.everResolved,
  rating: cases.rating,
  status: cases.status,
};

/**
 * Ids of the cases `within` (a town, or a path) that can count from `since` (and, given `until`, were
 * reported before it): reported, accepted or closed since, or still open. Each way is its own indexed
 * lookup within the town (town_id + time), not one `or`, so the cost follows the town's activity in
 * those weeks, not the size of its history or of the database.
 */
export function countedCaseIds(db: Db, within: SQL, since: Date, until?: Date) {
  const ids = (when: SQL) =>
    db
      .select({ id: cases.id })
      .from(cases)
      .where(and(within, when, until ? lt(cases.reportedAt, until) : undefined));
  return union(
    ids(gte(cases.reportedAt, since)),
    ids(gte(cases.acceptedAt, since)),
    ids(gte(cases.closedAt, since)),
    ids(inArray(cases.status, [...OPEN_STATUSES])),
  );
}

/** Rows read with `caseFactColumns`, with their status turned into the formulas' `open`. */
export function withOpen<T extends { status: string }>(rows: readonly T[]) {
  return rows.map(({ status, ...r }) => ({ ...r, open: OPEN_STATUSES.includes(status as never) }));
}
