import { authorizeCharterEditing } from '@domain/notices/policy';
import type { Actor } from '@domain/policies/scope';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { charters, orgUnits } from '../db/schema';
import type { UnitRow } from '../org/queries';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { townOf } from '../registry/queries';

/**
 * A new version of the courtyard's charter, which replaces the current one; older versions stay. The
 * courtyard's row is locked so that two publications at once number their versions one after another.
 */
export async function publishCharter(
  db: Db,
  actor: Actor,
  courtyardId: string,
  body: string,
): Promise<{ id: string; version: number }> {
  return db.transaction(async (tx) => {
    const [unit] = await tx.select().from(orgUnits).where(eq(orgUnits.id, courtyardId)).for('update');
    if (unit?.kind !== 'courtyard' || unit.retiredAt) enforce('not_found');
    const courtyard = unit as UnitRow;
    enforce(authorizeCharterEditing(actor, courtyard.path));
    const [last] = await tx
      .select({ version: sql<number>`coalesce(max(${charters.version}), 0)::int` })
      .from(charters)
      .where(eq(charters.courtyardId, courtyardId));
    const version = Number(last?.version ?? 0) + 1;
    const id = newId();
    await tx.insert(charters).values({
      id,
      townId: townOf(courtyard),
      courtyardId,
      unitPath: courtyard.path,
      version,
      body,
      publishedBy: actor.userId,
    });
    await writeAudit(tx, {
      townId: townOf(courtyard),
      actorId: actor.userId,
      subjectType: 'charter',
      subjectId: id,
      action: 'published',
      detail: { courtyardId, version },
    });
    return { id, version };
  });
}
