import { AppError } from '@domain/errors/codes';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_PHOTO_BYTES, photoTooLarge } from './process';

export const MAX_PHOTOS_PER_UPLOAD = 9;
const MAX_FILENAME_LENGTH = 100;

export interface UploadedPhoto {
  /** For display only: never a path, never a storage key. */
  filename: string;
  data: Buffer;
}

export interface UploadedForm {
  fields: Record<string, string>;
  photos: UploadedPhoto[];
}

/**
 * Multipart limits for the whole app. busboy enforces them while the body streams in, so an
 * oversized upload is cut off at the limit instead of being read into memory first.
 */
export async function registerMultipart(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: MAX_PHOTO_BYTES,
      files: MAX_PHOTOS_PER_UPLOAD,
      fields: 30,
      fieldSize: 100 * 1024,
      parts: 40,
    },
  });
}

/**
 * A name a person may see: the last segment of whatever path the phone sent, without control or
 * invisible formatting characters (a right-to-left override can make `gpj.exe` read `exe.jpg`).
 */
export function sanitiseFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const visible = base.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').trim();
  return Array.from(visible).slice(0, MAX_FILENAME_LENGTH).join('').trim() || 'photo';
}

function tooMany(maxFiles: number): AppError {
  return new AppError('PHOTO_TOO_MANY', {
    zh: `一次最多上传 ${maxFiles} 张照片`,
    en: `At most ${maxFiles} photos at a time`,
  });
}

function badField(name: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', { zh: `字段 ${name}：${zh}`, en: `Field ${name}: ${en}` });
}

async function readCapped(file: MultipartFile['file'], maxBytes: number): Promise<Buffer> {
  const tooLarge = photoTooLarge(maxBytes);
  // Stop at the limit, leaving the rest of the body unread, rather than let busboy skim it all.
  file.once('limit', () => file.destroy(tooLarge));
  const chunks: Buffer[] = [];
  for await (const chunk of file) chunks.push(chunk);
  // The limit may have been reached before we listened, while the part waited in busboy's queue.
  if (file.truncated) throw tooLarge;
  return Buffer.concat(chunks);
}

/**
 * Reads a multipart form of text fields and photo files, each file capped while it streams. Files
 * are taken by content later, so a part's field name and declared type mean nothing here; an empty
 * file part is what a browser sends for a file input left empty, and is skipped.
 */
export async function readUploadedPhotos(
  request: FastifyRequest,
  { maxFiles = MAX_PHOTOS_PER_UPLOAD, maxFileBytes = MAX_PHOTO_BYTES } = {},
): Promise<UploadedForm> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const fields = new Map<string, string>();
  const photos: UploadedPhoto[] = [];
  try {
    for await (const part of request.parts({ limits: { files: maxFiles, fileSize: maxFileBytes } })) {
      if (part.type === 'file') {
        const data = await readCapped(part.file, maxFileBytes);
        if (data.length > 0) photos.push({ filename: sanitiseFilename(part.filename), data });
        continue;
      }
      if (part.valueTruncated || part.fieldnameTruncated)
        throw badField(part.fieldname, '内容太长', 'too long');
      if (fields.has(part.fieldname)) throw badField(part.fieldname, '重复提交', 'sent more than once');
      // A part sent as application/json arrives parsed; the caller's schema reads text, so it gets text.
      fields.set(part.fieldname, typeof part.value === 'string' ? part.value : JSON.stringify(part.value));
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_FILES_LIMIT') throw tooMany(maxFiles);
    throw error;
  }
  return { fields: Object.fromEntries(fields), photos };
}
