import { OPEN_STATUSES } from '@domain/cases/states';
import { CaseTrends, fillDays, fillSectors, TrendsQuery, trendWindow } from '@domain/cases/trends';
import { AppError } from '@domain/errors/codes';
import { SECTOR_KINDS, type UnitKind } from '@domain/org/kinds';
import { canOverseeUnit } from '@domain/policies/cases';
import type { Actor } from '@domain/policies/scope';
import { and, desc, eq, gt, gte, inArray, like, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import { cases, matters, orgUnits, posts, sectors } from '../db/schema';
import { likePrefix } from '../org/paths';
import { unitFor } from '../org/queries';
import { requireAuth } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';

/**
 * The Asia/Shanghai day of a timestamp, in SQL. A fixed +8 h rather than a zone name: China keeps
 * UTC+8 all year, and PGlite and PostgreSQL then agree without depending on a time zone database.
 */
const shanghaiDay = (column: typeof cases.reportedAt | typeof cases.closedAt) =>
  sql<string>`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;
const count = sql<number>`count(*)::int`;
const villages = alias(orgUnits, 'villages');

/**
 * A case's sector: the sector of the post that leads it once dispatched, before that the default
 * sector of its matter (where the center will most likely send it).
 */
const sectorOf = sql<string>`coalesce(${sectors.kind}, ${matters.sector})`;

/**
 * The wall screen's trends for one unit: cases received and closed per Asia/Shanghai day, open and
 * closed by sector, and the grids with the most open and overdue cases. Every figure is a lookup
 * within the town (town_id leads each index used), so a town's screen costs what its own recent
 * activity costs, whatever the rest of the district holds. A district's screen reads its subtree.
 */
export async function caseTrends(
  db: Db,
  actor: Actor,
  query: { unitId: string; days: number; top: number },
  now: Date,
): Promise<CaseTrends> {
  const unit = await unitFor(db, actor, query.unitId, 'read');
  if (!canOverseeUnit(actor, unit.path)) throw new AppError('FORBIDDEN');
  const window = trendWindow(query.days, now);
  const under = like(cases.unitPath, likePrefix(unit.path));
  const within = unit.townId ? and(eq(cases.townId, unit.townId), under) : under;
  const open = inArray(cases.status, [...OPEN_STATUSES]);

  const receivedDay = shanghaiDay(cases.reportedAt);
  const closedDay = shanghaiDay(cases.closedAt);
  const [received, closed, openBySector, closedBySector, grids] = await Promise.all([
    db
      .select({ day: receivedDay, n: count })
      .from(cases)
      .where(and(within, gte(cases.reportedAt, window.since)))
      .groupBy(receivedDay),
    db
      .select({ day: closedDay, n: count })
      .from(cases)
      .where(and(within, gte(cases.closedAt, window.since)))
      .groupBy(closedDay),
    bySector(db, and(within, open)),
    bySector(db, and(within, gte(cases.closedAt, window.since))),
    db
      .select({
        gridId: cases.gridId,
        name: orgUnits.name,
        villageName: villages.name,
        open: count,
        overdue: sql<number>`count(*) filter (where ${gt(cases.overdueLevel, 0)})::int`,
      })
      .from(cases)
      .leftJoin(orgUnits, eq(orgUnits.id, cases.gridId))
      .leftJoin(villages, eq(villages.id, orgUnits.parentId))
      .where(and(within, open))
      .groupBy(cases.gridId, orgUnits.name, villages.name)
      .orderBy(desc(count), desc(sql`count(*) filter (where ${gt(cases.overdueLevel, 0)})`), cases.gridId)
      .limit(query.top),
  ]);

  const perDay = (rows: { day: string; n: number }[]) => new Map(rows.map((r) => [r.day, Number(r.n)]));
  const sectorRows = SECTOR_KINDS.map((sector) => ({
    sector,
    open: Number(openBySector.find((r) => r.sector === sector)?.n ?? 0),
    closed: Number(closedBySector.find((r) => r.sector === sector)?.n ?? 0),
  }));
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind },
    since: window.since.toISOString(),
    days: fillDays(window.days, perDay(received), perDay(closed)),
    sectors: fillSectors(SECTOR_KINDS, sectorRows),
    grids: grids.map((g) => ({
      gridId: g.gridId,
      name: g.name,
      villageName: g.villageName,
      open: Number(g.open),
      overdue: Number(g.overdue),
    })),
  };
}

function bySector(db: Db, where: SQL | undefined) {
  return db
    .select({ sector: sectorOf, n: count })
    .from(cases)
    .innerJoin(matters, eq(matters.id, cases.matterId))
    .leftJoin(posts, eq(posts.id, cases.leadPostId))
    .leftJoin(sectors, eq(sectors.id, posts.sectorId))
    .where(where)
    .groupBy(sectorOf);
}

export function trendRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/v1/cases/trends',
    {
      schema: {
        tags: ['cases'],
        summary: '大屏趋势：每日受理与办结、各板块、各网格 Trends for the wall screen',
        querystring: TrendsQuery,
        response: { 200: CaseTrends },
      },
    },
    async (request) => caseTrends(db, requireAuth(request).actor, request.query, new Date()),
  );
}
