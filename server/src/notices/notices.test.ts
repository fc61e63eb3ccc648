import { and, eq, like, ne, notLike } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, orgUnits } from '../db/schema';
import { multipart, phonePhoto } from '../photos/fixtures';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

const PASSWORD = 'Xiaoyuan@2026';

describe.each(testBackends())('notices and the courtyard charter on %s', (backend) => {
  let t: TestApp;
  let admin: TestClient;
  let operator: TestClient;
  let head: TestClient;
  let resident: TestClient;
  let spouse: TestClient;
  let child: TestClient;
  let unbound: TestClient;
  let elsewhere: TestClient;
  let yard: { id: string; path: string; parentId: string | null };
  let village: { id: string; path: string };
  let otherYard: { id: string; path: string };

  const newUser = async (phone: string, name: string, courtyardId: string) => {
    const made = await admin.post('/api/v1/users', {
      phone,
      name,
      password: PASSWORD,
      grants: [{ role: 'resident', unitId: courtyardId }],
    });
    expect(made.status).toBe(201);
    return signedIn(t.app, phone);
  };
  const notice = (unitId: string, title = '关于冬季防火的通知') => ({
    unitId,
    title,
    body: '# 冬季防火\n- 不在院内焚烧秸秆\n- **电动车**不进屋充电',
    category: 'notice',
  });

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await signedIn(t.app, DEMO.admin);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    head = await signedIn(t.app, DEMO.zhisheng.courtyardHead);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    yard = await unitNamed(t.database.db, '椒香小院');
    village = await unitNamed(t.database.db, '万宝村');
    const town = await unitNamed(t.database.db, '直升镇');
    const [sibling] = await t.database.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, yard.parentId as string), ne(orgUnits.id, yard.id)));
    otherYard = sibling as typeof otherYard;
    const [farYard] = await t.database.db
      .select()
      .from(orgUnits)
      .where(
        and(
          eq(orgUnits.kind, 'courtyard'),
          like(orgUnits.path, `${town.path}%`),
          notLike(orgUnits.path, `${village.path}%`),
        ),
      )
      .limit(1);
    spouse = await newUser('13900000101', '李秀英', yard.id);
    child = await newUser('13900000102', '王小宝', yard.id);
    unbound = await newUser('13900000103', '张未绑', yard.id);
    elsewhere = await newUser('13900000104', '外村人', (farYard as { id: string }).id);

    const gridWorker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    const household = await gridWorker.post('/api/v1/registry/households', {
      courtyardId: yard.id,
      address: '院规测试3组5号',
      residents: [
        {
          name: '王大福',
          relation: 'head',
          gender: 'male',
          birthDate: '1962-04-09',
          phone: DEMO.zhisheng.resident,
        },
        {
          name: '李秀英',
          relation: 'spouse',
          gender: 'female',
          birthDate: '1964-08-20',
          phone: '13900000101',
        },
        { name: '王小宝', relation: 'child', gender: 'male', birthDate: '2015-06-01', phone: '13900000102' },
      ],
    });
    expect(household.status).toBe(201);
    const invite = await head.get(`/api/v1/registry/courtyards/${yard.id}/invite`);
    for (const member of [resident, spouse, child]) {
      const joined = await member.post('/api/v1/registry/join', { code: invite.body.code });
      expect(joined.body.status).toBe('bound');
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets a courtyard head publish to their courtyard, not to another one nor to the village', async () => {
    const own = await head.post('/api/v1/notices', {
      ...notice(yard.id, '院坝会时间调整'),
      category: 'talk',
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      unit: { id: yard.id, name: '椒香小院' },
      category: 'talk',
      status: 'published',
    });
    expect((await head.post('/api/v1/notices', notice(otherYard.id))).status).toBe(404);
    expect((await head.post('/api/v1/notices', notice(village.id))).status).toBe(404);
    expect((await resident.post('/api/v1/notices', notice(yard.id))).status).toBe(403);
    const grid = (
      await t.database.db
        .select()
        .from(orgUnits)
        .where(eq(orgUnits.id, yard.parentId as string))
    )[0];
    const toGrid = await operator.post('/api/v1/notices', notice((grid as { id: string }).id));
    expect(toGrid.status).toBe(400);
    expect(toGrid.body.code).toBe('NOTICE_TARGET_KIND');
  });

  it('reaches the village’s residents unread, and not the residents of another village', async () => {
    const sent = await operator.post('/api/v1/notices', {
      ...notice(village.id, '万宝村秸秆禁烧'),
      pinned: true,
    });
    expect(sent.status).toBe(201);
    const mine = await resident.get('/api/v1/notices/mine');
    expect(mine.status).toBe(200);
    expect(mine.body.items[0]).toMatchObject({ id: sent.body.id, pinned: true, read: false });
    expect(mine.body.unread).toBeGreaterThanOrEqual(1);
    // Bound to the household but holding no role: reached through the household.
    expect((await spouse.get('/api/v1/notices/mine')).body.items.map((n: { id: string }) => n.id)).toContain(
      sent.body.id,
    );
    expect(
      (await elsewhere.get('/api/v1/notices/mine')).body.items.map((n: { id: string }) => n.id),
    ).not.toContain(sent.body.id);
    expect((await elsewhere.get(`/api/v1/notices/${sent.body.id}`)).status).toBe(404);
    expect((await elsewhere.post(`/api/v1/notices/${sent.body.id}/read`)).status).toBe(404);
  });

  it('shows a notice’s photos to its audience only, and a photo with one notice only', async () => {
    const upload = async (who: TestClient) => {
      const body = multipart([{ filename: 'p.jpg', type: 'image/jpeg', data: await phonePhoto({}) }]);
      const res = await who.request('POST', '/api/v1/photos', body.payload, {
        'content-type': body.contentType,
      });
      expect(res.status).toBe(201);
      return res.body[0].id as string;
    };
    const photoId = await upload(operator);
    const sent = await operator.post('/api/v1/notices', {
      ...notice(village.id, '院坝会照片'),
      photoIds: [photoId],
    });
    expect(sent.status).toBe(201);
    expect(sent.body.photos).toEqual([
      { id: photoId, url: `/api/v1/photos/${photoId}`, thumbUrl: `/api/v1/photos/${photoId}/thumb` },
    ]);
    expect((await resident.get(`/api/v1/photos/${photoId}/thumb`)).status).toBe(200);
    expect((await elsewhere.get(`/api/v1/photos/${photoId}/thumb`)).status).toBe(404);
    const again = await operator.post('/api/v1/notices', { ...notice(village.id), photoIds: [photoId] });
    expect(again.body.code).toBe('PHOTO_UNKNOWN');
    const theirs = await operator.post('/api/v1/notices', {
      ...notice(village.id),
      photoIds: [await upload(head)],
    });
    expect(theirs.body.code).toBe('PHOTO_UNKNOWN');
  });

  it('counts a read receipt once per person, and names who has not read', async () => {
    const sent = await operator.post('/api/v1/notices', notice(village.id, '农技培训'));
    const id = sent.body.id as string;
    const before = await operator.get(`/api/v1/notices/${id}/reads`);
    expect(before.body.readCount).toBe(0);
    expect(before.body.unread.map((u: { name: string }) => u.name)).toContain('李秀英');
    for (let i = 0; i < 3; i++) {
      const opened = await resident.post(`/api/v1/notices/${id}/read`);
      expect(opened.status).toBe(200);
      expect(opened.body.read).toBe(true);
    }
    await spouse.post(`/api/v1/notices/${id}/read`);
    const after = await operator.get(`/api/v1/notices/${id}/reads`);
    expect(after.body.readCount).toBe(2);
    expect(after.body.audience).toBe(before.body.audience);
    expect(after.body.unread.map((u: { name: string }) => u.name)).not.toContain('李秀英');
    const list = await operator.get(`/api/v1/notices?unitId=${village.id}`);
    expect(list.body.find((n: { id: string }) => n.id === id)).toMatchObject({
      readCount: 2,
      can: { withdraw: true },
    });
    const mine = await resident.get('/api/v1/notices/mine');
    expect(mine.body.items.find((n: { id: string }) => n.id === id).read).toBe(true);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'read')));
    expect(audits).toHaveLength(2);
  });

  it('withdraws a notice from phones while keeping it and its receipts on record', async () => {
    const sent = await head.post('/api/v1/notices', notice(yard.id, '临时停水'));
    const id = sent.body.id as string;
    await resident.post(`/api/v1/notices/${id}/read`);
    expect((await resident.post(`/api/v1/notices/${id}/withdraw`)).status).toBe(403);
    const withdrawn = await head.post(`/api/v1/notices/${id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await head.post(`/api/v1/notices/${id}/withdraw`)).body.code).toBe('NOTICE_WITHDRAWN');
    expect(
      (await resident.get('/api/v1/notices/mine')).body.items.map((n: { id: string }) => n.id),
    ).not.toContain(id);
    expect((await resident.get(`/api/v1/notices/${id}`)).status).toBe(404);
    const list = await head.get(`/api/v1/notices?unitId=${yard.id}`);
    expect(list.body.find((n: { id: string }) => n.id === id)).toMatchObject({
      status: 'withdrawn',
      readCount: 1,
      can: { withdraw: false },
    });
  });

  it('publishes charter versions: a new one replaces the old, and the old stays readable', async () => {
    expect((await resident.get('/api/v1/charters/mine')).body).toMatchObject({
      reason: 'no_charter',
      versions: [],
    });
    const v1 = await head.post(`/api/v1/charters/courtyards/${yard.id}`, {
      body: '一、门前三包\n二、垃圾分类',
    });
    expect(v1.status).toBe(201);
    expect(v1.body.version).toBe(1);
    expect((await head.post(`/api/v1/charters/courtyards/${otherYard.id}`, { body: '越权' })).status).toBe(
      404,
    );
    expect((await resident.post(`/api/v1/charters/courtyards/${yard.id}`, { body: '越权' })).status).toBe(
      403,
    );
    await resident.post(`/api/v1/charters/${v1.body.id}/acknowledge`);
    const v2 = await operator.post(`/api/v1/charters/courtyards/${yard.id}`, {
      body: '一、门前三包\n二、垃圾分类\n三、邻里互助',
    });
    expect(v2.body.version).toBe(2);
    const mine = await resident.get('/api/v1/charters/mine');
    expect(mine.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(mine.body.versions[1].body).toBe('一、门前三包\n二、垃圾分类');
    // Acknowledging version 1 does not acknowledge version 2, and version 1 can no longer be acknowledged.
    expect(mine.body).toMatchObject({ acknowledgment: null, can: { acknowledge: true } });
    const stale = await spouse.post(`/api/v1/charters/${v1.body.id}/acknowledge`);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('CHARTER_SUPERSEDED');
  });

  it('takes one acknowledgment per household even when two members tap at once', async () => {
    const current = (await resident.get('/api/v1/charters/mine')).body.versions[0];
    const [a, b] = await Promise.all([
      resident.post(`/api/v1/charters/${current.id}/acknowledge`),
      spouse.post(`/api/v1/charters/${current.id}/acknowledge`),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body).toEqual(b.body);
    const view = await head.get(`/api/v1/charters/courtyards/${yard.id}`);
    const ours = view.body.households.filter((h: { address: string }) => h.address === '院规测试3组5号');
    expect(ours).toHaveLength(1);
    expect(ours[0].acknowledgment).toMatchObject({ version: 2, by: { name: a.body.by.name } });
    expect((await spouse.get('/api/v1/charters/mine')).body).toMatchObject({
      reason: 'acknowledged',
      can: { acknowledge: false },
    });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectType, 'charter_acknowledgment'));
    expect(audits.filter((r) => (r.detail as { version: number }).version === 2)).toHaveLength(1);
  });

  it('refuses an unbound resident and a minor of the household', async () => {
    const current = (await head.get(`/api/v1/charters/courtyards/${yard.id}`)).body.versions[0];
    const refused = await unbound.post(`/api/v1/charters/${current.id}/acknowledge`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CHARTER_NOT_BOUND');
    expect((await unbound.get('/api/v1/charters/mine')).body).toMatchObject({
      reason: 'not_bound',
      can: { acknowledge: false },
    });
    expect((await unbound.get('/api/v1/charters/mine')).body.versions[0].version).toBe(2);
    const minor = await child.post(`/api/v1/charters/${current.id}/acknowledge`);
    expect(minor.status).toBe(403);
    expect(minor.body.code).toBe('CHARTER_ADULT_ONLY');
    expect((await elsewhere.post(`/api/v1/charters/${current.id}/acknowledge`)).body.code).toBe(
      'CHARTER_NOT_BOUND',
    );
  });
});
