import { authorizeCharterEditing } from '@domain/notices/policy';
import type { CourtyardCharter } from '@domain/notices/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { households, residents } from '../db/schema';
import { findUnit, type UnitRow } from '../org/queries';
import { enforce } from '../platform/enforce';
import { acknowledgmentsOf, charterVersions } from './charterQueries';

/** The head's view of a courtyard's charter: its versions, and which households have acknowledged the current one. */
export async function courtyardCharter(db: Db, actor: Actor, courtyardId: string): Promise<CourtyardCharter> {
  const unit = await findUnit(db, courtyardId);
  if (unit?.kind !== 'courtyard' || unit.retiredAt) enforce('not_found');
  const courtyard = unit as UnitRow;
  enforce(authorizeCharterEditing(actor, courtyard.path));
  const versions = await charterVersions(db, courtyardId);
  const rows = await db
    .select({ id: households.id, address: households.address, headName: residents.name })
    .from(households)
    .leftJoin(residents, and(eq(residents.householdId, households.id), eq(residents.relation, 'head')))
    .where(eq(households.courtyardId, courtyardId))
    .orderBy(asc(households.address), asc(households.id));
  const seen = new Set<string>();
  const list = rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
  const current = versions[0];
  const acks = current ? await acknowledgmentsOf(db, current) : new Map();
  return {
    courtyard: { id: courtyard.id, name: courtyard.name },
    versions,
    households: list.map((h) => ({
      id: h.id,
      address: h.address,
      headName: h.headName,
      acknowledgment: acks.get(h.id) ?? null,
    })),
  };
}
