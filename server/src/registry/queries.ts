import type { Actor } from '@domain/policies/scope';
import { authorizeRegistry, type RegistryAction } from '@domain/registry/policy';
import type {
  Gender,
  HouseholdSummary,
  HouseholdView,
  Relation,
  ResidentTag,
  ResidentView,
} from '@domain/registry/schemas';
import { and, asc, eq, gt, inArray, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { householdLinks, households, orgUnits, residents, users } from '../db/schema';
import { likePrefix } from '../org/paths';
import { findUnit, type UnitRow } from '../org/queries';
import { enforce } from '../platform/enforce';

export type HouseholdRow = typeof households.$inferSelect;
export type ResidentRow = typeof residents.$inferSelect;

/** The town a unit belongs to (a town is its own). */
export function townOf(unit: UnitRow): string {
  return unit.kind === 'town' ? unit.id : (unit.townId as string);
}

/** A unit the actor may act on in the registry; outside their subtree it does not exist. */
export async function registryUnitFor(
  db: Db,
  actor: Actor,
  unitId: string,
  action: RegistryAction,
): Promise<UnitRow> {
  const unit = await findUnit(db, unitId);
  if (!unit) enforce('not_found');
  enforce(authorizeRegistry(actor, action, (unit as UnitRow).path));
  return unit as UnitRow;
}

export async function courtyardFor(
  db: Db,
  actor: Actor,
  id: string,
  action: RegistryAction,
): Promise<UnitRow> {
  const unit = await registryUnitFor(db, actor, id, action);
  if (unit.kind !== 'courtyard' || unit.retiredAt) enforce('not_found');
  return unit;
}

export async function householdFor(
  db: Db,
  actor: Actor,
  id: string,
  action: RegistryAction,
): Promise<HouseholdRow> {
  const [row] = await db.select().from(households).where(eq(households.id, id));
  if (!row) enforce('not_found');
  enforce(authorizeRegistry(actor, action, (row as HouseholdRow).unitPath));
  return row as HouseholdRow;
}

export async function residentFor(
  db: Db,
  actor: Actor,
  id: string,
  action: RegistryAction,
): Promise<{ resident: ResidentRow; household: HouseholdRow }> {
  const [row] = await db
    .select({ resident: residents, household: households })
    .from(residents)
    .innerJoin(households, eq(households.id, residents.householdId))
    .where(eq(residents.id, id));
  if (!row) enforce('not_found');
  const found = row as { resident: ResidentRow; household: HouseholdRow };
  enforce(authorizeRegistry(actor, action, found.household.unitPath));
  return found;
}

export function toResidentView(r: ResidentRow): ResidentView {
  return {
    id: r.id,
    householdId: r.householdId,
    name: r.name,
    relation: r.relation as Relation,
    gender: r.gender as Gender,
    birthDate: r.birthDate,
    phone: r.phoneMasked,
    idNumber: r.idNumberMasked,
    tags: r.tags as ResidentTag[],
  };
}

/** The head first, then by birth date: how a 户口簿 lists a family. */
function byFamilyOrder(a: ResidentRow, b: ResidentRow): number {
  if (a.relation === 'head' && b.relation !== 'head') return -1;
  if (b.relation === 'head' && a.relation !== 'head') return 1;
  return a.birthDate.localeCompare(b.birthDate);
}

/** A household as any reader sees it: every personal number masked, with what this viewer may do. */
export async function toHouseholdView(db: Db, actor: Actor | null, h: HouseholdRow): Promise<HouseholdView> {
  const [members, links, [courtyard]] = await Promise.all([
    db.select().from(residents).where(eq(residents.householdId, h.id)),
    db
      .select({ userId: householdLinks.userId, name: users.name })
      .from(householdLinks)
      .innerJoin(users, eq(users.id, householdLinks.userId))
      .where(eq(householdLinks.householdId, h.id))
      .orderBy(asc(users.name)),
    db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, h.courtyardId)),
  ]);
  const may = (action: RegistryAction) =>
    actor !== null && authorizeRegistry(actor, action, h.unitPath) === 'allow';
  return {
    id: h.id,
    courtyard: { id: h.courtyardId, name: courtyard?.name ?? '' },
    address: h.address,
    residents: members.sort(byFamilyOrder).map(toResidentView),
    links,
    can: { edit: may('keep'), reveal: may('reveal') },
  };
}

/** Households under a unit, a page at a time in a stable order (courtyard, then doorplate). */
export async function listHouseholds(
  db: Db,
  unitPath: string,
  page: { after: string | null; limit: number },
): Promise<HouseholdSummary[]> {
  const rows = await db
    .select({ household: households, courtyardName: orgUnits.name })
    .from(households)
    .innerJoin(orgUnits, eq(orgUnits.id, households.courtyardId))
    .where(
      and(
        like(households.unitPath, likePrefix(unitPath)),
        page.after ? gt(households.id, page.after) : undefined,
      ),
    )
    .orderBy(asc(households.id))
    .limit(page.limit);
  if (rows.length === 0) return [];
  const members = await db
    .select()
    .from(residents)
    .where(
      inArray(
        residents.householdId,
        rows.map((r) => r.household.id),
      ),
    );
  const byHousehold = new Map<string, ResidentRow[]>();
  for (const m of members) byHousehold.set(m.householdId, [...(byHousehold.get(m.householdId) ?? []), m]);
  return rows.map(({ household, courtyardName }) => {
    const people = byHousehold.get(household.id) ?? [];
    return {
      id: household.id,
      courtyard: { id: household.courtyardId, name: courtyardName },
      address: household.address,
      headName: people.find((p) => p.relation === 'head')?.name ?? null,
      residentCount: people.length,
      tags: [...new Set(people.flatMap((p) => p.tags as ResidentTag[]))],
    };
  });
}
