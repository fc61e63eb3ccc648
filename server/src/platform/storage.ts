import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredObject {
  data: Buffer;
  contentType: string;
}

export interface StoredStream {
  body: Readable;
  contentType: string;
  size: number;
}

/**
 * Where files live. Keys are relative, slash-separated names like `photos/2026/11/<id>.jpg`, never
 * paths, so an S3-compatible store can implement the same interface with the key as object name.
 * A key's extension names its content type (see `contentTypeOf`): `put` refuses a type its key
 * denies, so an object can never be served as something its name says it is not.
 */
export interface Storage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<StoredObject | null>;
  /** For large objects, where a backend can hand out a stream instead of a whole buffer. */
  stream?(key: string): Promise<StoredStream | null>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  webm: 'audio/webm',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  json: 'application/json',
};
const UNKNOWN_TYPE = 'application/octet-stream';

/** The content type a key's extension names; keys with no known extension hold opaque bytes. */
export function contentTypeOf(key: string): string {
  const dot = key.lastIndexOf('.');
  const extension = dot > key.lastIndexOf('/') ? key.slice(dot + 1).toLowerCase() : '';
  return CONTENT_TYPES[extension] ?? UNKNOWN_TYPE;
}

/**
 * Each segment starts with a letter or digit, so `..`, `.`, hidden names, absolute paths,
 * backslashes and NUL can never form a key. S3 allows 1,024 bytes; we stay well inside.
 */
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const MAX_KEY_LENGTH = 512;

export function assertSafeKey(key: string): void {
  if (key.length > MAX_KEY_LENGTH || !SAFE_KEY.test(key)) {
    throw new Error(`unsafe storage key: ${JSON.stringify(key)}`);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  // A key naming a folder, or running through a file, holds no object.
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/**
 * Local disk: each file is written to a temporary name in its own folder, flushed, renamed over
 * the key, and the folder flushed, so a crash leaves either the old file or the new one, never
 * half of one. Temporary names start with a dot, which no key can, so none is ever served.
 */
export class LocalDiskStorage implements Storage {
  private readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error(`storage key escapes the root: ${key}`);
    return path;
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    const path = this.pathOf(key);
    const expected = contentTypeOf(key);
    if (contentType.toLowerCase() !== expected) {
      throw new Error(`storage key ${key} holds ${expected}, not ${contentType}`);
    }
    const folder = dirname(path);
    await mkdir(folder, { recursive: true });
    const temp = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncFolder(folder);
  }

  async get(key: string): Promise<StoredObject | null> {
    const path = this.pathOf(key);
    try {
      return { data: await readFile(path), contentType: contentTypeOf(key) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async stream(key: string): Promise<StoredStream | null> {
    const path = this.pathOf(key);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      return { body: handle.createReadStream(), contentType: contentTypeOf(key), size: info.size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }
}

/** A rename is durable only once the folder holding it is flushed. Windows cannot open a folder. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function createStorage(config: { dataDir: string }): Storage {
  return new LocalDiskStorage(join(config.dataDir, 'files'));
}
