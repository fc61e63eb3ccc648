import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, matters, photos } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { multipart, phonePhoto } from './fixtures';

describe.each(testBackends())('photo uploads on %s', (backend) => {
  let t: TestApp;
  let resident: TestClient;
  let operator: TestClient;
  let neighbour: TestClient;
  let matterId: string;

  const upload = (client: TestClient, files: Parameters<typeof multipart>[0]) => {
    const body = multipart(files);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/photos',
      payload: body.payload,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': body.contentType },
    });
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    neighbour = await signedIn(t.app, DEMO.zhisheng.partyMember);
    const town = await unitNamed(t.database.db, '直升镇');
    const [m] = await t.database.db
      .select()
      .from(matters)
      .where(and(eq(matters.townId, town.id), isNotNull(matters.parentId)));
    matterId = (m as { id: string }).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a report with a photo and no GPS fix is placed by the photo’s own GPS; staff of the case see the photo', async () => {
    const yard = await unitNamed(t.database.db, '椒香小院');
    const data = await phonePhoto({ gps: { lat: yard.centerLat as number, lng: yard.centerLng as number } });
    const res = await upload(resident, [{ filename: 'IMG_0001.jpg', type: 'image/jpeg', data }]);
    expect(res.statusCode).toBe(201);
    const [photo] = res.json();
    expect(photo.gps.lat).toBeCloseTo(yard.centerLat as number, 3);

    const report = await resident.post('/api/v1/cases', {
      id: uuidv7(),
      matterId,
      description: '垃圾堆在路边',
      photoIds: [photo.id],
    });
    expect(report.status).toBe(201);
    const detail = (await resident.get(`/api/v1/cases/${report.body.id}`)).body;
    expect(detail.unit.name).toBe('椒香小院');
    expect(detail.photos).toHaveLength(1);
    expect(detail.timeline[0].photos).toHaveLength(1);

    const seen = await t.app.inject({ url: photo.thumbUrl, headers: { cookie: operator.cookie } });
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/jpeg');
    const hidden = await t.app.inject({ url: photo.url, headers: { cookie: neighbour.cookie } });
    expect(hidden.statusCode).toBe(404);

    const reused = await resident.post('/api/v1/cases', {
      id: uuidv7(),
      matterId,
      description: '再报一次',
      photoIds: [photo.id],
    });
    expect(reused.body.code).toBe('PHOTO_UNKNOWN');
  });

  it('two different reports claiming one photo at once: one gets it, the other is refused and writes nothing', async () => {
    const [photo] = (
      await upload(resident, [{ filename: 'IMG_0002.jpg', type: 'image/jpeg', data: await phonePhoto({}) }])
    ).json();
    const yard = await unitNamed(t.database.db, '椒香小院');
    const ids = [uuidv7(), uuidv7()];
    const answers = await Promise.all(
      ids.map((id) =>
        resident.post('/api/v1/cases', {
          id,
          matterId,
          description: '同一张照片报了两次',
          location: { lat: yard.centerLat, lng: yard.centerLng },
          photoIds: [photo.id],
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 400]);
    const written = await t.database.db.select().from(cases).where(inArray(cases.id, ids));
    expect(written).toHaveLength(1);
    const refused = answers.find((a) => a.status === 400);
    expect(refused?.body.code).toBe('PHOTO_UNKNOWN');
  });

  it('a grid worker settles a grid-level matter on the spot with a photo: closed at grid level at once', async () => {
    const worker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    const town = await unitNamed(t.database.db, '直升镇');
    const [gridMatter] = await t.database.db
      .select()
      .from(matters)
      .where(and(eq(matters.townId, town.id), eq(matters.level, 'grid'), isNotNull(matters.parentId)));
    const yard = await unitNamed(t.database.db, '椒香小院');
    const created = await worker.post('/api/v1/cases', {
      id: uuidv7(),
      matterId: gridMatter?.id,
      description: '路边垃圾',
      location: { lat: yard.centerLat, lng: yard.centerLng },
    });
    const [after] = (
      await upload(worker, [{ filename: 'after.jpg', type: 'image/jpeg', data: await phonePhoto() }])
    ).json();
    const settled = await worker.post(`/api/v1/cases/${created.body.id}/actions`, {
      action: 'settle',
      note: '已当场清理',
      photoIds: [after.id],
    });
    expect(settled.status).toBe(200);
    expect(settled.body.status).toBe('closed');
    expect(settled.body.timeline.at(-1).photos).toHaveLength(1);
  });

  it('a file that is not an image, though named .jpg, is refused with 415 and nothing is stored', async () => {
    const before = await t.database.db.select().from(photos);
    const res = await upload(resident, [
      { filename: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('<?php system($_GET["c"]); ?>') },
    ]);
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().code).toBe('PHOTO_NOT_IMAGE');
    expect(await t.database.db.select().from(photos)).toHaveLength(before.length);
  });

  it('one bad photo in a batch refuses the whole batch and keeps none of it', async () => {
    const before = await t.database.db.select().from(photos);
    const res = await upload(resident, [
      { filename: 'good.jpg', type: 'image/jpeg', data: await phonePhoto() },
      { filename: 'bad.jpg', type: 'image/jpeg', data: Buffer.from('GIF89a not a photo') },
    ]);
    expect(res.statusCode).toBe(415);
    expect(await t.database.db.select().from(photos)).toHaveLength(before.length);
  });

  it('a path trick in the file name does nothing: the stored name is ours', async () => {
    const res = await upload(resident, [
      { filename: '../../../etc/passwd.jpg', type: 'image/jpeg', data: await phonePhoto() },
    ]);
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.db.select().from(photos).where(eq(photos.id, res.json()[0].id));
    expect(row?.storageKey).toMatch(/^photos\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
  });

  it('more than 9 photos at once is refused', async () => {
    const data = await phonePhoto({ width: 40, height: 40 });
    const files = Array.from({ length: 10 }, (_, i) => ({ filename: `${i}.jpg`, type: 'image/jpeg', data }));
    const res = await upload(resident, files);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('PHOTO_TOO_MANY');
  });

  it('a 50 MB upload is refused with 413', async () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(50 * 1024 * 1024)]);
    const res = await upload(resident, [{ filename: 'big.jpg', type: 'image/jpeg', data }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PHOTO_TOO_LARGE');
  });

  it('a non-multipart upload is refused with 415', async () => {
    const res = await resident.post('/api/v1/photos', { photo: 'base64…' });
    expect(res.status).toBe(415);
  });
});
