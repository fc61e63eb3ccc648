// npm run bench:queries — the operator's case list (filtered: first page and a deep page) and the
// KPI panel, with the database holding 10 thousand and then 1 million cases, on PostgreSQL.
// Both datasets have the same recent month (what an operator works on); the million adds years of
// history, which is how a district's database grows. Target: 1M ÷ 10k ≤ 2 for each query.
import { performance } from 'node:perf_hooks';
import { periodOf } from '@domain/cases/kpi';
import type { CaseListQuery } from '@domain/cases/schemas';
import { eq, sql } from 'drizzle-orm';
import { loadGrants } from '../server/src/auth/grants';
import { kpiFor } from '../server/src/cases/kpi';
import { listCases } from '../server/src/cases/list';
import { openDatabase } from '../server/src/db/client';
import { orgUnits, users } from '../server/src/db/schema';
import { generateDemoDistrict } from '../server/src/demo/generate';
import { loadDemoDistrict } from '../server/src/demo/load';
import { createScratchDatabase } from '../server/src/testing/app';

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RECENT = 10_000;
const TOTAL = Number(process.env.BENCH_TOTAL ?? 1_000_000);
const RUNS = 30;

const scratch = await createScratchDatabase();
const database = await openDatabase({ url: scratch.url });
const db = database.db;
try {
  await loadDemoDistrict(db, generateDemoDistrict());
  const [operator] = await db.select().from(users).where(eq(users.phone, '13800000003'));
  const actor = { userId: operator?.id as string, grants: await loadGrants(db, operator?.id as string) };
  const [town] = await db.select().from(orgUnits).where(eq(orgUnits.name, '直升镇'));
  const now = new Date();

  /**
   * Cases spread over the district's courtyards: `count` of them reported within `days` before `end`.
   * One in `openEvery` is still open; history is all closed, as years-old cases are.
   */
  const addCases = async (count: number, end: Date, days: number, openEvery: number) => {
    const started = performance.now();
    await db.execute(sql`
      with yards as (
        select u.id, u.path, u.town_id, u.center_lat, u.center_lng, row_number() over (order by u.id) - 1 as n,
               (select m.id from matters m where m.town_id = u.town_id and m.parent_id is not null order by m.code limit 1) as matter_id
        from org_units u where u.kind = 'courtyard'
      ), counted as (select count(*) as total from yards),
      reporter as (select id from users where phone = '13800000008')
      insert into cases (id, town_id, matter_id, status, urgency, description, reporter_id, unit_id, unit_path,
                         lat, lng, reported_at, accepted_at, closed_at, due_at, stage, stage_due_at, resolved_level,
                         rating, ever_resolved, rework_count, version)
      select gen_random_uuid(), y.town_id, y.matter_id,
             case when g % ${openEvery} = 0 then 'dispatched' else 'closed' end,
             case when g % 7 = 0 then 'urgent' else 'normal' end,
             '基准测试事件 ' || g, (select id from reporter), y.id, y.path, y.center_lat, y.center_lng,
             t.at, t.at + interval '1 hour',
             case when g % ${openEvery} = 0 then null else t.at + interval '2 days' end,
             t.at + interval '5 days',
             case when g % ${openEvery} = 0 then 'handle' else null end,
             case when g % ${openEvery} = 0 then t.at + interval '3 days' else null end,
             case when g % ${openEvery} = 0 then null else 'town' end,
             case when g % ${openEvery} = 0 then null when g % 5 = 0 then 'dissatisfied' else 'satisfied' end,
             g % ${openEvery} <> 0, case when g % 13 = 0 then 1 else 0 end, 1
      from generate_series(1, ${count}) g
      cross join counted c
      join yards y on y.n = g % c.total
      cross join lateral (select ${end.toISOString()}::timestamptz - (random() * ${days} * interval '1 day') as at) t`);
    await db.execute(sql`analyze cases`);
    return performance.now() - started;
  };

  const time = async (fn: () => Promise<unknown>) => {
    await fn();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)] as number;
  };

  const filtered: CaseListQuery = { scope: 'all', limit: 50, status: ['closed'] };
  const measure = async () => {
    const first = await time(() => listCases(db, actor, filtered, { after: null, limit: 51 }));
    // A deep page: 2,000 rows in, reached by keyset as the console's "load more" does.
    const deepRows = await listCases(db, actor, filtered, { after: null, limit: 2000 });
    const last = deepRows.at(-1);
    const deep = await time(() =>
      listCases(db, actor, filtered, {
        after: last ? [last.reportedAt.toISOString(), last.id] : null,
        limit: 51,
      }),
    );
    const kpi = await time(() => kpiFor(db, actor, town?.id as string, periodOf('month', now), now));
    return { first, deep, kpi };
  };

  const loadSmall = await addCases(RECENT, now, 30, 20);
  const small = await measure();
  const loadBig = await addCases(
    TOTAL - RECENT,
    new Date(now.getTime() - 31 * 86_400_000),
    5 * 365,
    2 ** 31 - 1,
  );
  const big = await measure();

  const row = (name: string, a: number, b: number) => ({
    query: name,
    [`${RECENT / 1000}k cases (ms)`]: a.toFixed(2),
    [`${TOTAL / 1_000_000}M cases (ms)`]: b.toFixed(2),
    ratio: (b / a).toFixed(2),
    target: b / a <= 2 ? 'MET (≤ 2)' : 'NOT MET (≤ 2)',
  });
  console.table([
    row('operator list, closed, first page', small.first, big.first),
    row('operator list, closed, page after 2,000 rows', small.deep, big.deep),
    row('KPI panel, town, this month', small.kpi, big.kpi),
  ]);
  console.log(
    `median of ${RUNS} runs each; loading took ${(loadSmall / 1000).toFixed(1)} s and ${(loadBig / 1000).toFixed(1)} s`,
  );
} finally {
  await database.close();
  await scratch.drop();
}
