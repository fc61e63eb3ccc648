import { JOINABLE_STATUSES } from '@domain/facilities/rules';
import type { FacilityKind, NearbyFacility } from '@domain/facilities/schemas';
import type { Actor } from '@domain/policies/scope';
import { asc, like, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { facilities } from '../db/schema';
import { idsOfPath, likePrefix } from '../org/paths';
import { trailsOf } from './queries';

/** A village's facilities fit on a phone; a list longer than this is a console's job. */
const MAX_LISTED = 200;

/**
 * The facilities of the villages a person lives or works in (roles held at a village, grid or
 * courtyard), those of their own grid or courtyard first. Town-level staff have the console instead.
 */
export async function facilitiesNearMe(db: Db, actor: Actor): Promise<NearbyFacility[]> {
  // Depth by path: district, town, village, grid, courtyard.
  const local = actor.grants.filter((g) => idsOfPath(g.unitPath).length >= 3);
  if (!local.length) return [];
  const villagePaths = [...new Set(local.map((g) => `/${idsOfPath(g.unitPath).slice(0, 3).join('/')}/`))];
  const ownPaths = local.map((g) => g.unitPath);
  const joinable = sql.join(
    JOINABLE_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const rows = await db
    .select({
      code: facilities.code,
      kind: facilities.kind,
      place: facilities.place,
      unitPath: facilities.unitPath,
      open: sql<boolean>`exists (
        select 1 from facility_reports fr join cases c on c.id = fr.case_id
        where fr.facility_id = facilities.id and c.status in (${joinable})
      )`,
    })
    .from(facilities)
    .where(or(...villagePaths.map((p) => like(facilities.unitPath, likePrefix(p)))))
    .orderBy(asc(facilities.code))
    .limit(MAX_LISTED);
  const trails = await trailsOf(
    db,
    rows.map((r) => r.unitPath),
  );
  const listed = rows.map((r) => ({
    code: r.code,
    kind: r.kind as FacilityKind,
    place: r.place,
    trail: trails.get(r.unitPath) ?? [],
    mine: ownPaths.some((p) => r.unitPath.startsWith(p)),
    open: r.open === true || String(r.open) === 'true',
  }));
  return [...listed.filter((f) => f.mine), ...listed.filter((f) => !f.mine)];
}
