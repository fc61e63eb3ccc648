import { MAX_VOICE_BYTES, MAX_VOICE_SECONDS } from '@domain/asks/schemas';
import { AppError } from '@domain/errors/codes';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../db/client';
import { askVoiceNotes } from '../db/schema';
import { readUploadedPhotos } from '../photos/upload';
import { newId } from '../platform/ids';
import type { Storage } from '../platform/storage';

/**
 * What phones record: Chrome and Android make WebM/Opus, Firefox Ogg/Opus, iPhones MP4/AAC; older
 * recorders MP3 or WAV. Keyed by the format the bytes show, never by the name or type the phone sent.
 */
const VOICE_FORMATS: Record<string, { contentType: string; extension: string }> = {
  webm: { contentType: 'audio/webm', extension: 'webm' },
  ogg: { contentType: 'audio/ogg', extension: 'ogg' },
  opus: { contentType: 'audio/ogg', extension: 'ogg' },
  m4a: { contentType: 'audio/mp4', extension: 'm4a' },
  mp4: { contentType: 'audio/mp4', extension: 'm4a' },
  mp3: { contentType: 'audio/mpeg', extension: 'mp3' },
  wav: { contentType: 'audio/wav', extension: 'wav' },
};

export async function sniffVoice(data: Buffer) {
  const found = await fileTypeFromBuffer(data);
  const format = found && VOICE_FORMATS[found.ext];
  if (!format) throw new AppError('VOICE_NOT_AUDIO');
  return format;
}

/**
 * Reads one recording from a multipart form (file part `voice`, text field `seconds`), capped while it
 * streams. A recording straight from MediaRecorder carries no duration in its header, so the length
 * is the phone's word, checked against the limit, and the size cap is what truly bounds it.
 */
export async function uploadVoiceNote(db: Db, storage: Storage, request: FastifyRequest, userId: string) {
  let form: Awaited<ReturnType<typeof readUploadedPhotos>>;
  try {
    form = await readUploadedPhotos(request, { maxFiles: 1, maxFileBytes: MAX_VOICE_BYTES });
  } catch (error) {
    if (error instanceof AppError && error.code === 'PHOTO_TOO_LARGE') throw new AppError('VOICE_TOO_LARGE');
    if (error instanceof AppError && error.code === 'PHOTO_TOO_MANY') {
      throw new AppError('VALIDATION_FAILED', { zh: '一次只能上传一段语音', en: 'One voice note at a time' });
    }
    throw error;
  }
  const [file] = form.photos;
  if (!file) throw new AppError('VOICE_MISSING');
  const seconds = Number(form.fields.seconds ?? Number.NaN);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new AppError('VALIDATION_FAILED', { zh: '请提供语音时长', en: 'Give the length in seconds' });
  }
  if (seconds > MAX_VOICE_SECONDS) throw new AppError('VOICE_TOO_LONG');
  const format = await sniffVoice(file.data);
  const id = newId();
  const month = new Date().toISOString().slice(0, 7).replace('-', '/');
  const storageKey = `voice/${month}/${id}.${format.extension}`;
  // File first, row after: a row never names a missing file.
  await storage.put(storageKey, file.data, format.contentType);
  await db.insert(askVoiceNotes).values({
    id,
    uploadedBy: userId,
    storageKey,
    contentType: format.contentType,
    bytes: file.data.length,
  });
  return { id, contentType: format.contentType, bytes: file.data.length };
}
