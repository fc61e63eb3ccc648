import { OPEN_STATUSES } from '@domain/cases/states';
import type { Bilingual } from '@domain/errors/codes';
import { and, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cases, orgUnits, posts, roleGrants } from '../db/schema';
import { likePrefix } from './paths';
import type { UnitRow } from './queries';

export interface LiveContentCount {
  what: Bilingual;
  count: number;
}

type Counter = (db: Db, unit: UnitRow) => Promise<LiveContentCount>;

const countOf = (rows: { n: number }[]) => Number(rows[0]?.n ?? 0);

/**
 * What keeps a unit from being retired. Each module whose rows hang off a unit adds its counter
 * here, so retiring can never orphan live work.
 */
export const LIVE_CONTENT_COUNTERS: Counter[] = [
  async (db, unit) => ({
    what: { zh: '下级单元', en: 'sub-units' },
    count: countOf(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(orgUnits)
        .where(and(eq(orgUnits.parentId, unit.id), isNull(orgUnits.retiredAt))),
    ),
  }),
  async (db, unit) => ({
    what: { zh: '在此任职的人员', en: 'people holding roles here' },
    count: countOf(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(roleGrants)
        .where(eq(roleGrants.unitId, unit.id)),
    ),
  }),
  async (db, unit) => ({
    what: { zh: '在用岗位', en: 'active posts' },
    count:
      unit.kind === 'town'
        ? countOf(
            await db
              .select({ n: sql<number>`count(*)::int` })
              .from(posts)
              .where(and(eq(posts.townId, unit.id), isNull(posts.retiredAt))),
          )
        : 0,
  }),
  async (db, unit) => ({
    what: { zh: '未办结事件', en: 'open cases' },
    count: countOf(
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(cases)
        .where(and(like(cases.unitPath, likePrefix(unit.path)), inArray(cases.status, [...OPEN_STATUSES]))),
    ),
  }),
];

export async function liveContentOf(db: Db, unit: UnitRow): Promise<LiveContentCount[]> {
  // One after another: inside a transaction they share one connection, which runs one query at a time.
  const counts: LiveContentCount[] = [];
  for (const count of LIVE_CONTENT_COUNTERS) counts.push(await count(db, unit));
  return counts.filter((c) => c.count > 0);
}
