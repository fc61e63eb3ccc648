import { type GeoBoundary, pointInBoundary } from '@domain/org/geo';
import { eq } from 'drizzle-orm';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facilities, facilityReports, notifications, users } from '../db/schema';
import { multipart, phonePhoto } from '../photos/fixtures';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { qrSvg } from './labels';
import { reportFacility } from './reportFacility';

const BASE = 'https://xy.example.cn';

describe.each(testBackends())('facilities and their QR codes on %s', (backend) => {
  let t: TestApp;
  let operator: TestClient;
  let resident: TestClient;
  let head: TestClient;
  let cleaner: TestClient;
  let village: Awaited<ReturnType<typeof unitNamed>>;

  const report = (client: TestClient, code: string, problem = 'full', extra: Record<string, unknown> = {}) =>
    client.post(`/api/v1/facilities/by-code/${code}/reports`, { id: uuidv7(), problem, ...extra });
  const photoOf = async (client: TestClient) => {
    const body = multipart([{ filename: 'bin.jpg', type: 'image/jpeg', data: await phonePhoto({}) }]);
    const res = await client.request('POST', '/api/v1/photos', body.payload, {
      'content-type': body.contentType,
    });
    return res.body[0].id as string;
  };
  const inboxOf = async (phone: string) => {
    const [user] = await t.database.db.select().from(users).where(eq(users.phone, phone));
    return t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, user?.id as string));
  };

  beforeAll(async () => {
    t = await startTestApp(backend, { config: { publicBaseUrl: BASE } });
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    head = await signedIn(t.app, DEMO.zhisheng.courtyardHead);
    cleaner = await signedIn(t.app, DEMO.zhisheng.cleaner);
    village = await unitNamed(t.database.db, '万宝村');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a villager’s 爱环境 lists the bins of their own village, their courtyard’s first, and marks one being handled', async () => {
    const yard = await unitNamed(t.database.db, '椒香小院');
    const [ownBin] = await t.database.db.select().from(facilities).where(eq(facilities.unitId, yard.id));
    const near = await resident.get('/api/v1/facilities/near-me');
    expect(near.status).toBe(200);
    const all = await operator.get(`/api/v1/org/units/${village.id}/facilities`);
    expect(near.body).toHaveLength(all.body.length);
    expect(near.body[0].mine).toBe(true);
    const firstOther = near.body.findIndex((f: { mine: boolean }) => !f.mine);
    expect(near.body.slice(firstOther).every((f: { mine: boolean }) => !f.mine)).toBe(true);
    if (ownBin) expect(near.body.find((f: { code: string }) => f.code === ownBin.code)?.mine).toBe(true);

    const code = near.body[near.body.length - 1].code as string;
    expect((await report(resident, code)).status).toBe(201);
    const after = await resident.get('/api/v1/facilities/near-me');
    expect(after.body.find((f: { code: string }) => f.code === code).open).toBe(true);

    // Town staff have the console; a villager of another town sees nothing of 万宝村.
    expect((await operator.get('/api/v1/facilities/near-me')).body).toEqual([]);
    const elsewhere = await signedIn(t.app, DEMO.guangshun.gridWorker);
    const theirs = await elsewhere.get('/api/v1/facilities/near-me');
    expect(theirs.body.some((f: { code: string }) => f.code.startsWith('WB-'))).toBe(false);
  });

  it('the demo has a few dozen bins in 万宝村, inside its boundary, in the care of its cleaner', async () => {
    const list = await operator.get(`/api/v1/org/units/${village.id}/facilities`);
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThanOrEqual(24);
    for (const f of list.body) {
      expect(f.kind).toBe('bin');
      expect(pointInBoundary(f.location, village.boundary as GeoBoundary)).toBe(true);
      expect(f.worker?.name).toBeTruthy();
    }
    const [cleanerRow] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.phone, DEMO.zhisheng.cleaner));
    expect(new Set(list.body.map((f: { worker: { id: string } }) => f.worker.id))).toEqual(
      new Set([cleanerRow?.id]),
    );
  });

  it('a full bin goes straight to its cleaner, who resolves it with a photo, and the reporter is told', async () => {
    const scanned = await resident.get('/api/v1/facilities/by-code/WB-BIN-001');
    expect(scanned.body).toMatchObject({ code: 'WB-BIN-001', kind: 'bin', direct: true });
    expect(scanned.body.problems).toEqual(['full', 'broken', 'other']);
    expect(scanned.body.trail).toContain('万宝村');

    const filed = await report(resident, 'WB-BIN-001');
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ joined: false, status: 'dispatched', reporters: 1 });
    expect(filed.body.worker).toBeTruthy();

    const seen = await cleaner.get(`/api/v1/cases/${filed.body.caseId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'report',
      'accept',
      'dispatch',
    ]);
    expect(seen.body.can).toContain('resolve');
    expect(seen.body.description).toContain('WB-BIN-001');
    const mine = await cleaner.get('/api/v1/cases?scope=all');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(filed.body.caseId);
    expect((await inboxOf(DEMO.zhisheng.cleaner)).map((n) => n.caseId)).toContain(filed.body.caseId);

    const resolved = await cleaner.post(`/api/v1/cases/${filed.body.caseId}/actions`, {
      action: 'resolve',
      note: '已清运',
      photoIds: [await photoOf(cleaner)],
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    const told = (await inboxOf(DEMO.zhisheng.resident)).filter((n) => n.caseId === filed.body.caseId);
    expect(told.map((n) => n.kind)).toContain('case_resolve');
  });

  it('a second report of a bin with an open case joins it, counted on the timeline; a retry changes nothing', async () => {
    const first = await report(resident, 'WB-BIN-002');
    const id = uuidv7();
    const second = await head.post('/api/v1/facilities/by-code/WB-BIN-002/reports', { id, problem: 'full' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ caseId: first.body.caseId, joined: true, reporters: 2 });
    const again = await head.post('/api/v1/facilities/by-code/WB-BIN-002/reports', { id, problem: 'full' });
    expect(again.body).toMatchObject({ caseId: first.body.caseId, joined: true, reporters: 2 });

    const detail = await cleaner.get(`/api/v1/cases/${first.body.caseId}`);
    const joins = detail.body.timeline.filter((e: { action: string }) => e.action === 'also_reported');
    expect(joins).toHaveLength(1);
    const headInbox = await inboxOf(DEMO.zhisheng.courtyardHead);
    expect(headInbox.filter((n) => n.kind === 'facility_joined')).toHaveLength(1);
  });

  it('a neighbour whose report joined the case can open it and is told when the bin is emptied', async () => {
    const first = await report(resident, 'WB-BIN-003');
    const neighbour = await signedIn(t.app, DEMO.zhisheng.partyMember);
    const joined = await report(neighbour, 'WB-BIN-003');
    expect(joined.body).toMatchObject({ caseId: first.body.caseId, joined: true });
    expect((await neighbour.get(`/api/v1/cases/${first.body.caseId}`)).status).toBe(200);

    const resolved = await cleaner.post(`/api/v1/cases/${first.body.caseId}/actions`, {
      action: 'resolve',
      note: '已清运',
      photoIds: [await photoOf(cleaner)],
    });
    expect(resolved.status).toBe(200);
    const told = (await inboxOf(DEMO.zhisheng.partyMember)).filter((n) => n.caseId === first.body.caseId);
    expect(told.map((n) => n.kind)).toContain('case_resolve');
    // Following is not owning: only the first reporter rates the case.
    const seen = await neighbour.get(`/api/v1/cases/${first.body.caseId}`);
    expect(seen.body.can).toEqual([]);
  });

  it('"something else" carries the villager’s words and photo; a joining report’s photo lands on the same case', async () => {
    const filed = await report(resident, 'WB-BIN-006', 'other', {
      note: '桶盖被风吹走了',
      photoIds: [await photoOf(resident)],
    });
    expect(filed.status).toBe(201);
    const joined = await report(head, 'WB-BIN-006', 'broken', { photoIds: [await photoOf(head)] });
    expect(joined.body).toMatchObject({ caseId: filed.body.caseId, joined: true });
    const detail = await cleaner.get(`/api/v1/cases/${filed.body.caseId}`);
    expect(detail.body.description).toBe(
      `垃圾桶 WB-BIN-006（${detail.body.address}）其他问题：桶盖被风吹走了`,
    );
    expect(detail.body.photos).toHaveLength(2);
  });

  it('scans count against the reports one person may file in a minute', async () => {
    const [user] = await t.database.db.select().from(users).where(eq(users.phone, DEMO.zhisheng.postStaff));
    const who = user?.id as string;
    await reportFacility(
      t.database.db,
      who,
      'WB-BIN-008',
      { id: uuidv7(), problem: 'full', photoIds: [] },
      {
        perMinute: 1,
      },
    );
    await expect(
      reportFacility(
        t.database.db,
        who,
        'WB-BIN-009',
        { id: uuidv7(), problem: 'full', photoIds: [] },
        {
          perMinute: 1,
        },
      ),
    ).rejects.toMatchObject({ code: 'REPORTS_TOO_FREQUENT' });
  });

  it('two scans of the same bin at once make one case', async () => {
    const [a, b] = await Promise.all([report(resident, 'WB-BIN-003'), report(head, 'WB-BIN-003')]);
    expect(a.body.caseId).toBe(b.body.caseId);
    expect([a.body.joined, b.body.joined].sort()).toEqual([false, true]);
    const rows = await t.database.db
      .select()
      .from(facilityReports)
      .where(eq(facilityReports.caseId, a.body.caseId));
    expect(rows.filter((r) => !r.joined)).toHaveLength(1);
  });

  it('once resolved, the bin filling again opens a new case; the console ranks bins by how often they fill', async () => {
    const again = await report(resident, 'WB-BIN-001');
    expect(again.status).toBe(201);
    expect(again.body.joined).toBe(false);
    const list = await operator.get(`/api/v1/org/units/${village.id}/facilities`);
    expect(list.body[0]).toMatchObject({ code: 'WB-BIN-001', cases: 2, openCaseId: again.body.caseId });
    const later = await operator.get(
      `/api/v1/org/units/${village.id}/facilities?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(later.body.every((f: { cases: number }) => f.cases === 0)).toBe(true);
  });

  it('without the catalogue flag the report waits for the center like any other', async () => {
    const town = await unitNamed(t.database.db, '直升镇');
    const matters = (await operator.get(`/api/v1/org/units/${town.id}/matters`)).body;
    const bins = matters.find((m: { code: string }) => m.code === 'ENV-01');
    expect(
      (await operator.patch(`/api/v1/matters/${bins.id}`, { directToFacilityWorker: false })).status,
    ).toBe(200);
    try {
      const filed = await report(resident, 'WB-BIN-004');
      expect(filed.body).toMatchObject({ status: 'reported', worker: null });
      const center = await inboxOf(DEMO.zhisheng.operator);
      expect(center.some((n) => n.caseId === filed.body.caseId && n.kind === 'case_reported')).toBe(true);
    } finally {
      await operator.patch(`/api/v1/matters/${bins.id}`, { directToFacilityWorker: true });
    }
  });

  it('staff add and edit facilities only inside their own area', async () => {
    const yard = await unitNamed(t.database.db, '椒香小院');
    const [cleanerRow] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.phone, DEMO.zhisheng.cleaner));
    const body = {
      code: 'WB-LIGHT-001',
      kind: 'streetlight',
      place: '椒香小院路口',
      unitId: yard.id,
      location: { lat: yard.centerLat, lng: yard.centerLng },
      workerId: cleanerRow?.id,
    };
    const created = await operator.post('/api/v1/facilities', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'WB-LIGHT-001', unit: { name: '椒香小院' } });
    expect((await operator.post('/api/v1/facilities', body)).status).toBe(409);
    expect((await resident.post('/api/v1/facilities', { ...body, code: 'WB-LIGHT-002' })).status).toBe(403);

    const other = await signedIn(t.app, DEMO.guangshun.operator);
    expect((await other.post('/api/v1/facilities', { ...body, code: 'WB-LIGHT-003' })).status).toBe(404);
    expect((await other.patch(`/api/v1/facilities/${created.body.id}`, { place: '改' })).status).toBe(404);
    expect((await other.get(`/api/v1/org/units/${village.id}/facilities`)).status).toBe(404);
    const [outsider] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.phone, DEMO.guangshun.operator));
    const badWorker = await operator.patch(`/api/v1/facilities/${created.body.id}`, {
      workerId: outsider?.id,
    });
    expect(badWorker.body.code).toBe('FACILITY_WORKER_INVALID');
    const town = await unitNamed(t.database.db, '直升镇');
    const onTown = await operator.post('/api/v1/facilities', {
      ...body,
      code: 'WB-LIGHT-004',
      unitId: town.id,
    });
    expect(onTown.body.code).toBe('FACILITY_UNIT_INVALID');

    const edited = await operator.patch(`/api/v1/facilities/${created.body.id}`, { place: '椒香小院村道边' });
    expect(edited.status).toBe(200);
    expect(edited.body.place).toBe('椒香小院村道边');
    const broken = await report(resident, 'WB-LIGHT-001', 'full');
    expect(broken.body.code).toBe('FACILITY_PROBLEM_INVALID');
  });

  it('the label sheet is an A4 page of every bin of the village, each QR made from its own URL', async () => {
    const res = await operator.get(`/api/v1/org/units/${village.id}/facility-labels`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
    const page = res.body as string;
    expect(page).toContain('@page { size: A4');
    const rows = await t.database.db
      .select()
      .from(facilities)
      .where(eq(facilities.townId, village.townId as string));
    for (const f of rows) expect(page).toContain(`data-url="${BASE}/q/${f.code}"`);
    expect(page).toContain(await qrSvg(`${BASE}/q/WB-BIN-001`));
    // Read back as a phone camera would: the label's SVG, rasterised, decodes to its own URL.
    const label = page.match(
      /<figure class="label" data-code="WB-BIN-017"[\s\S]*?(<svg[\s\S]*?<\/svg>)/,
    )?.[1];
    const { data, info } = await sharp(Buffer.from(label as string))
      .resize(400, 400)
      .flatten({ background: '#fff' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe(`${BASE}/q/WB-BIN-017`);
    const staff = await signedIn(t.app, DEMO.zhisheng.postStaff);
    expect((await staff.get(`/api/v1/org/units/${village.id}/facility-labels`)).status).toBe(403);
    expect((await resident.get(`/api/v1/org/units/${village.id}/facility-labels`)).status).toBe(404);
  });

  it('a scanned URL opens the phone app on the facility; an unknown code gets a page a villager can read', async () => {
    const anonymous = new (resident.constructor as typeof TestClient)(t.app);
    const found = await anonymous.get('/q/WB-BIN-005');
    expect(found.status).toBe(302);
    expect(found.headers.location).toBe('/mobile/?facility=WB-BIN-005');
    const unknown = await anonymous.get('/q/NO-SUCH-BIN');
    expect(unknown.status).toBe(404);
    expect(String(unknown.headers['content-type'])).toMatch(/^text\/html/);
    expect(unknown.body).toContain('找不到编码为「NO-SUCH-BIN」的设施');
    const api = await report(resident, 'NO-SUCH-BIN');
    expect(api.status).toBe(404);
    expect(api.body.code).toBe('NOT_FOUND');
  });
});
