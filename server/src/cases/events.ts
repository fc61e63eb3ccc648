import type { Db } from '../db/client';
import { notifyInTransaction } from '../platform/realtime';
import type { CaseRow } from './queries';

/** The live topic of a town's cases: the console's feed listens here, in every server process. */
export function townCasesTopic(townId: string): string {
  return `cases.${townId}`;
}

/**
 * Raised inside the transaction of the step, so the feed hears of it only once it has committed.
 * Ids and a summary only: a subscriber reads the case itself under its own permissions.
 */
export async function raiseCaseEvent(tx: Db, c: CaseEventSubject, action: string): Promise<void> {
  await notifyInTransaction(tx, townCasesTopic(c.townId), caseEvent(c, action));
}

type CaseEventSubject = Pick<CaseRow, 'id' | 'townId' | 'status' | 'overdueLevel' | 'version'>;

export function caseEvent(c: CaseEventSubject, action: string) {
  return { caseId: c.id, action, status: c.status, overdueLevel: c.overdueLevel, version: c.version };
}
