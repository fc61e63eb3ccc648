import { JOINABLE_STATUSES } from '@domain/facilities/rules';
import type { FacilityKind, FacilityView } from '@domain/facilities/schemas';
import { authorizeFacilities } from '@domain/policies/facilities';
import type { Actor } from '@domain/policies/scope';
import { asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { facilities, orgUnits, users } from '../db/schema';
import { idsOfPath, likePrefix } from '../org/paths';
import { findUnit, type UnitRow } from '../org/queries';
import { enforce } from '../platform/enforce';

export type FacilityRow = typeof facilities.$inferSelect;

/** A unit whose facilities the actor may read or manage; outside their area it does not exist. */
export async function facilityUnitFor(
  db: Db,
  actor: Actor,
  unitId: string,
  action: 'read' | 'manage',
): Promise<UnitRow> {
  const unit = await findUnit(db, unitId);
  if (!unit || unit.retiredAt) enforce('not_found');
  enforce(authorizeFacilities(actor, action, (unit as UnitRow).path));
  return unit as UnitRow;
}

export async function facilityByCode(db: Db, code: string): Promise<FacilityRow | undefined> {
  const [row] = await db.select().from(facilities).where(eq(facilities.code, code));
  return row;
}

/** The names along each path, from the town down: 直升镇 · 万宝村 · 第一网格. */
export async function trailsOf(db: Db, paths: readonly string[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(paths.flatMap((p) => idsOfPath(p).slice(1)))];
  const rows = ids.length
    ? await db
        .select({ id: orgUnits.id, name: orgUnits.name })
        .from(orgUnits)
        .where(inArray(orgUnits.id, ids))
    : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return new Map(
    paths.map((p) => [
      p,
      idsOfPath(p)
        .slice(1)
        .map((id) => names.get(id) ?? ''),
    ]),
  );
}

/**
 * The facilities under a unit with how often each filled in the period: cases opened from its QR code
 * and reports that joined one, most cases first, so the truck's round can start where it is needed.
 */
export async function listFacilities(
  db: Db,
  unitPath: string,
  period: { from?: Date | undefined; to?: Date | undefined },
): Promise<FacilityView[]> {
  const inPeriod = sql.join(
    [
      sql`fr.facility_id = ${facilities.id}`,
      ...(period.from ? [sql`fr.at >= ${period.from.toISOString()}::timestamptz`] : []),
      ...(period.to ? [sql`fr.at < ${period.to.toISOString()}::timestamptz`] : []),
    ],
    sql` and `,
  );
  const joinable = sql.join(
    JOINABLE_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const rows = await db
    .select({
      f: facilities,
      workerName: users.name,
      unitName: orgUnits.name,
      cases: sql<number>`(select count(*) from facility_reports fr where ${inPeriod} and not fr.joined)::int`,
      alsoReported: sql<number>`(select count(*) from facility_reports fr where ${inPeriod} and fr.joined)::int`,
      openCaseId: sql<
        string | null
      >`(select fr.case_id from facility_reports fr join cases c on c.id = fr.case_id
        where fr.facility_id = ${facilities.id} and not fr.joined and c.status in (${joinable}) limit 1)`,
    })
    .from(facilities)
    .innerJoin(orgUnits, eq(orgUnits.id, facilities.unitId))
    .leftJoin(users, eq(users.id, facilities.workerId))
    .where(like(facilities.unitPath, likePrefix(unitPath)))
    .orderBy(asc(facilities.code));
  const trails = await trailsOf(
    db,
    rows.map((r) => r.f.unitPath),
  );
  return rows
    .map((r) => ({
      ...toFacilityView(r.f, r.unitName, trails.get(r.f.unitPath) ?? [], r.workerName),
      cases: Number(r.cases),
      alsoReported: Number(r.alsoReported),
      openCaseId: r.openCaseId,
    }))
    .sort((a, b) => b.cases - a.cases || a.code.localeCompare(b.code));
}

export async function facilityView(db: Db, row: FacilityRow): Promise<FacilityView> {
  const [unit] = await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, row.unitId));
  const [worker] = row.workerId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.workerId))
    : [];
  const trail = (await trailsOf(db, [row.unitPath])).get(row.unitPath) ?? [];
  return toFacilityView(row, unit?.name ?? '', trail, worker?.name ?? null);
}

function toFacilityView(
  f: FacilityRow,
  unitName: string,
  trail: string[],
  workerName: string | null,
): FacilityView {
  return {
    id: f.id,
    code: f.code,
    kind: f.kind as FacilityKind,
    place: f.place,
    unit: { id: f.unitId, name: unitName, trail },
    location: { lat: f.lat, lng: f.lng },
    worker: f.workerId ? { id: f.workerId, name: workerName ?? '' } : null,
    cases: 0,
    alsoReported: 0,
    openCaseId: null,
  };
}

/** Facilities of a unit's subtree for the label sheet, in code order as they are stuck on in the field. */
export async function facilitiesUnder(db: Db, unitPath: string): Promise<FacilityRow[]> {
  return db
    .select()
    .from(facilities)
    .where(like(facilities.unitPath, likePrefix(unitPath)))
    .orderBy(asc(facilities.code));
}
