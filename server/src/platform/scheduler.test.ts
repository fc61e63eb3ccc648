import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { jobRuns } from '../db/schema';
import { openTwoProcesses, testBackends } from '../testing/app';
import type { Log } from './log';
import { type Job, type Scheduler, startScheduler } from './scheduler';

const MINUTE = 60_000;
const START = Date.parse('2026-12-01T00:00:00Z');

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testBackends())('scheduler on %s', (backend) => {
  let processes: Awaited<ReturnType<typeof openTwoProcesses>>;
  const errors: string[] = [];
  const log: Log = { warn: () => {}, error: (_d, message) => errors.push(message) };
  let clock = START;
  const now = () => new Date(clock);
  const started: Scheduler[] = [];
  /** Ticks only when told to, on the shared clock. */
  const schedule = (database: Database, jobs: Job[]) => {
    const scheduler = startScheduler(database, jobs, { now, tickMs: 3_600_000, log });
    started.push(scheduler);
    return scheduler;
  };
  const runsOf = (database: Database, job: string) =>
    database.db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(asc(jobRuns.slot));

  beforeAll(async () => {
    processes = await openTwoProcesses(backend);
  });
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    await processes?.close();
  });

  it('runs each slot exactly once while two processes tick concurrently as the clock moves on', async () => {
    clock = START;
    const ran: number[] = [];
    const job: Job = {
      name: 'count-once',
      everyMs: MINUTE,
      run: async (at) => {
        ran.push(Math.floor(at.getTime() / MINUTE));
        await sleep(5);
      },
    };
    const first = schedule(processes.a, [job]);
    const second = schedule(processes.b, [job]);

    for (let step = 0; step < 30; step++) {
      await Promise.all([first.tickNow(), second.tickNow(), first.tickNow(), second.tickNow()]);
      clock += 20_000;
    }
    const slots = Array.from({ length: 10 }, (_, i) => START / MINUTE + i);
    expect(ran.toSorted((x, y) => x - y)).toEqual(slots);
    const rows = await runsOf(processes.a, 'count-once');
    expect(rows.map((r) => r.slot)).toEqual(slots);
    expect(rows.every((r) => r.finishedAt !== null && r.error === null)).toBe(true);
  });

  it('records a failing run with its error, and runs the next slot all the same', async () => {
    clock = START;
    let calls = 0;
    const scheduler = schedule(processes.a, [
      {
        name: 'fails-once',
        everyMs: MINUTE,
        run: async () => {
          calls += 1;
          if (calls === 1) throw new Error('the report service is down');
        },
      },
    ]);
    await scheduler.tickNow();
    clock += MINUTE;
    await scheduler.tickNow();

    const [failed, next] = await runsOf(processes.a, 'fails-once');
    expect(failed?.error).toMatch(/^Error: the report service is down\n/);
    expect(failed?.finishedAt).toBeInstanceOf(Date);
    expect(next).toMatchObject({ slot: START / MINUTE + 1, error: null });
    expect(next?.finishedAt).toBeInstanceOf(Date);
    expect(calls).toBe(2);
    expect(errors).toContain('scheduler: job failed');
  });

  it('keeps running other jobs while one is slow, and stop() waits for the slow one to finish', async () => {
    clock = START;
    const release = deferred();
    const order: string[] = [];
    const scheduler = startScheduler(
      processes.a,
      [
        {
          name: 'slow',
          everyMs: MINUTE,
          run: async () => {
            order.push('slow started');
            await release.promise;
            order.push('slow finished');
          },
        },
        { name: 'quick', everyMs: MINUTE, run: async () => void order.push('quick') },
      ],
      { now, tickMs: 10, log },
    );
    try {
      while (!order.includes('quick') || !order.includes('slow started')) await sleep(5);
      const stopping = scheduler.stop().then(() => order.push('stopped'));
      await sleep(50);
      expect(order.toSorted()).toEqual(['quick', 'slow started']);
      release.resolve();
      await stopping;
      expect(order.slice(2)).toEqual(['slow finished', 'stopped']);
    } finally {
      release.resolve();
    }
  });

  it.runIf(backend === 'postgres')(
    'does not start a job in one process while its previous run is still going in another',
    async () => {
      clock = START;
      const release = deferred();
      const ran: string[] = [];
      const job = (process: string): Job => ({
        name: 'no-overlap',
        everyMs: MINUTE,
        run: async (at) => {
          ran.push(`${process}@${Math.floor((at.getTime() - START) / MINUTE)}`);
          if (process === 'a') await release.promise;
        },
      });
      const a = schedule(processes.a, [job('a')]);
      const b = schedule(processes.b, [job('b')]);
      const slowRun = a.tickNow();
      while (ran.length === 0) await sleep(5);

      clock += MINUTE;
      await b.tickNow();
      expect(ran).toEqual(['a@0']);

      release.resolve();
      await slowRun;
      await b.tickNow();
      expect(ran).toEqual(['a@0', 'b@1']);
    },
  );
});
