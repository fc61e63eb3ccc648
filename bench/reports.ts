// npm run bench:reports — one town's monthly summary (月总结) with the database holding 50 thousand
// cases (that town alone), then 1 million spread over all 21 towns, on PostgreSQL. Every query of a
// town's report is bounded by town_id and time, so the second figure should match the first.
// Target: 1M ÷ 50k ≤ 1.5.
import { performance } from 'node:perf_hooks';
import { lastEndedPeriod } from '@domain/reports/report';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../server/src/db/client';
import { orgUnits } from '../server/src/db/schema';
import { generateDemoDistrict } from '../server/src/demo/generate';
import { loadDemoDistrict } from '../server/src/demo/load';
import { composeReport } from '../server/src/reports/generate';
import { createScratchDatabase } from '../server/src/testing/app';

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TOWN_CASES = Number(process.env.BENCH_TOWN ?? 50_000);
const TOTAL = Number(process.env.BENCH_TOTAL ?? 1_000_000);
const RUNS = 20;

const scratch = await createScratchDatabase();
const database = await openDatabase({ url: scratch.url });
const db = database.db;
try {
  await loadDemoDistrict(db, generateDemoDistrict());
  const [town] = await db.select().from(orgUnits).where(eq(orgUnits.name, '直升镇'));
  if (!town) throw new Error('no 直升镇 in the demo district');
  const now = new Date();
  const month = lastEndedPeriod('month', now);

  /**
   * `count` cases over the courtyards of one town (or of every other town with `others`), reported
   * within `days` before now: one in 20 still open, the rest closed two days on, some disputes' matters.
   */
  const addCases = async (count: number, townId: string, days: number, others = false) => {
    const started = performance.now();
    await db.execute(sql`
      with yards as (
        select u.id, u.path, u.town_id, u.center_lat, u.center_lng, row_number() over (order by u.id) - 1 as n,
               (select m.id from matters m where m.town_id = u.town_id and m.parent_id is not null
                order by m.code offset (hashtext(u.id::text) & 3) limit 1) as matter_id
        from org_units u where u.kind = 'courtyard' and (u.town_id = ${townId}::uuid) <> ${others}
      ), counted as (select count(*) as total from yards),
      reporter as (select id from users where phone = '13800000008')
      insert into cases (id, town_id, matter_id, status, urgency, description, reporter_id, unit_id, unit_path,
                         lat, lng, reported_at, accepted_at, closed_at, due_at, stage, stage_due_at, resolved_level,
                         rating, ever_resolved, rework_count, version)
      select gen_random_uuid(), y.town_id, y.matter_id,
             case when g % 20 = 0 then 'dispatched' else 'closed' end,
             'normal', '基准测试事件 ' || g, (select id from reporter), y.id, y.path, y.center_lat, y.center_lng,
             t.at, t.at + interval '1 hour',
             case when g % 20 = 0 then null else t.at + interval '2 days' end,
             t.at + interval '3 days',
             case when g % 20 = 0 then 'handle' else null end,
             case when g % 20 = 0 then t.at + interval '3 days' else null end,
             case when g % 20 = 0 then null when g % 9 = 0 then 'district' else 'town' end,
             case when g % 20 = 0 then null when g % 5 = 0 then 'dissatisfied' else 'satisfied' end,
             g % 20 <> 0, case when g % 13 = 0 then 1 else 0 end, 1
      from generate_series(1, ${count}) g
      cross join counted c
      join yards y on y.n = g % c.total
      cross join lateral (select ${now.toISOString()}::timestamptz - ((g::bigint * 7919) % (${days} * 1440)) * interval '1 minute' as at) t`);
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
  const report = () => composeReport(db, town, 'month', month, now);

  // The town alone: two years of its cases.
  const loadSmall = await addCases(TOWN_CASES, town.id, 730);
  const small = await time(report);
  const received = (await report()).kpi.received.value;
  // The 20 other towns, over the same two years: the database holds TOTAL cases, the town the same.
  const loadBig = await addCases(TOTAL - TOWN_CASES, town.id, 730, true);
  const big = await time(report);
  const again = (await report()).kpi.received.value;

  const ratio = big / small;
  console.table([
    {
      query: `直升镇 月总结 (${month.from.toISOString().slice(0, 10)}…)`,
      [`${TOWN_CASES / 1000}k cases, one town (ms)`]: small.toFixed(2),
      [`${TOTAL / 1_000_000}M cases, 21 towns (ms)`]: big.toFixed(2),
      ratio: ratio.toFixed(2),
      target: ratio <= 1.5 ? 'MET (≤ 1.5)' : 'NOT MET (≤ 1.5)',
    },
  ]);
  console.log(
    `median of ${RUNS} runs each; the town's month received ${received} then ${again} cases (unchanged: the ` +
      `others' cases are not its own); loading took ${(loadSmall / 1000).toFixed(1)} s and ${(loadBig / 1000).toFixed(1)} s`,
  );
} finally {
  await database.close();
  await scratch.drop();
}
