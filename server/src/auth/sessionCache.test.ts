import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema';
import { generateDemoDistrict } from '../demo/generate';
import { loadDemoDistrict } from '../demo/load';
import { loadConfig } from '../platform/config';
import { createDeps } from '../platform/deps';
import { buildApp } from '../platform/http';
import type { App } from '../platform/types';
import { openTwoProcesses, testBackends } from '../testing/app';
import { signedIn, TestClient } from '../testing/client';
import { DEMO } from '../testing/demo';

/** Answers to a client until `accept` holds, for at most two seconds (the cache itself keeps ten). */
async function eventually(ask: () => Promise<number>, accept: (status: number) => boolean): Promise<number> {
  const until = Date.now() + 2_000;
  let status = await ask();
  while (!accept(status) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    status = await ask();
  }
  return status;
}

describe.each(testBackends())('sessions held in memory, on %s', (backend) => {
  let processes: Awaited<ReturnType<typeof openTwoProcesses>>;
  let a: App;
  let b: App;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    processes = await openTwoProcesses(backend);
    await loadDemoDistrict(processes.a.db, generateDemoDistrict());
    const dataDir = mkdtempSync(join(tmpdir(), 'xiaoyuan-sessions-'));
    const config = { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'silent', dataDir };
    const start = async (database: typeof processes.a) => {
      const deps = await createDeps(database, config);
      const app = await buildApp(deps, { logger: false });
      await app.ready();
      closers.push(async () => {
        await app.close();
        await deps.close();
      });
      return app;
    };
    a = await start(processes.a);
    b = await start(processes.b);
    closers.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await processes?.close();
  });

  const sameSessionOn = (app: App, client: TestClient) => {
    const other = new TestClient(app);
    other.cookie = client.cookie;
    other.csrfToken = client.csrfToken;
    return other;
  };

  it('a session made on one process works on the other, and signing out on one ends it on both', async () => {
    const onA = await signedIn(a, DEMO.zhisheng.postStaff);
    const onB = sameSessionOn(b, onA);
    expect((await onB.get('/api/v1/auth/me')).status).toBe(200);
    expect((await onA.get('/api/v1/auth/me')).status).toBe(200);

    const cookie = onA.cookie;
    expect((await onA.post('/api/v1/auth/logout')).status).toBe(204);
    onA.cookie = cookie;
    expect((await onA.get('/api/v1/auth/me')).status).toBe(401);
    const status = await eventually(
      async () => (await onB.get('/api/v1/auth/me')).status,
      (s) => s === 401,
    );
    expect(status).toBe(401);
  });

  it('an account disabled on one process is signed out on the other at once', async () => {
    const admin = await signedIn(a, DEMO.admin);
    const worker = sameSessionOn(b, await signedIn(a, DEMO.zhisheng.cleaner));
    expect((await worker.get('/api/v1/auth/me')).status).toBe(200);
    const [user] = await processes.a.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.phone, DEMO.zhisheng.cleaner));
    expect((await admin.patch(`/api/v1/users/${user?.id}`, { disabled: true })).status).toBe(200);
    const status = await eventually(
      async () => (await worker.get('/api/v1/auth/me')).status,
      (s) => s === 401,
    );
    expect(status).toBe(401);
  });
});
