import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/client';
import { openTwoProcesses, testBackends } from '../testing/app';
import type { Log } from './log';
import {
  batchedEvent,
  batchedPayloads,
  createRealtime,
  REALTIME_CHANNEL,
  type Realtime,
  type RealtimeEvent,
  RealtimeEventTooLargeError,
} from './realtime';

interface Received {
  topic: string;
  event: RealtimeEvent;
}

function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (_d, message) => lines.push(message), error: (_d, message) => lines.push(message) };
}

function collect(realtime: Realtime, pattern: string): Received[] {
  const received: Received[] = [];
  realtime.subscribe(pattern, (event, topic) => received.push({ topic, event }));
  return received;
}

describe.each(testBackends())('realtime on %s', (backend) => {
  let processes: Awaited<ReturnType<typeof openTwoProcesses>>;
  let a: Realtime;
  let b: Realtime;
  const log = recordingLog();

  beforeAll(async () => {
    processes = await openTwoProcesses(backend);
    a = await createRealtime(processes.a, { log });
    b = await createRealtime(processes.b, { log });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await processes?.close();
  });

  it('delivers an event published by one process to a subscriber in another', async () => {
    const received = collect(b, 'cases.T1');
    await a.publish('cases.T1', { caseId: 'c1', status: 'dispatched' });
    await vi.waitFor(() =>
      expect(received).toEqual([{ topic: 'cases.T1', event: { caseId: 'c1', status: 'dispatched' } }]),
    );
  });

  it('delivers an event raised in a transaction when it commits, and never when it rolls back', async () => {
    const received = collect(b, 'tx.*');
    await processes.a.db.transaction(async (tx) => {
      await a.notifyInTransaction(tx, 'tx.committed', { n: 1 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received, 'not before commit').toEqual([]);
    });
    await vi.waitFor(() => expect(received.map((r) => r.topic)).toEqual(['tx.committed']));

    await expect(
      processes.a.db.transaction(async (tx) => {
        await a.notifyInTransaction(tx, 'tx.rolled-back', { n: 2 });
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    // Notifications arrive in commit order, so once this one is in, a rolled-back one would have been too.
    await a.publish('tx.after', { n: 3 });
    await vi.waitFor(() => expect(received.map((r) => r.topic)).toEqual(['tx.committed', 'tx.after']));
  });

  it('delivers batched events one by one, in order per topic, to every process, past one envelope', async () => {
    const onA = collect(a, 'batch.*');
    const onB = collect(b, 'batch.T1');
    const raised = Array.from({ length: 45 }, (_, n) => {
      const topic = n % 9 === 4 ? 'batch.T2' : 'batch.T1';
      return { topic, event: { caseId: `c${n}`, action: 'report' } };
    });
    const payloads = batchedPayloads(
      raised.map((r) => ({ topic: r.topic, event: batchedEvent(r.topic, r.event) })),
    );
    expect(payloads).toHaveLength(3);
    for (const payload of payloads)
      await processes.a.db.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${payload})`);
    const ofT1 = raised.filter((r) => r.topic === 'batch.T1');
    await vi.waitFor(() => expect(onB).toEqual(ofT1));
    await vi.waitFor(() => expect(onA).toHaveLength(45));
    expect(onA.filter((r) => r.topic === 'batch.T1')).toEqual(ofT1);
    expect(onA.filter((r) => r.topic === 'batch.T2')).toEqual(raised.filter((r) => r.topic === 'batch.T2'));
  });

  it('delivers every one of 50 events to each of 500 subscribers in this process, in order', async () => {
    const seen = Array.from({ length: 500 }, () => [] as number[]);
    const unsubscribes = seen.map((list, i) =>
      b.subscribe(i % 2 ? 'load.town1' : 'load.*', (event) => list.push(event.n as number)),
    );
    for (let n = 0; n < 50; n++) await a.publish('load.town1', { n });
    const all = Array.from({ length: 50 }, (_, n) => n);
    await vi.waitFor(() => expect(seen.every((list) => list.length === 50)).toBe(true), { timeout: 10_000 });
    expect(seen.every((list) => list.every((n, i) => n === all[i]))).toBe(true);
    for (const unsubscribe of unsubscribes) unsubscribe();
  });

  it('matches topics exactly or by prefix, and stops delivering once unsubscribed', async () => {
    const before = b.subscriberCount();
    const exact: string[] = [];
    const prefixed: string[] = [];
    const everything: string[] = [];
    const offExact = b.subscribe('match.a', (_e, topic) => exact.push(topic));
    const offPrefix = b.subscribe('match.*', (_e, topic) => prefixed.push(topic));
    const offAll = b.subscribe('*', (_e, topic) => everything.push(topic));
    expect(b.subscriberCount()).toBe(before + 3);

    await a.publish('match.a', {});
    await a.publish('match.b', {});
    await a.publish('other', {});
    await vi.waitFor(() => expect(everything).toEqual(['match.a', 'match.b', 'other']));
    expect(exact).toEqual(['match.a']);
    expect(prefixed).toEqual(['match.a', 'match.b']);

    offExact();
    offExact();
    offPrefix();
    offAll();
    expect(b.subscriberCount()).toBe(before);
    const marker = collect(b, 'match.end');
    await a.publish('match.a', {});
    await a.publish('match.end', {});
    await vi.waitFor(() => expect(marker).toHaveLength(1));
    expect(exact).toEqual(['match.a']);
  });

  it('keeps delivering to other subscribers when one throws, and logs the failure', async () => {
    const received: number[] = [];
    b.subscribe('faulty', () => {
      throw new Error('subscriber bug');
    });
    b.subscribe('faulty', (event) => received.push(event.n as number));
    await a.publish('faulty', { n: 1 });
    await vi.waitFor(() => expect(received).toEqual([1]));
    expect(log.lines).toContain('realtime: a subscriber failed');
  });

  it('refuses an event too large for NOTIFY with a clear error, and sends nothing', async () => {
    const received = collect(b, 'big');
    await expect(a.publish('big', { summary: '院'.repeat(3_000) })).rejects.toThrow(
      RealtimeEventTooLargeError,
    );
    await expect(a.publish('big', { summary: '院'.repeat(3_000) })).rejects.toThrow(
      /over the 7500-byte limit/,
    );
    await a.publish('big', { summary: 'small' });
    await vi.waitFor(() => expect(received).toEqual([{ topic: 'big', event: { summary: 'small' } }]));
  });

  it('refuses wildcards in a published topic and in the middle of a pattern', async () => {
    await expect(a.publish('cases.*', {})).rejects.toThrow(/not valid/);
    expect(() => b.subscribe('cases.*.x', () => {})).toThrow(/not valid/);
    expect(() => b.subscribe('', () => {})).toThrow(/not valid/);
  });

  it.runIf(backend === 'postgres')(
    'reconnects after its LISTEN connection is terminated, and events arrive again',
    async () => {
      const listenPids = async (database: Database) => {
        const r = await database.db.execute(
          sql`select pid from pg_stat_activity
              where datname = current_database() and application_name = 'xiaoyuan-listen' order by pid`,
        );
        return (r as unknown as { rows: { pid: number }[] }).rows.map((row) => row.pid);
      };
      // Each process's listener connects in the background; wait until both are up.
      let before: number[] = [];
      await vi.waitFor(
        async () => {
          before = await listenPids(processes.a);
          expect(before).toHaveLength(2);
        },
        { timeout: 10_000, interval: 100 },
      );
      await processes.a.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and application_name = 'xiaoyuan-listen'`,
      );

      // Events published while no one listens are lost (NOTIFY keeps no backlog), so keep publishing.
      const received = collect(b, 'after-reconnect');
      await vi.waitFor(
        async () => {
          await a.publish('after-reconnect', { at: Date.now() });
          expect(received.length).toBeGreaterThan(0);
        },
        { timeout: 10_000, interval: 100 },
      );
      await vi.waitFor(
        async () => {
          const after = await listenPids(processes.a);
          expect(after).toHaveLength(2);
          expect(after.some((pid) => before.includes(pid))).toBe(false);
        },
        { timeout: 10_000, interval: 100 },
      );
      expect(log.lines).toContain('realtime: listen connection lost; reconnecting');

      await a.publish('after-reconnect', { last: true });
      await vi.waitFor(() => expect(received.at(-1)?.event).toEqual({ last: true }));
    },
  );
});
