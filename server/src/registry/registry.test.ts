import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnits, registryReveals, residents } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { idNumberFor } from './fixtures';

const HEAD_ID = idNumberFor(new Date(Date.UTC(1962, 3, 9)), 31);
const SPOUSE_ID = idNumberFor(new Date(Date.UTC(1964, 7, 20)), 42);

describe.each(testBackends())('registry privacy, scope and binding on %s', (backend) => {
  let t: TestApp;
  let gridWorker: TestClient;
  let head: TestClient;
  let admin: TestClient;
  let yard: { id: string; path: string; parentId: string | null };
  let householdId: string;
  let headResidentId: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    gridWorker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    head = await signedIn(t.app, DEMO.zhisheng.courtyardHead);
    admin = await signedIn(t.app, DEMO.admin);
    yard = await unitNamed(t.database.db, '椒香小院');
    const made = await gridWorker.post('/api/v1/registry/households', {
      courtyardId: yard.id,
      address: '测试1组8号',
      residents: [
        {
          name: '王大福',
          relation: 'head',
          gender: 'male',
          birthDate: '1962-04-09',
          phone: DEMO.zhisheng.resident,
          idNumber: HEAD_ID,
          tags: ['party_member'],
        },
        {
          name: '李秀英',
          relation: 'spouse',
          gender: 'female',
          birthDate: '1964-08-20',
          idNumber: SPOUSE_ID,
        },
      ],
    });
    expect(made.status).toBe(201);
    householdId = made.body.id;
    headResidentId = made.body.residents[0].id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows ID numbers and phones masked, and keeps them encrypted at rest', async () => {
    const res = await head.get(`/api/v1/registry/households/${householdId}`);
    expect(res.status).toBe(200);
    expect(res.body.residents[0]).toMatchObject({
      name: '王大福',
      idNumber: `${HEAD_ID.slice(0, 4)}**********${HEAD_ID.slice(-4)}`,
      phone: '138****0008',
    });
    expect(JSON.stringify(res.body)).not.toContain(HEAD_ID);
    expect(res.body.can).toEqual({ edit: false, reveal: false });
    const [row] = await t.database.db.select().from(residents).where(eq(residents.id, headResidentId));
    expect(JSON.stringify(row)).not.toContain(HEAD_ID);
    expect(JSON.stringify(row)).not.toContain(DEMO.zhisheng.resident);
  });

  it('reveals a full number only with a reason, to a role that needs it, and writes it down', async () => {
    expect(
      (
        await head.post(`/api/v1/registry/residents/${headResidentId}/reveal`, {
          field: 'idNumber',
          reason: '核对',
        })
      ).status,
    ).toBe(403);
    const noReason = await gridWorker.post(`/api/v1/registry/residents/${headResidentId}/reveal`, {
      field: 'idNumber',
      reason: '',
    });
    expect(noReason.status).toBe(400);
    const before = await t.database.db.select().from(registryReveals);
    const id = await gridWorker.post(`/api/v1/registry/residents/${headResidentId}/reveal`, {
      field: 'idNumber',
      reason: '办理高龄补贴核对身份',
    });
    expect(id.status).toBe(200);
    expect(id.body.value).toBe(HEAD_ID);
    const phone = await gridWorker.post(`/api/v1/registry/residents/${headResidentId}/reveal`, {
      field: 'phone',
      reason: '电话通知入户走访',
    });
    expect(phone.body.value).toBe(DEMO.zhisheng.resident);
    expect((await t.database.db.select().from(registryReveals)).length).toBe(before.length + 2);

    const town = await unitNamed(t.database.db, '直升镇');
    const log = await admin.get(`/api/v1/registry/reveals?unitId=${town.id}`);
    expect(log.status).toBe(200);
    expect(log.body[0]).toMatchObject({
      resident: { id: headResidentId, name: '王大福' },
      field: 'phone',
      reason: '电话通知入户走访',
    });
    expect(log.body[1]).toMatchObject({ field: 'idNumber', reason: '办理高龄补贴核对身份' });
    expect(log.body[0].actor.name).toBeTruthy();
    const operator = await signedIn(t.app, DEMO.zhisheng.operator);
    expect((await operator.get(`/api/v1/registry/reveals?unitId=${town.id}`)).status).toBe(403);
    expect((await gridWorker.get(`/api/v1/registry/reveals?unitId=${yard.id}`)).status).toBe(403);
  });

  it('keeps a courtyard head of one courtyard out of another, and another town out of both', async () => {
    const [other] = await t.database.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, yard.parentId as string), ne(orgUnits.id, yard.id)));
    const theirs = await gridWorker.post('/api/v1/registry/households', {
      courtyardId: other?.id,
      address: '邻院2号',
      residents: [{ name: '赵四', relation: 'head', gender: 'male', birthDate: '1970-01-01' }],
    });
    expect(theirs.status).toBe(201);
    expect((await head.get(`/api/v1/registry/households/${theirs.body.id}`)).status).toBe(404);
    expect((await head.get(`/api/v1/registry/households?unitId=${other?.id}`)).status).toBe(404);
    const listed = await head.get(`/api/v1/registry/households?unitId=${yard.id}`);
    expect(listed.body.map((h: { id: string }) => h.id)).toContain(householdId);
    expect(listed.body.map((h: { id: string }) => h.id)).not.toContain(theirs.body.id);

    const stranger = await signedIn(t.app, DEMO.guangshun.operator);
    expect((await stranger.get(`/api/v1/registry/households/${householdId}`)).status).toBe(404);
    expect(
      (
        await stranger.post(`/api/v1/registry/residents/${headResidentId}/reveal`, {
          field: 'phone',
          reason: '看看',
        })
      ).status,
    ).toBe(404);
    const cleaner = await signedIn(t.app, DEMO.zhisheng.cleaner);
    expect((await cleaner.get(`/api/v1/registry/households/${householdId}`)).status).toBe(403);
  });

  it('refuses a second record of one ID number and a bad checksum', async () => {
    const dup = await gridWorker.post(`/api/v1/registry/households/${householdId}/residents`, {
      name: '冒名',
      relation: 'other',
      gender: 'male',
      birthDate: '1962-04-09',
      idNumber: HEAD_ID,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('REGISTRY_ID_NUMBER_TAKEN');
    const bad = await gridWorker.post(`/api/v1/registry/households/${householdId}/residents`, {
      name: '错号',
      relation: 'child',
      gender: 'male',
      birthDate: '1990-01-01',
      idNumber: `${HEAD_ID.slice(0, 17)}${HEAD_ID[17] === '0' ? '1' : '0'}`,
    });
    expect(bad.status).toBe(400);
    const edited = await gridWorker.patch(`/api/v1/registry/residents/${headResidentId}`, {
      tags: ['party_member', 'veteran'],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.tags).toEqual(['party_member', 'veteran']);
  });

  it('binds a resident listed by phone at once with the invite code, and others by approval', async () => {
    const resident = await signedIn(t.app, DEMO.zhisheng.resident);
    expect((await resident.get('/api/v1/registry/me')).body).toEqual({ binding: null, boundHousehold: null });
    const invite = await head.get(`/api/v1/registry/courtyards/${yard.id}/invite`);
    expect(invite.status).toBe(200);
    expect(invite.body.code).toMatch(/^[2-9A-Z]{6}$/);
    expect((await resident.post('/api/v1/registry/join', { code: 'WRONG1' })).body.code).toBe(
      'REGISTRY_INVITE_UNKNOWN',
    );
    const joined = await resident.post('/api/v1/registry/join', { code: invite.body.code.toLowerCase() });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ status: 'bound', householdId });
    const me = await resident.get('/api/v1/registry/me');
    expect(me.body.boundHousehold.id).toBe(householdId);
    expect(me.body.boundHousehold.residents[0].phone).toBe('138****0008');
    expect(me.body.boundHousehold.can).toEqual({ edit: false, reveal: false });

    const rotated = await head.post(`/api/v1/registry/courtyards/${yard.id}/invite`);
    expect(rotated.body.code).not.toBe(invite.body.code);
    const created = await admin.post('/api/v1/users', {
      phone: '13912345678',
      name: '新来的',
      password: 'Xiaoyuan@2026',
      grants: [{ role: 'resident', unitId: yard.id }],
    });
    expect(created.status).toBe(201);
    const newcomer = await signedIn(t.app, '13912345678');
    expect((await newcomer.post('/api/v1/registry/join', { code: invite.body.code })).status).toBe(400);
    const asked = await newcomer.post('/api/v1/registry/join', { code: rotated.body.code });
    expect(asked.body).toMatchObject({ status: 'pending', householdId: null });
    expect((await newcomer.post('/api/v1/registry/join', { code: rotated.body.code })).status).toBe(409);

    const waiting = await gridWorker.get(`/api/v1/registry/bind-requests?unitId=${yard.id}`);
    const request = waiting.body.find((r: { user: { id: string } }) => r.user.id === created.body.id);
    expect(request.user.phone).toBe('139****5678');
    const approved = await gridWorker.post(`/api/v1/registry/bind-requests/${request.id}/decide`, {
      approve: true,
      householdId,
    });
    expect(approved.body).toMatchObject({ status: 'bound', via: 'approval', householdId });
    expect(
      (await gridWorker.post(`/api/v1/registry/bind-requests/${request.id}/decide`, { approve: false })).body
        .code,
    ).toBe('REGISTRY_REQUEST_DECIDED');
    expect((await newcomer.get('/api/v1/registry/me')).body.boundHousehold.id).toBe(householdId);
  });

  it('lets a bound resident ask for a correction that staff resolve', async () => {
    const unbound = await signedIn(t.app, DEMO.zhisheng.partyMember);
    expect((await unbound.post('/api/v1/registry/corrections', { message: '改名' })).body.code).toBe(
      'REGISTRY_NOT_BOUND',
    );
    const resident = await signedIn(t.app, DEMO.zhisheng.resident);
    const asked = await resident.post('/api/v1/registry/corrections', {
      message: '我的出生日期登记错了，应为4月19日',
    });
    expect(asked.status).toBe(201);
    const open = await gridWorker.get(`/api/v1/registry/corrections?unitId=${yard.id}`);
    expect(open.body.map((c: { id: string }) => c.id)).toContain(asked.body.id);
    expect((await head.get(`/api/v1/registry/corrections?unitId=${yard.id}`)).status).toBe(403);
    const done = await gridWorker.post(`/api/v1/registry/corrections/${asked.body.id}/resolve`, {
      resolution: '已入户核实并更正',
    });
    expect(done.status).toBe(204);
    const after = await gridWorker.get(`/api/v1/registry/corrections?unitId=${yard.id}`);
    expect(after.body.map((c: { id: string }) => c.id)).not.toContain(asked.body.id);
  });

  it('links a party member of the village to a household, and no one else', async () => {
    const member = await signedIn(t.app, DEMO.zhisheng.partyMember);
    const memberId = (await member.get('/api/v1/auth/me')).body.id;
    const linked = await gridWorker.post(`/api/v1/registry/households/${householdId}/links`, {
      userId: memberId,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.links.map((l: { userId: string }) => l.userId)).toEqual([memberId]);
    const cleaner = await signedIn(t.app, DEMO.zhisheng.cleaner);
    const notMember = await gridWorker.post(`/api/v1/registry/households/${householdId}/links`, {
      userId: (await cleaner.get('/api/v1/auth/me')).body.id,
    });
    expect(notMember.status).toBe(400);
    expect(
      (await head.post(`/api/v1/registry/households/${householdId}/links`, { userId: memberId })).status,
    ).toBe(403);
    expect(
      (await gridWorker.delete(`/api/v1/registry/households/${householdId}/links/${memberId}`)).status,
    ).toBe(204);
    expect((await head.get(`/api/v1/registry/households/${householdId}`)).body.links).toEqual([]);
  });

  it('exports a unit’s registry with numbers masked', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/registry/export.xlsx?unitId=${yard.id}`,
      headers: { cookie: head.cookie },
    });
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const texts: string[] = [];
    sheet?.eachRow((row) => texts.push(JSON.stringify(row.values)));
    expect(texts.join()).toContain('王大福');
    expect(texts.join()).toContain(`${HEAD_ID.slice(0, 4)}**********${HEAD_ID.slice(-4)}`);
    expect(texts.join()).not.toContain(HEAD_ID);
  });
});
