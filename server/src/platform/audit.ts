import type { Db } from '../db/client';
import { auditLog } from '../db/schema';
import { newId } from './ids';

export interface AuditEntry {
  townId?: string | null;
  actorId: string | null;
  subjectType:
    | 'org_unit'
    | 'post'
    | 'user'
    | 'role_grant'
    | 'session'
    | 'matter'
    | 'household'
    | 'resident'
    | 'courtyard_invite'
    | 'household_binding'
    | 'registry_correction'
    | 'registry_import'
    | 'facility'
    | 'notice'
    | 'charter'
    | 'charter_acknowledgment'
    | 'point_rule'
    | 'point_entry'
    | 'store_item'
    | 'store_redemption'
    | 'leaderboard_board'
    | 'evaluation_template'
    | 'evaluation_round'
    | 'evaluation_scorecard'
    | 'task'
    | 'field_visit'
    | 'report_snapshot';
  subjectId: string;
  action: string;
  detail?: Record<string, unknown>;
}

/** Called inside the transaction of the change it explains, so the two commit or fail together. */
export async function writeAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    id: newId(),
    townId: entry.townId ?? null,
    actorId: entry.actorId,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    action: entry.action,
    detail: entry.detail ?? {},
  });
}

/** Many history rows in one statement, for bulk changes such as a boundary import. */
export async function writeAudits(tx: Db, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await tx.insert(auditLog).values(
      entries.slice(i, i + 1000).map((entry) => ({
        id: newId(),
        townId: entry.townId ?? null,
        actorId: entry.actorId,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        action: entry.action,
        detail: entry.detail ?? {},
      })),
    );
  }
}
