import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { contentTypeOf, createStorage, LocalDiskStorage } from './storage';

describe('local disk storage', () => {
  const root = mkdtempSync(join(tmpdir(), 'xiaoyuan-storage-'));
  const storage = new LocalDiskStorage(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores, reads back and deletes a file under its key, leaving no temporary file behind', async () => {
    await storage.put('photos/2026/11/a.jpg', Buffer.from('jpeg bytes'), 'image/jpeg');
    expect(await storage.exists('photos/2026/11/a.jpg')).toBe(true);
    const got = await storage.get('photos/2026/11/a.jpg');
    expect(got?.data.toString()).toBe('jpeg bytes');
    expect(got?.contentType).toBe('image/jpeg');
    expect(readdirSync(join(root, 'photos/2026/11'))).toEqual(['a.jpg']);

    await storage.delete('photos/2026/11/a.jpg');
    expect(await storage.get('photos/2026/11/a.jpg')).toBeNull();
    expect(await storage.exists('photos/2026/11/a.jpg')).toBe(false);
    await expect(storage.delete('photos/2026/11/a.jpg')).resolves.toBeUndefined();
  });

  it('keeps the content type by the key’s extension and refuses a type the key denies', async () => {
    await storage.put('photos/2026/11/b.webp', Buffer.from('webp bytes'), 'image/webp');
    expect((await storage.get('photos/2026/11/b.webp'))?.contentType).toBe('image/webp');
    await storage.put('exports/ledger.xlsx', Buffer.from('xlsx'), contentTypeOf('ledger.xlsx'));
    expect((await storage.get('exports/ledger.xlsx'))?.contentType).toMatch(/spreadsheetml/);
    await storage.put('blobs/opaque', Buffer.from('?'), 'application/octet-stream');
    expect((await storage.get('blobs/opaque'))?.contentType).toBe('application/octet-stream');

    await expect(storage.put('photos/x.jpg', Buffer.from('<svg/>'), 'image/svg+xml')).rejects.toThrow(
      /holds image\/jpeg/,
    );
    expect(await storage.exists('photos/x.jpg')).toBe(false);
  });

  it('streams a stored file with its size, and answers null for a missing one', async () => {
    await storage.put('photos/2026/11/c.png', Buffer.from('png bytes'), 'image/png');
    const streamed = await storage.stream('photos/2026/11/c.png');
    if (!streamed) throw new Error('a stored file must stream');
    expect(streamed.size).toBe(9);
    expect(streamed.contentType).toBe('image/png');
    expect(await text(streamed.body)).toBe('png bytes');
    expect(await storage.stream('photos/2026/11/none.png')).toBeNull();
  });

  it('an overwrite replaces the whole file; concurrent writers leave one complete version', async () => {
    const a = Buffer.alloc(256 * 1024, 'a');
    const b = Buffer.alloc(256 * 1024, 'b');
    await Promise.all([
      storage.put('photos/race.jpg', a, 'image/jpeg'),
      storage.put('photos/race.jpg', b, 'image/jpeg'),
      storage.put('photos/race.jpg', a, 'image/jpeg'),
    ]);
    const data = (await storage.get('photos/race.jpg'))?.data as Buffer;
    expect(data.equals(a) || data.equals(b)).toBe(true);
    expect(readdirSync(join(root, 'photos')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a temporary file left by a crash mid-write is never served under any key', async () => {
    writeFileSync(join(root, 'photos', '.d.jpg.0123456789ab.tmp'), 'half a file');
    expect(await storage.get('photos/d.jpg')).toBeNull();
    await expect(storage.get('photos/.d.jpg.0123456789ab.tmp')).rejects.toThrow(/unsafe/);
  });

  it('refuses keys that would leave its folder or are not plain names', async () => {
    for (const key of [
      '../escape.jpg',
      '/etc/passwd',
      'a/../../b.jpg',
      'photos/..',
      './a.jpg',
      'a\\b.jpg',
      '..\\..\\b.jpg',
      'a\0b.jpg',
      'C:/x.jpg',
      '',
      'photos//x.jpg',
      'photos/x.jpg/',
      `photos/${'x'.repeat(600)}.jpg`,
    ]) {
      await expect(storage.put(key, Buffer.from('x'), 'image/jpeg'), key).rejects.toThrow(/unsafe/);
      await expect(storage.get(key), key).rejects.toThrow(/unsafe/);
      await expect(storage.exists(key), key).rejects.toThrow(/unsafe/);
      await expect(storage.delete(key), key).rejects.toThrow(/unsafe/);
    }
  });

  it('a key naming a folder, or running through a file, holds nothing', async () => {
    await storage.put('photos/e.jpg', Buffer.from('e'), 'image/jpeg');
    expect(await storage.get('photos')).toBeNull();
    expect(await storage.exists('photos')).toBe(false);
    expect(await storage.get('photos/e.jpg/f.jpg')).toBeNull();
    expect(await storage.stream('photos')).toBeNull();
  });

  it('createStorage keeps files under <dataDir>/files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'xiaoyuan-data-'));
    try {
      await createStorage({ dataDir }).put('photos/f.jpg', Buffer.from('f'), 'image/jpeg');
      expect(readFileSync(join(dataDir, 'files', 'photos', 'f.jpg'), 'utf8')).toBe('f');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
