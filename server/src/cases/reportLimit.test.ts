import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, matters, users } from '../db/schema';
import { startTwoApps, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

describe.each(testBackends())('how often one person may report, on %s', (backend) => {
  let two: Awaited<ReturnType<typeof startTwoApps>>;
  let onA: TestClient;
  let onB: TestClient;
  let matterId: string;
  let unitId: string;

  beforeAll(async () => {
    two = await startTwoApps(backend, { config: { reportsPerMinute: 5 } });
    onA = await signedIn(two.a, DEMO.zhisheng.resident);
    onB = await signedIn(two.b, DEMO.zhisheng.resident);
    const town = await unitNamed(two.database.db, '直升镇');
    unitId = (await unitNamed(two.database.db, '椒香小院')).id;
    const [matter] = await two.database.db
      .select()
      .from(matters)
      .where(and(eq(matters.townId, town.id), isNotNull(matters.parentId)));
    matterId = matter?.id as string;
  });
  afterAll(async () => {
    await two?.close();
  });

  const report = (client: TestClient, id = uuidv7()) =>
    client.post('/api/v1/cases', { id, matterId, unitId, description: '同一人连续上报' });

  it('holds across two server processes; the report over the limit is refused with a reason and writes nothing', async () => {
    const filed = [
      await report(onA),
      await report(onB),
      await report(onA),
      await report(onB),
      await report(onA),
    ];
    expect(filed.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const overId = uuidv7();
    const over = await report(onB, overId);
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('REPORTS_TOO_FREQUENT');
    expect(over.body.messages.en).toMatch(/minute/);
    expect(await two.database.db.select().from(cases).where(eq(cases.id, overId))).toHaveLength(0);

    // A retry of a report that went through is still answered with it, limit or not.
    const again = await report(onA, filed[0]?.body.id);
    expect(again.status).toBe(200);

    // Another person is not held back by the first one's reports.
    const neighbour = await signedIn(two.a, DEMO.zhisheng.gridWorker);
    expect((await report(neighbour)).status).toBe(201);
    const [me] = await two.database.db.select().from(users).where(eq(users.phone, DEMO.zhisheng.resident));
    const [count] = await two.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(eq(cases.reporterId, me?.id as string));
    expect(Number(count?.n)).toBe(5);
  });

  it('a burst at once is cut at the limit too, not only one after another', async () => {
    const member = await signedIn(two.b, DEMO.zhisheng.partyMember);
    const answers = await Promise.all(Array.from({ length: 9 }, () => report(member)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(4);
  });
});
