import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from './storage';

describe('local disk storage', () => {
  const root = mkdtempSync(join(tmpdir(), 'xiaoyuan-storage-'));
  const storage = new LocalDiskStorage(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores, reads back and deletes a file under its key, leaving no temporary file behind', async () => {
    await storage.put('photos/2026/11/a.jpg', Buffer.from('jpeg bytes'));
    expect((await storage.get('photos/2026/11/a.jpg'))?.toString()).toBe('jpeg bytes');
    expect(readdirSync(join(root, 'photos/2026/11'))).toEqual(['a.jpg']);
    await storage.delete('photos/2026/11/a.jpg');
    expect(await storage.get('photos/2026/11/a.jpg')).toBeNull();
  });

  it('refuses keys that would leave its folder', async () => {
    for (const key of [
      '../escape.jpg',
      '/etc/passwd',
      'a/../../b.jpg',
      'a\\b.jpg',
      'a\0b.jpg',
      '',
      'photos//x.jpg',
    ]) {
      await expect(storage.put(key, Buffer.from('x')), key).rejects.toThrow(/unsafe|escapes/);
    }
  });
});
