import { MAX_VOICE_BYTES } from '@domain/asks/schemas';
import { and, eq, ne } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnits } from '../db/schema';
import { multipart, phonePhoto } from '../photos/fixtures';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { voiceForm, webmVoice } from './fixtures';

describe.each(testBackends())('找院长 ask the courtyard head on %s', (backend) => {
  let t: TestApp;
  let resident: TestClient;
  let head: TestClient;
  let otherHead: TestClient;
  let neighbour: TestClient;
  let gridWorker: TestClient;
  let operator: TestClient;
  let otherOperator: TestClient;
  let townId: string;
  let disputeMatterId: string;

  const upload = async (client: TestClient, form: { payload: Buffer; contentType: string }, url: string) =>
    client.request('POST', url, form.payload, { 'content-type': form.contentType });
  const ask = async (body: Record<string, unknown> = {}) => {
    const res = await resident.post('/api/v1/asks', {
      id: uuidv7(),
      kind: 'dispute',
      text: '邻居家的狗天天半夜叫',
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string };
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    const admin = await signedIn(t.app, DEMO.admin);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    head = await signedIn(t.app, DEMO.zhisheng.courtyardHead);
    gridWorker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    otherOperator = await signedIn(t.app, DEMO.guangshun.operator);
    // The head of a neighbouring courtyard of the same village, and a neighbour in the same courtyard.
    const yard = await unitNamed(t.database.db, '椒香小院');
    const [sibling] = await t.database.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, yard.parentId as string), ne(orgUnits.id, yard.id)));
    const made = await admin.post('/api/v1/users', {
      phone: '13900000101',
      name: '隔壁院长',
      password: 'Xiaoyuan@2026',
      grants: [{ role: 'courtyard_head', unitId: sibling?.id }],
    });
    expect(made.status).toBe(201);
    otherHead = await signedIn(t.app, '13900000101');
    await admin.post('/api/v1/users', {
      phone: '13900000102',
      name: '同院邻居',
      password: 'Xiaoyuan@2026',
      grants: [{ role: 'resident', unitId: yard.id }],
    });
    neighbour = await signedIn(t.app, '13900000102');
    townId = (await unitNamed(t.database.db, '直升镇')).id;
    const catalogue = (await operator.get(`/api/v1/org/units/${townId}/matters`)).body as {
      id: string;
      parentId: string | null;
      isDispute: boolean;
    }[];
    disputeMatterId = (catalogue.find((m) => m.parentId && m.isDispute) as { id: string }).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a resident asks with a photo and a voice note; the head answers, mediates; the resident confirms', async () => {
    const photo = await upload(
      resident,
      multipart([{ filename: 'dog.jpg', type: 'image/jpeg', data: await phonePhoto({}) }]),
      '/api/v1/photos',
    );
    const voice = await upload(resident, voiceForm(webmVoice()), '/api/v1/asks/voice');
    expect(voice.status).toBe(201);
    expect(voice.body.contentType).toBe('audio/webm');
    const sent = await ask({ photoIds: [photo.body[0].id], voiceNoteId: voice.body.id });
    expect(sent).toMatchObject({ status: 'asked', photoCount: 1, hasVoice: true, can: ['close'] });

    const inbox = (await head.get('/api/v1/asks?box=courtyard')).body;
    expect(inbox.items[0]).toMatchObject({
      id: sent.id,
      unread: true,
      resident: { name: expect.any(String) },
    });
    expect(inbox.unreadCount).toBeGreaterThanOrEqual(1);
    const notices = (await head.get('/api/v1/inbox')).body.items;
    expect(notices[0].kind).toBe('ask_ask');

    const opened = (await head.get(`/api/v1/asks/${sent.id}`)).body;
    expect(opened.can).toEqual(['answer', 'mediate', 'hand_over']);
    expect((await head.get(opened.photos[0].url)).status).toBe(200);
    const played = await head.get(opened.voiceUrl);
    expect(played.status).toBe(200);
    expect((await head.get('/api/v1/asks?box=courtyard')).body.items[0].unread).toBe(false);

    const answered = await head.post(`/api/v1/asks/${sent.id}/answer`, { text: '我今晚去两家坐坐' });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('answered');
    const mediated = await head.post(`/api/v1/asks/${sent.id}/mediation`, {
      parties: '张家、李家',
      agreement: '李家晚上把狗关进屋里',
      followUpOn: '2026-12-05',
    });
    expect(mediated.status).toBe(200);
    expect(mediated.body).toMatchObject({
      status: 'mediated',
      mediations: [{ parties: '张家、李家', agreement: '李家晚上把狗关进屋里', followUpOn: '2026-12-05' }],
    });

    const mine = (await resident.get('/api/v1/asks')).body;
    expect(mine.items.find((a: { id: string }) => a.id === sent.id)).toMatchObject({ unread: true });
    const seen = (await resident.get(`/api/v1/asks/${sent.id}`)).body;
    expect(seen.answers).toEqual([expect.objectContaining({ text: '我今晚去两家坐坐' })]);
    expect(seen.can).toEqual(['confirm', 'reopen', 'close']);
    const settled = await resident.post(`/api/v1/asks/${sent.id}/outcome`, { action: 'confirm' });
    expect(settled.body.status).toBe('settled');
    expect(settled.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'ask',
      'answer',
      'mediate',
      'confirm',
    ]);
  });

  it('a settled mediation counts in the town’s 矛盾纠纷基层化解率', async () => {
    const kpi = (await operator.get(`/api/v1/kpi?unitId=${townId}&period=month`)).body;
    expect(kpi.current.grassrootsResolutionRate).toBeGreaterThan(0);
  });

  it('the head hands an ask to the center as one case the operator sees; each names the other', async () => {
    const sent = await ask({ text: '院坝排水沟堵了，两家为此争吵' });
    const handed = await head.post(`/api/v1/asks/${sent.id}/hand-over`, {
      matterId: disputeMatterId,
      note: '院里调解不了，请中心处理',
    });
    expect(handed.status).toBe(200);
    expect(handed.body.status).toBe('handed_over');
    const caseId = handed.body.case.id as string;
    const queue = (await operator.get('/api/v1/cases?status=reported')).body.items as { id: string }[];
    expect(queue.map((c) => c.id)).toContain(caseId);
    const c = (await operator.get(`/api/v1/cases/${caseId}`)).body;
    expect(c).toMatchObject({
      status: 'reported',
      unit: { name: '椒香小院' },
      matter: { isDispute: true },
      askId: sent.id,
    });
    expect(c.description).toContain('院坝排水沟堵了');
    expect((await resident.get(`/api/v1/cases/${caseId}`)).status).toBe(200);
    const told = (await resident.get('/api/v1/inbox')).body.items;
    expect(told[0]).toMatchObject({ kind: 'ask_hand_over', caseId });
  });

  it('steps the state does not allow are refused with 409', async () => {
    const sent = await ask();
    const early = await resident.post(`/api/v1/asks/${sent.id}/outcome`, { action: 'confirm' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('ASK_STATE_CONFLICT');
    expect((await resident.post(`/api/v1/asks/${sent.id}/outcome`, { action: 'close' })).status).toBe(200);
    const late = await head.post(`/api/v1/asks/${sent.id}/answer`, { text: '晚了' });
    expect(late.status).toBe(409);
  });

  it('a head of another courtyard, a neighbour and another town cannot see it; the grid worker and town read only', async () => {
    const sent = await ask();
    for (const outsider of [otherHead, neighbour, otherOperator]) {
      expect((await outsider.get(`/api/v1/asks/${sent.id}`)).status).toBe(404);
      expect((await outsider.post(`/api/v1/asks/${sent.id}/answer`, { text: '我来' })).status).toBe(404);
    }
    expect((await otherHead.get('/api/v1/asks?box=courtyard')).body.items).toEqual([]);
    expect((await gridWorker.get(`/api/v1/asks/${sent.id}`)).status).toBe(200);
    expect((await operator.get(`/api/v1/asks/${sent.id}`)).body.can).toEqual([]);
    const meddling = await operator.post(`/api/v1/asks/${sent.id}/answer`, { text: '中心答复' });
    expect(meddling.status).toBe(403);
    expect((await head.post(`/api/v1/asks/${sent.id}/outcome`, { action: 'close' })).status).toBe(403);
  });

  it('only a resident of a courtyard can ask, and the same ask sent twice is one ask', async () => {
    const refused = await operator.post('/api/v1/asks', { id: uuidv7(), kind: 'request', text: '你好' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ASK_NO_COURTYARD');
    const id = uuidv7();
    const first = await resident.post('/api/v1/asks', { id, kind: 'request', text: '想借院坝办酒' });
    const again = await resident.post('/api/v1/asks', { id, kind: 'request', text: '想借院坝办酒' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect((await neighbour.post('/api/v1/asks', { id, kind: 'request', text: '抢编号' })).status).toBe(409);
  });

  it('a voice note is checked by its content and capped in size and length', async () => {
    const text = await upload(
      resident,
      voiceForm(Buffer.from('not audio at all, just words')),
      '/api/v1/asks/voice',
    );
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('VOICE_NOT_AUDIO');
    const big = await upload(resident, voiceForm(webmVoice(MAX_VOICE_BYTES + 1024)), '/api/v1/asks/voice');
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('VOICE_TOO_LARGE');
    const long = await upload(resident, voiceForm(webmVoice(), 'v.webm', '61'), '/api/v1/asks/voice');
    expect(long.status).toBe(400);
    expect(long.body.code).toBe('VOICE_TOO_LONG');
    const someoneElses = await upload(resident, voiceForm(webmVoice()), '/api/v1/asks/voice');
    const stolen = await neighbour.post('/api/v1/asks', {
      id: uuidv7(),
      kind: 'dispute',
      text: '借用别人的语音',
      voiceNoteId: someoneElses.body.id,
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.code).toBe('VOICE_UNKNOWN');
  });
});
