import type { LeaderboardPlace } from '@domain/leaderboard/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema';

const RANKED_KINDS = ['courtyard', 'village', 'town'];
/** Staff over a district see its towns and villages to choose from; never an unbounded list. */
const MAX_PLACES = 500;

/**
 * The places whose boards a person may open: every courtyard, village and town on the path from the
 * top down to each of their granted units, and for staff the towns and villages below their grant.
 */
export async function placesOf(db: Db, actor: Actor): Promise<LeaderboardPlace[]> {
  if (actor.grants.length === 0) return [];
  const ancestorIds = [...new Set(actor.grants.flatMap((g) => g.unitPath.split('/').filter(Boolean)))];
  const below = actor.grants.map(
    (g) => sql`(${orgUnits.path} like ${`${g.unitPath}%`} and ${orgUnits.kind} in ('town', 'village'))`,
  );
  const rows = await db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnits)
    .where(
      and(
        isNull(orgUnits.retiredAt),
        or(and(inArray(orgUnits.id, ancestorIds), inArray(orgUnits.kind, RANKED_KINDS)), ...below),
      ),
    )
    .orderBy(orgUnits.depth, orgUnits.path)
    .limit(MAX_PLACES);
  const trailIds = [...new Set(rows.flatMap((r) => r.path.split('/').filter(Boolean)))];
  const names = new Map(
    (
      await db
        .select({ id: orgUnits.id, name: orgUnits.name })
        .from(orgUnits)
        .where(inArray(orgUnits.id, trailIds.length ? trailIds : ['00000000-0000-0000-0000-000000000000']))
    ).map((u) => [u.id, u.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    trail: r.path
      .split('/')
      .filter(Boolean)
      .map((id) => names.get(id) ?? '')
      .join(' / '),
  }));
}
