import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleError } from '../platform/problem';
import { multipart, phonePhoto } from './fixtures';
import { readUploadedPhotos, registerMultipart, sanitiseFilename } from './upload';

const MiB = 1024 * 1024;

describe('reading uploaded photos', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify();
    app.setErrorHandler(handleError);
    await registerMultipart(app);
    app.post('/upload', async (request) => {
      const { fields, photos } = await readUploadedPhotos(request, { maxFiles: 9, maxFileBytes: 15 * MiB });
      return { fields, photos: photos.map((p) => ({ filename: p.filename, bytes: p.data.length })) };
    });
    app.post('/upload-small', async (request) => {
      const { photos } = await readUploadedPhotos(request, { maxFiles: 2, maxFileBytes: 64 * 1024 });
      return { count: photos.length };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (body: ReturnType<typeof multipart>, url = '/upload') =>
    app.inject({ method: 'POST', url, payload: body.payload, headers: { 'content-type': body.contentType } });

  it('reads two photos and the text fields beside them', async () => {
    const a = await phonePhoto({ width: 80, height: 60 });
    const b = await phonePhoto({ width: 60, height: 80 });
    const res = await post(
      multipart(
        [
          { filename: 'IMG_0001.jpg', type: 'image/jpeg', data: a },
          { filename: 'IMG_0002.jpg', type: 'image/jpeg', data: b },
        ],
        { description: '路灯不亮', lat: '29.4053' },
      ),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      fields: { description: '路灯不亮', lat: '29.4053' },
      photos: [
        { filename: 'IMG_0001.jpg', bytes: a.length },
        { filename: 'IMG_0002.jpg', bytes: b.length },
      ],
    });
  });

  it('ten photos at once are refused with 400 PHOTO_TOO_MANY', async () => {
    const data = await phonePhoto({ width: 20, height: 20 });
    const files = Array.from({ length: 10 }, (_, i) => ({ filename: `${i}.jpg`, type: 'image/jpeg', data }));
    const res = await post(multipart(files));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      code: 'PHOTO_TOO_MANY',
      messages: { en: 'At most 9 photos at a time' },
    });

    const three = await post(multipart(files.slice(0, 3)), '/upload-small');
    expect(three.json()).toMatchObject({
      code: 'PHOTO_TOO_MANY',
      messages: { en: 'At most 2 photos at a time' },
    });
  });

  it('a 50 MB upload is refused with 413 once 15 MB have streamed in, the rest left unread', async () => {
    const boundary = 'xiaoyuanBigUpload';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
    const total = 50 * MiB;
    let sent = 0;
    // Generated as it is read, so the test holds no 50 MB and counts what the server pulled; one
    // chunk per turn of the event loop, as a socket delivers them.
    const body = Readable.from(
      (async function* () {
        yield Buffer.from(head);
        for (; sent < total; sent += 64 * 1024) {
          await new Promise(setImmediate);
          yield Buffer.alloc(64 * 1024, 0x41);
        }
        yield Buffer.from(`\r\n--${boundary}--\r\n`);
      })(),
    );
    const res = await app.inject({
      method: 'POST',
      url: '/upload',
      payload: body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PHOTO_TOO_LARGE', status: 413 });
    expect(sent).toBeLessThan(20 * MiB);
  });

  it('a route may cap files lower than the app does', async () => {
    const res = await post(
      multipart([{ filename: 'a.jpg', type: 'image/jpeg', data: Buffer.alloc(100 * 1024) }]),
      '/upload-small',
    );
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'PHOTO_TOO_LARGE',
      messages: { en: 'The photo is too large (64 KB at most)' },
    });
  });

  it('a file name is only ever a name: paths, control characters and length are stripped', async () => {
    const data = await phonePhoto({ width: 20, height: 20 });
    const res = await post(
      multipart([
        { filename: '../../../etc/passwd.jpg', type: 'image/jpeg', data },
        { filename: 'C:\\Users\\李\\IMG\u0007\u202e1.jpg', type: 'image/jpeg', data },
      ]),
    );
    expect(res.json().photos.map((p: { filename: string }) => p.filename)).toEqual([
      'passwd.jpg',
      'IMG1.jpg',
    ]);

    expect(sanitiseFilename('a'.repeat(300))).toHaveLength(100);
    expect(sanitiseFilename(`${'照'.repeat(99)}😀😀`)).toBe(`${'照'.repeat(99)}😀`);
    expect(sanitiseFilename('line\r\nbreak.jpg')).toBe('linebreak.jpg');
    expect(sanitiseFilename('photos/')).toBe('photo');
    expect(sanitiseFilename('\u0000')).toBe('photo');
  });

  it('an empty file input is skipped, not taken for a photo', async () => {
    const res = await post(
      multipart([{ filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) }]),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().photos).toEqual([]);
  });

  it('a field over 100 KB, a field sent twice, or too many fields are refused with 400', async () => {
    const long = await post(multipart([], { description: 'x'.repeat(100 * 1024 + 1) }));
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      messages: { en: 'Field description: too long' },
    });

    const boundary = 'xiaoyuanTwice';
    const field = (v: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="lat"\r\n\r\n${v}\r\n`;
    const twice = await app.inject({
      method: 'POST',
      url: '/upload',
      payload: `${field('29.4')}${field('0')}--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().messages.en).toBe('Field lat: sent more than once');

    const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`f${i}`, 'x']));
    const tooMany = await post(multipart([], many));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('VALIDATION_FAILED');
  });

  it('a body that is not multipart is refused with 415', async () => {
    const res = await app.inject({ method: 'POST', url: '/upload', payload: { photo: 'base64…' } });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
