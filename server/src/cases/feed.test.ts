import { and, eq, isNotNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matters } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

/** Reads server-sent events from a live server until `count` data frames have come, or time runs out. */
async function readEvents(url: string, cookie: string, count: number, started: () => Promise<unknown>) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: { topic: string; event: { caseId: string; action: string } }[] = [];
  let buffer = '';
  const timeout = setTimeout(() => controller.abort(), 10_000);
  await started();
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = frame.split('\n');
        const data = lines.find((l) => l.startsWith('data: '));
        if (data && !lines.includes('event: heartbeat')) events.push(JSON.parse(data.slice(6)));
        end = buffer.indexOf('\n\n');
      }
    }
  } finally {
    clearTimeout(timeout);
    controller.abort();
  }
  return events;
}

describe.each(testBackends())('the live case feed on %s', (backend) => {
  let t: TestApp;
  let base: string;
  let operator: TestClient;
  let resident: TestClient;
  let townId: string;
  let matterId: string;
  let yardId: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    townId = (await unitNamed(t.database.db, '直升镇')).id;
    yardId = (await unitNamed(t.database.db, '椒香小院')).id;
    const [m] = await t.database.db
      .select()
      .from(matters)
      .where(and(eq(matters.townId, townId), isNotNull(matters.parentId)));
    matterId = m?.id as string;
  });
  afterAll(async () => {
    // An aborted fetch leaves a spare keep-alive connection open; a test server need not wait for it.
    t?.app.server.closeAllConnections();
    await t?.close();
  });

  it('the center hears of a new report and of each step, without reloading', async () => {
    const id = uuidv7();
    const events = await readEvents(
      `${base}/api/v1/cases/feed?unitId=${townId}`,
      operator.cookie,
      2,
      async () => {
        await resident.post('/api/v1/cases', { id, matterId, description: '垃圾没人清运', unitId: yardId });
        await operator.post(`/api/v1/cases/${id}/actions`, { action: 'accept' });
      },
    );
    expect(events.map((e) => [e.event.caseId, e.event.action])).toEqual([
      [id, 'report'],
      [id, 'accept'],
    ]);
  });

  it('only those who oversee the town may listen', async () => {
    const other = await signedIn(t.app, DEMO.guangshun.operator);
    expect((await other.get(`/api/v1/cases/feed?unitId=${townId}`)).status).toBe(404);
    expect((await resident.get(`/api/v1/cases/feed?unitId=${yardId}`)).status).toBe(403);
  });
});
