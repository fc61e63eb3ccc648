import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, users } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { type TestClient as Client, signedIn, TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

describe.each(testBackends())('accounts and role assignments on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let admin: Client;
  let wanbaoGrid: { id: string };
  let mengziGrid: { id: string };
  let zhisheng: { id: string };

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    admin = await signedIn(t.app, DEMO.admin);
    wanbaoGrid = await unitNamed(t.database.db, '500153100201-G01');
    const mengzi = await unitNamed(t.database.db, '檬梓桥社区');
    mengziGrid = await unitNamed(t.database.db, `${mengzi.code}-G01`);
    zhisheng = await unitNamed(t.database.db, '直升镇');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a center operator creates a grid worker in its own town, who can then sign in', async () => {
    const res = await operator.post('/api/v1/users', {
      phone: '13911112222',
      name: '新网格员',
      password: 'Wangge2026',
      grants: [{ role: 'grid_worker', unitId: wanbaoGrid.id }],
    });
    expect(res.status).toBe(201);
    expect(res.body.grants[0]).toMatchObject({ role: 'grid_worker', unitName: '第一网格' });
    expect(res.body.can).toEqual(['manage']);
    const history = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, res.body.id));
    expect(history.map((h) => h.action)).toEqual(['created']);
    expect((await new TestClient(t.app).login('13911112222', 'Wangge2026')).status).toBe(200);
  });

  it('a center operator cannot place anyone in another town (404) nor hand out an admin role (403)', async () => {
    const elsewhere = await operator.post('/api/v1/users', {
      phone: '13911113333',
      name: '越界',
      password: 'Wangge2026',
      grants: [{ role: 'grid_worker', unitId: mengziGrid.id }],
    });
    expect(elsewhere.status).toBe(404);
    const tooHigh = await operator.post('/api/v1/users', {
      phone: '13911113333',
      name: '越权',
      password: 'Wangge2026',
      grants: [{ role: 'admin', unitId: zhisheng.id }],
    });
    expect(tooHigh.status).toBe(403);
    expect(await t.database.db.select().from(users).where(eq(users.phone, '13911113333'))).toHaveLength(0);
  });

  it('roles are held only at their level, and post staff need a post of that town', async () => {
    const wrongLevel = await operator.post('/api/v1/users', {
      phone: '13911114444',
      name: '错位',
      password: 'Wangge2026',
      grants: [{ role: 'grid_worker', unitId: zhisheng.id }],
    });
    expect(wrongLevel.body.code).toBe('ROLE_UNIT_MISMATCH');
    const noPost = await operator.post('/api/v1/users', {
      phone: '13911114444',
      name: '无岗',
      password: 'Wangge2026',
      grants: [{ role: 'post_staff', unitId: zhisheng.id }],
    });
    expect(noPost.body.code).toBe('POST_REQUIRED');
  });

  it('a phone number registers once', async () => {
    const res = await operator.post('/api/v1/users', {
      phone: DEMO.zhisheng.resident,
      name: '重复',
      password: 'Wangge2026',
      grants: [{ role: 'grid_worker', unitId: wanbaoGrid.id }],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PHONE_TAKEN');
  });

  it('lists only the people of the operator’s own town, in keyset pages', async () => {
    const seen: { phone: string; grants: { unitTrail: string[] }[] }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: typeof seen; nextCursor: string | null } } = await operator.get(
        `/api/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect(new Set(seen.map((u) => u.phone)).size).toBe(seen.length);
    for (const u of seen) expect(u.grants.some((g) => g.unitTrail[1] === '直升镇')).toBe(true);
    expect(seen.map((u) => u.phone)).not.toContain(DEMO.guangshun.operator);
    expect(seen.map((u) => u.phone)).not.toContain(DEMO.admin);
  });

  it('people of another town are not found; residents may not list people at all', async () => {
    const all = await admin.get(`/api/v1/users?q=${DEMO.guangshun.operator}`);
    const guangshunOp = all.body.items[0];
    expect((await operator.get(`/api/v1/users/${guangshunOp.id}`)).status).toBe(404);
    expect((await operator.patch(`/api/v1/users/${guangshunOp.id}`, { disabled: true })).status).toBe(404);
    const resident = await signedIn(t.app, DEMO.zhisheng.partyMember);
    expect((await resident.get('/api/v1/users')).status).toBe(403);
  });

  it('disabling an account signs it out at once; enabling lets it back in', async () => {
    const created = await operator.post('/api/v1/users', {
      phone: '13911115555',
      name: '停用测试',
      password: 'Wangge2026',
      grants: [{ role: 'cleaner', unitId: wanbaoGrid.id }],
    });
    const person = await signedIn(t.app, '13911115555', 'Wangge2026');
    const disabled = await operator.patch(`/api/v1/users/${created.body.id}`, { disabled: true });
    expect(disabled.body.disabled).toBe(true);
    expect((await person.get('/api/v1/auth/me')).status).toBe(401);
    await operator.patch(`/api/v1/users/${created.body.id}`, { disabled: false });
    expect((await new TestClient(t.app).login('13911115555', 'Wangge2026')).status).toBe(200);
  });

  it('grants are added and revoked, but never the last one', async () => {
    const created = await operator.post('/api/v1/users', {
      phone: '13911116666',
      name: '兼职',
      password: 'Wangge2026',
      grants: [{ role: 'grid_worker', unitId: wanbaoGrid.id }],
    });
    const yard = await unitNamed(t.database.db, '椒香小院');
    const added = await operator.post(`/api/v1/users/${created.body.id}/grants`, {
      role: 'courtyard_head',
      unitId: yard.id,
    });
    expect(added.status).toBe(201);
    expect(added.body.grants).toHaveLength(2);
    const again = await operator.post(`/api/v1/users/${created.body.id}/grants`, {
      role: 'courtyard_head',
      unitId: yard.id,
    });
    expect(again.body.code).toBe('GRANT_EXISTS');
    const first = added.body.grants.find((g: { role: string }) => g.role === 'grid_worker');
    const revoked = await operator.delete(`/api/v1/users/${created.body.id}/grants/${first.id}`);
    expect(revoked.body.grants.map((g: { role: string }) => g.role)).toEqual(['courtyard_head']);
    const last = revoked.body.grants[0];
    expect((await operator.delete(`/api/v1/users/${created.body.id}/grants/${last.id}`)).body.code).toBe(
      'LAST_GRANT',
    );
  });

  it('an admin resets a forgotten password; the old one stops working', async () => {
    const list = await admin.get(`/api/v1/users?q=${DEMO.zhisheng.courtyardHead}`);
    const id = list.body.items[0].id;
    expect((await admin.post(`/api/v1/users/${id}/password`, { newPassword: 'Reset2026x' })).status).toBe(
      204,
    );
    expect((await new TestClient(t.app).login(DEMO.zhisheng.courtyardHead)).status).toBe(401);
    expect((await new TestClient(t.app).login(DEMO.zhisheng.courtyardHead, 'Reset2026x')).status).toBe(200);
  });
});
