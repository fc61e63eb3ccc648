import { createHash } from 'node:crypto';
import { AppError } from '@domain/errors/codes';
import exifReader from 'exif-reader';
import sharp, { type Metadata } from 'sharp';

export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
/** A phone photo is 12–50 MP; beyond this it is a decompression bomb, not a photo. */
const MAX_PIXELS = 60_000_000;
const FULL_EDGE = 1920;
const THUMB_EDGE = 320;

export interface ProcessedPhoto {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  gps: { lat: number; lng: number } | null;
  takenAt: Date | null;
  sha256: string;
}

/** Sniffed from the first bytes, never from the name: JPEG, PNG, WebP; HEIC too when this sharp can read it. */
export function sniffImage(data: Buffer): 'jpeg' | 'png' | 'webp' | 'heif' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  if (
    data.length >= 12 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'webp';
  if (
    data.length >= 12 &&
    data.toString('latin1', 4, 8) === 'ftyp' &&
    /^(heic|heix|mif1|msf1|heis)$/.test(data.toString('latin1', 8, 12))
  ) {
    return sharp.format.heif?.input?.buffer ? 'heif' : null;
  }
  return null;
}

function dms(values: number[] | undefined, ref: string | undefined): number | null {
  if (!values || values.length < 3) return null;
  const [d, m, s] = values as [number, number, number];
  const deg = d + m / 60 + s / 3600;
  if (!Number.isFinite(deg)) return null;
  return ref === 'S' || ref === 'W' ? -deg : deg;
}

function readExif(exif: Buffer | undefined): { gps: ProcessedPhoto['gps']; takenAt: Date | null } {
  if (!exif) return { gps: null, takenAt: null };
  try {
    const tags = exifReader(exif);
    const lat = dms(tags.GPSInfo?.GPSLatitude, tags.GPSInfo?.GPSLatitudeRef);
    const lng = dms(tags.GPSInfo?.GPSLongitude, tags.GPSInfo?.GPSLongitudeRef);
    const gps =
      lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && (lat !== 0 || lng !== 0)
        ? { lat, lng }
        : null;
    const taken = tags.Photo?.DateTimeOriginal;
    return { gps, takenAt: taken instanceof Date && !Number.isNaN(taken.getTime()) ? taken : null };
  } catch {
    return { gps: null, takenAt: null };
  }
}

/**
 * Makes a stored photo from an upload: checked by content, its GPS read first (it may place the
 * case), then re-encoded upright at phone-screen size with every byte of metadata dropped, and a
 * thumbnail. Re-encoding also discards whatever rides after the image data in a polyglot file.
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length > MAX_PHOTO_BYTES) throw new AppError('PHOTO_TOO_LARGE');
  if (!sniffImage(input)) throw new AppError('PHOTO_NOT_IMAGE');
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new AppError('PHOTO_NOT_IMAGE');
  }
  if (!meta.width || !meta.height || meta.width * meta.height > MAX_PIXELS) {
    throw new AppError('PHOTO_NOT_IMAGE', {
      zh: '照片尺寸异常',
      en: 'The image dimensions are not plausible',
    });
  }
  const { gps, takenAt } = readExif(meta.exif);
  try {
    const base = () => sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const { data: full, info } = await base()
      .resize(FULL_EDGE, FULL_EDGE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await base()
      .resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 70 })
      .toBuffer();
    return {
      full,
      thumb,
      width: info.width,
      height: info.height,
      gps,
      takenAt,
      sha256: createHash('sha256').update(full).digest('hex'),
    };
  } catch {
    throw new AppError('PHOTO_NOT_IMAGE', {
      zh: '照片已损坏，无法读取',
      en: 'The photo is damaged and cannot be read',
    });
  }
}
