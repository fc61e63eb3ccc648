import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../testing/app';
import { type ServerProcess, signInOver, startServerProcess } from '../testing/serverProcess';

/**
 * Two real server processes on one PostgreSQL, as two would run behind a load balancer: what one
 * does, the other knows at once.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('two server processes on one PostgreSQL', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    const scratch = await createScratchDatabase();
    cleanups.push(scratch.drop);
    const dataDir = mkdtempSync(join(tmpdir(), 'xiaoyuan-two-processes-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env = { DATABASE_URL: scratch.url, DATA_DIR: dataDir, REPORTS_PER_MINUTE: '5' };
    // The first loads the demo district; the second finds it there.
    a = await startServerProcess(env, 3930);
    b = await startServerProcess(env, 3931);
    cleanups.push(
      () => a.stop('SIGKILL'),
      () => b.stop('SIGKILL'),
    );
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  const until = async (check: () => Promise<boolean>, ms = 3_000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
    return true;
  };

  it('a session made on one works on the other, and signing out on one ends it on both', async () => {
    const member = await signInOver(a.base, '13800000007');
    const me = (base: string) => fetch(`${base}/api/v1/auth/me`, { headers: { cookie: member.cookie } });
    expect((await me(b.base)).status).toBe(200);
    expect(
      (
        await fetch(`${a.base}/api/v1/auth/logout`, {
          method: 'POST',
          headers: { cookie: member.cookie, 'x-csrf-token': member.me.csrfToken },
        })
      ).status,
    ).toBe(204);
    expect(await until(async () => (await me(b.base)).status === 401)).toBe(true);
  });

  it('a report filed on one reaches a live-feed subscriber of the other', async () => {
    const operator = await signInOver(b.base, '13800000003');
    const resident = await signInOver(a.base, '13800000008');
    const townId = operator.me.grants[0]?.unitId as string;
    const aborter = new AbortController();
    const feed = await fetch(`${b.base}/api/v1/cases/feed?unitId=${townId}`, {
      headers: { cookie: operator.cookie },
      signal: aborter.signal,
    });
    expect(feed.status).toBe(200);
    if (!feed.body) throw new Error('the feed answered without a body');
    const reader = feed.body.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const listening = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += value;
        }
      } catch {
        // Aborted at the end of the test.
      }
    })();

    const catalogue = (await (
      await fetch(`${a.base}/api/v1/org/units/${townId}/matters`, { headers: { cookie: resident.cookie } })
    ).json()) as { id: string; parentId: string | null }[];
    const id = uuidv7();
    const filed = await fetch(`${a.base}/api/v1/cases`, {
      method: 'POST',
      headers: resident.headers,
      body: JSON.stringify({
        id,
        matterId: (catalogue.find((m) => m.parentId) as { id: string }).id,
        unitId: resident.me.grants[0]?.unitId,
        description: '一个进程上报，另一个进程推送',
      }),
    });
    expect(filed.status).toBe(201);
    expect(await until(async () => received.includes(id))).toBe(true);
    aborter.abort();
    await listening;
  });

  it('one person’s report limit holds across both', async () => {
    const worker = await signInOver(a.base, '13800000005');
    const onB = { ...worker.headers };
    const unitId = worker.me.grants[0]?.unitId as string;
    const town = (await (await fetch(`${a.base}/api/v1/org/units/${unitId}`, { headers: onB })).json()) as {
      townId: string;
    };
    const catalogue = (await (
      await fetch(`${a.base}/api/v1/org/units/${town.townId}/matters`, { headers: onB })
    ).json()) as { id: string; parentId: string | null }[];
    const matterId = (catalogue.find((m) => m.parentId) as { id: string }).id;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const base = i % 2 ? b.base : a.base;
      const res = await fetch(`${base}/api/v1/cases`, {
        method: 'POST',
        headers: onB,
        body: JSON.stringify({ id: uuidv7(), matterId, unitId, description: `交替上报 ${i + 1}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
  });
});
