import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

const limits = {
  normal: { accept: 2, dispatch: 4, handle: 48, verify: 24, close: 24 },
  urgent: { accept: 0.5, dispatch: 1, handle: 12, verify: 4, close: 4 },
};

describe.each(testBackends())('the matter catalogue on %s', (backend) => {
  let t: TestApp;
  let operator: TestClient;
  let resident: TestClient;
  let townId: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    townId = (await unitNamed(t.database.db, '直升镇')).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every town starts with the default three-level catalogue, which its residents can read', async () => {
    const list = await resident.get(`/api/v1/org/units/${townId}/matters`);
    expect(list.status).toBe(200);
    const names = list.body.map((m: { name: string }) => m.name);
    expect(names).toEqual(expect.arrayContaining(['环境卫生', '垃圾桶满溢', '邻里纠纷', '路灯损坏']));
    const bins = list.body.find((m: { name: string }) => m.name === '垃圾桶满溢');
    expect(bins).toMatchObject({ level: 'grid', directToFacilityWorker: true });
  });

  it('a partial edit keeps the flags it does not mention, and the working-day flag can be switched', async () => {
    const bins = (await operator.get(`/api/v1/org/units/${townId}/matters`)).body.find(
      (m: { name: string }) => m.name === '垃圾桶满溢',
    );
    const edited = await operator.patch(`/api/v1/matters/${bins.id}`, { isDispute: false });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ directToFacilityWorker: true, workingDays: false });
    const counted = await operator.patch(`/api/v1/matters/${bins.id}`, { workingDays: true });
    expect(counted.body).toMatchObject({ directToFacilityWorker: true, workingDays: true });
    expect(
      (await operator.patch(`/api/v1/matters/${bins.id}`, { workingDays: false })).body.workingDays,
    ).toBe(false);
  });

  it('the center adds a matter, changes its time limits and retires it; each change is checked', async () => {
    const category = (await operator.get(`/api/v1/org/units/${townId}/matters`)).body.find(
      (m: { code: string }) => m.code === 'ENV',
    );
    const created = await operator.post(`/api/v1/org/units/${townId}/matters`, {
      parentId: category.id,
      code: 'ENV-99',
      name: '秸秆乱堆',
      level: 'grid',
      sector: 'livelihood',
      postId: null,
      isDispute: false,
      directToFacilityWorker: false,
      limits,
    });
    expect(created.status).toBe(201);
    const edited = await operator.patch(`/api/v1/matters/${created.body.id}`, {
      limits: { ...limits, normal: { ...limits.normal, handle: 24 } },
    });
    expect(edited.body.limits.normal.handle).toBe(24);
    const again = await operator.post(`/api/v1/org/units/${townId}/matters`, {
      parentId: category.id,
      code: 'ENV-99',
      name: '同编码',
      level: 'grid',
      sector: 'livelihood',
      postId: null,
      isDispute: false,
      limits,
    });
    expect(again.status).toBe(409);
    expect((await operator.post(`/api/v1/matters/${created.body.id}/retire`)).status).toBe(204);
    const after = (await operator.get(`/api/v1/org/units/${townId}/matters`)).body.find(
      (m: { id: string }) => m.id === created.body.id,
    );
    expect(after.retired).toBe(true);
  });

  it('a resident may not change the catalogue; another town’s center does not see it', async () => {
    const [first] = (await operator.get(`/api/v1/org/units/${townId}/matters`)).body;
    expect((await resident.patch(`/api/v1/matters/${first.id}`, { name: '改名' })).status).toBe(403);
    const other = await signedIn(t.app, DEMO.guangshun.operator);
    expect((await other.get(`/api/v1/org/units/${townId}/matters`)).status).toBe(404);
    expect((await other.patch(`/api/v1/matters/${first.id}`, { name: '改名' })).status).toBe(404);
  });

  it('limits must be positive hours', async () => {
    const [first] = (await operator.get(`/api/v1/org/units/${townId}/matters`)).body;
    const bad = await operator.patch(`/api/v1/matters/${first.id}`, {
      limits: { ...limits, urgent: { ...limits.urgent, accept: -1 } },
    });
    expect(bad.status).toBe(400);
  });
});
