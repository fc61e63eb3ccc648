import { householdLabel } from '@domain/leaderboard/label';
import type { Period } from '@domain/leaderboard/periods';
import { byNameThenId, perHousehold, rankWithTies } from '@domain/leaderboard/ranking';
import type { LeaderboardRow } from '@domain/leaderboard/schemas';
import { and, eq, gte, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { households, orgUnits, pointEntries, residents } from '../db/schema';

/**
 * The SQL behind 挂榜晾晒. Every statement is bounded by one unit and one period and reads through an
 * index: point_entries by (courtyard_id, at), (village_id, at) or (town_id, at); households and units by
 * a constant path prefix (text_pattern_ops). A village's board never reads another village's rows.
 *
 * "Earned" is every entry but spending: awards, deductions and reversals count; a redemption in the
 * store never lowers a household's place. Points count where they were earned (the entry's own
 * courtyard and village), so a household that moves keeps its past in its old courtyard's figures.
 */
export interface ScopeUnit {
  id: string;
  name: string;
  kind: string;
  path: string;
  townId: string;
}

const earned = (period: Period) =>
  and(
    gte(pointEntries.at, period.start),
    lt(pointEntries.at, period.end),
    ne(pointEntries.sourceType, 'redemption'),
  );
const pointsSum = sql<number>`coalesce(sum(${pointEntries.points}), 0)::int`;
const countRows = sql<number>`count(*)::int`;
const under = (column: typeof households.unitPath | typeof orgUnits.path, path: string) =>
  sql`${column} like ${`${path}%`}`;

/** Households of a courtyard or a village, each with what it earned in the period. */
export async function householdRows(
  db: Db,
  scope: ScopeUnit,
  period: Period,
  mine: (id: string) => boolean,
): Promise<LeaderboardRow[]> {
  const unitFilter =
    scope.kind === 'courtyard'
      ? eq(pointEntries.courtyardId, scope.id)
      : eq(pointEntries.villageId, scope.id);
  const [homes, sums, heads] = await Promise.all([
    db
      .select({ id: households.id, address: households.address })
      .from(households)
      .where(and(eq(households.townId, scope.townId), under(households.unitPath, scope.path))),
    db
      .select({ householdId: pointEntries.householdId, points: pointsSum })
      .from(pointEntries)
      .where(and(unitFilter, earned(period)))
      .groupBy(pointEntries.householdId),
    // The head (户主) names the household; failing one, its first recorded member.
    db
      .selectDistinctOn([residents.householdId], { householdId: residents.householdId, name: residents.name })
      .from(residents)
      .innerJoin(households, eq(households.id, residents.householdId))
      .where(and(eq(households.townId, scope.townId), under(households.unitPath, scope.path)))
      .orderBy(residents.householdId, sql`(${residents.relation} = 'head') desc`, residents.createdAt),
  ]);
  const pointsOf = new Map(sums.map((s) => [s.householdId, Number(s.points)]));
  const headOf = new Map(heads.map((h) => [h.householdId, h.name]));
  const items = homes.map((h) => ({
    id: h.id,
    name: householdLabel(headOf.get(h.id) ?? null, h.address),
    points: pointsOf.get(h.id) ?? 0,
  }));
  return rankWithTies(items, (i) => i.points, byNameThenId).map(({ item, rank }) => ({
    id: item.id,
    label: item.name,
    rank,
    points: item.points,
    households: null,
    perHousehold: null,
    mine: mine(item.id),
  }));
}

interface UnitTotals {
  id: string;
  name: string;
  path: string;
  points: number;
  households: number;
}

function rankUnits(units: UnitTotals[], mine: (path: string) => boolean): LeaderboardRow[] {
  const items = units.map((u) => ({ ...u, figure: perHousehold(u.points, u.households) }));
  return rankWithTies(items, (i) => i.figure, byNameThenId).map(({ item, rank }) => ({
    id: item.id,
    label: item.name,
    rank,
    points: item.points,
    households: item.households,
    perHousehold: item.figure,
    mine: mine(item.path),
  }));
}

/** Live units of one kind under a path. */
function unitsUnder(db: Db, path: string, kind: 'courtyard' | 'village') {
  return db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(and(under(orgUnits.path, path), eq(orgUnits.kind, kind), isNull(orgUnits.retiredAt)));
}

/** Courtyards of a village: points earned and households, ranked per household. */
export async function courtyardRows(
  db: Db,
  village: ScopeUnit,
  period: Period,
  mine: (path: string) => boolean,
): Promise<LeaderboardRow[]> {
  const [yards, counts, sums] = await Promise.all([
    unitsUnder(db, village.path, 'courtyard'),
    db
      .select({ courtyardId: households.courtyardId, n: countRows })
      .from(households)
      .where(and(eq(households.townId, village.townId), under(households.unitPath, village.path)))
      .groupBy(households.courtyardId),
    db
      .select({ courtyardId: pointEntries.courtyardId, points: pointsSum })
      .from(pointEntries)
      .where(and(eq(pointEntries.villageId, village.id), earned(period)))
      .groupBy(pointEntries.courtyardId),
  ]);
  const countOf = new Map(counts.map((c) => [c.courtyardId, Number(c.n)]));
  const sumOf = new Map(sums.map((s) => [s.courtyardId, Number(s.points)]));
  return rankUnits(
    yards.map((y) => ({ ...y, points: sumOf.get(y.id) ?? 0, households: countOf.get(y.id) ?? 0 })),
    mine,
  );
}

/** Villages of a town: points earned and households, ranked per household. */
export async function villageRows(
  db: Db,
  town: ScopeUnit,
  period: Period,
  mine: (path: string) => boolean,
): Promise<LeaderboardRow[]> {
  const [villages, counts, sums] = await Promise.all([
    unitsUnder(db, town.path, 'village'),
    // Households by courtyard path; each is counted in the village whose path its courtyard's starts with.
    db
      .select({ unitPath: households.unitPath, n: countRows })
      .from(households)
      .where(and(eq(households.townId, town.townId), under(households.unitPath, town.path)))
      .groupBy(households.unitPath),
    db
      .select({ villageId: pointEntries.villageId, points: pointsSum })
      .from(pointEntries)
      .where(and(eq(pointEntries.townId, town.townId), earned(period)))
      .groupBy(pointEntries.villageId),
  ]);
  const sumOf = new Map(sums.map((s) => [s.villageId, Number(s.points)]));
  return rankUnits(
    villages.map((v) => ({
      ...v,
      points: sumOf.get(v.id) ?? 0,
      households: counts.filter((c) => c.unitPath.startsWith(v.path)).reduce((n, c) => n + Number(c.n), 0),
    })),
    mine,
  );
}
