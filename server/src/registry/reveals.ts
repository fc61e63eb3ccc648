import type { Actor } from '@domain/policies/scope';
import type { RevealField } from '@domain/registry/schemas';
import { and, desc, eq, like, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { registryReveals, residents, users } from '../db/schema';
import { likePrefix } from '../org/paths';
import { registryUnitFor } from './queries';

export interface RevealEntryView {
  id: string;
  at: string;
  actor: { id: string; name: string };
  resident: { id: string; name: string };
  field: RevealField;
  reason: string;
}

/** The reveal log under a unit, newest first, for the admins who answer for it. */
export async function listReveals(
  db: Db,
  actor: Actor,
  unitId: string,
  page: { before: string | null; limit: number },
): Promise<RevealEntryView[]> {
  const unit = await registryUnitFor(db, actor, unitId, 'audit');
  const who = alias(users, 'who');
  const rows = await db
    .select({
      r: registryReveals,
      actorName: who.name,
      residentName: residents.name,
    })
    .from(registryReveals)
    .innerJoin(who, eq(who.id, registryReveals.actorId))
    .innerJoin(residents, eq(residents.id, registryReveals.residentId))
    .where(
      and(
        like(registryReveals.unitPath, likePrefix(unit.path)),
        page.before ? lt(registryReveals.id, page.before) : undefined,
      ),
    )
    .orderBy(desc(registryReveals.id))
    .limit(page.limit);
  return rows.map(({ r, actorName, residentName }) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: { id: r.actorId, name: actorName },
    resident: { id: r.residentId, name: residentName },
    field: r.field as RevealField,
    reason: r.reason,
  }));
}
