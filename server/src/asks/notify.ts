import { ASK_ACTION_LABELS, type AskAction } from '@domain/asks/states';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications, roleGrants } from '../db/schema';
import { newId } from '../platform/ids';
import type { AskRow } from './queries';

export async function headsOf(tx: Db, courtyardId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, 'courtyard_head'), eq(roleGrants.unitId, courtyardId)));
  return rows.map((r) => r.userId);
}

/**
 * An inbox message about an ask, in the transaction of the step. Its kind starts with `ask_`, which
 * the phone opens as 找院长; it names a case only once the ask has become one.
 */
export async function notifyAboutAsk(
  tx: Db,
  userIds: Iterable<string>,
  row: AskRow,
  action: AskAction | 'ask',
  exceptUserId: string,
) {
  const unique = [...new Set(userIds)].filter((u) => u !== exceptUserId);
  if (unique.length === 0) return;
  const label = ASK_ACTION_LABELS[action];
  const gist = row.text.slice(0, 30) || '🎤';
  const title = { zh: `找院长·${label.zh}：${gist}`, en: `Ask the head · ${label.en}: ${gist}` };
  await tx.insert(notifications).values(
    unique.map((userId) => ({
      id: newId(),
      userId,
      townId: row.townId,
      caseId: row.caseId,
      kind: `ask_${action}`,
      title,
    })),
  );
}
