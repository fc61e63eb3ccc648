import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema';
import type { App } from '../platform/types';
import { startTwoApps, testBackends } from '../testing/app';
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
  let two: Awaited<ReturnType<typeof startTwoApps>>;
  let a: App;
  let b: App;

  beforeAll(async () => {
    two = await startTwoApps(backend);
    ({ a, b } = two);
  });
  afterAll(async () => {
    await two?.close();
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
    const [user] = await two.database.db
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
