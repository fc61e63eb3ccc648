import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO } from '../testing/demo';
import { remindFollowUps, shanghaiDay } from './followUp';

describe.each(testBackends())('回访提醒 follow-up reminders of mediations on %s', (backend) => {
  let t: TestApp;
  let resident: TestClient;
  let head: TestClient;

  beforeAll(async () => {
    t = await startTestApp(backend);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    head = await signedIn(t.app, DEMO.zhisheng.courtyardHead);
  });
  afterAll(async () => {
    await t?.close();
  });

  const mediated = async (followUpOn: string) => {
    const sent = await resident.post('/api/v1/asks', { id: uuidv7(), kind: 'dispute', text: '地界争执' });
    const res = await head.post(`/api/v1/asks/${sent.body.id}/mediation`, {
      parties: '赵家、钱家',
      agreement: '按老界桩分',
      followUpOn,
    });
    expect(res.status).toBe(200);
    return sent.body.id as string;
  };
  const reminders = async () =>
    ((await head.get('/api/v1/inbox')).body.items as { kind: string }[]).filter(
      (n) => n.kind === 'ask_follow_up',
    ).length;

  it('reminds the head once on the follow-up day (Beijing time), not before, not for a closed ask', async () => {
    // 2026-12-05 00:30 in Beijing is still 2026-12-04 in UTC: the day is Beijing's.
    const morning = new Date('2026-12-04T16:30:00Z');
    expect(shanghaiDay(morning)).toBe('2026-12-05');
    await mediated('2026-12-05');
    await mediated('2026-12-06');
    const closed = await mediated('2026-12-05');
    await resident.post(`/api/v1/asks/${closed}/outcome`, { action: 'close' });

    expect(await remindFollowUps(t.database.db, new Date('2026-12-04T15:00:00Z'))).toBe(0);
    expect(await remindFollowUps(t.database.db, morning)).toBe(1);
    expect(await remindFollowUps(t.database.db, morning)).toBe(0);
    expect(await reminders()).toBe(1);
  });
});
