import { createHash } from 'node:crypto';
import { AppError } from '@domain/errors/codes';
import exifReader from 'exif-reader';
import sharp, { type Metadata, type Sharp } from 'sharp';

export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
/** The largest frame a 50 MP phone sensor writes; more pixels than this is a decompression bomb. */
export const MAX_PHOTO_PIXELS = 8192 * 6144;
const FULL_EDGE = 1920;
const THUMB_EDGE = 320;
/** A phone that writes no zone beside its clock keeps local time, and our residents' is Beijing time. */
const DEFAULT_OFFSET_MINUTES = 8 * 60;

/**
 * Phones' HEIC holds HEVC, which the prebuilt libvips leaves out for patent reasons: its heif
 * loader then reads AVIF only, and says so by listing no `.heic` suffix.
 */
export const HEIC_READABLE = Boolean(
  sharp.format.heif?.input.buffer && sharp.format.heif.input.fileSuffix?.includes('.heic'),
);

export interface ProcessPhotoOptions {
  maxBytes?: number;
  maxPixels?: number;
  format?: 'jpeg' | 'webp';
}

export interface ProcessedPhoto {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  contentType: 'image/jpeg' | 'image/webp';
  gps: { lat: number; lng: number } | null;
  takenAt: Date | null;
  sha256: string;
}

type SniffedFormat = 'jpeg' | 'png' | 'webp' | 'heif';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/**
 * The format the first bytes declare; the file's name and declared type are never asked. A list
 * of what is allowed, not of what is not: this libvips also decodes SVG (which can carry script),
 * GIF, TIFF and more, and none of them reaches a decoder unless its magic bytes say photo.
 */
function sniffImage(data: Buffer): SniffedFormat | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (data.toString('latin1', 4, 8) === 'ftyp' && HEIF_BRANDS.has(data.toString('latin1', 8, 12))) {
    return 'heif';
  }
  return null;
}

export function photoTooLarge(maxBytes: number): AppError {
  const limit =
    maxBytes >= 1024 * 1024
      ? `${Number((maxBytes / (1024 * 1024)).toFixed(1))} MB`
      : `${Math.ceil(maxBytes / 1024)} KB`;
  return new AppError('PHOTO_TOO_LARGE', {
    zh: `照片太大（每张不超过 ${limit}）`,
    en: `The photo is too large (${limit} at most)`,
  });
}

function dms(values: number[] | undefined, ref: string | undefined): number | null {
  if (!Array.isArray(values) || values.length < 3) return null;
  const [d, m, s] = values as [number, number, number];
  const degrees = d + m / 60 + s / 3600;
  if (!Number.isFinite(degrees)) return null;
  return ref === 'S' || ref === 'W' ? -degrees : degrees;
}

function offsetMinutes(value: unknown): number | null {
  const match = typeof value === 'string' ? /^([+-])(\d{2}):(\d{2})$/.exec(value.trim()) : null;
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** EXIF gives the wall clock without a zone (exif-reader reads it as if UTC); the offset tag, when written, says which. */
function readExif(exif: Buffer | undefined): Pick<ProcessedPhoto, 'gps' | 'takenAt'> {
  if (!exif) return { gps: null, takenAt: null };
  try {
    const tags = exifReader(exif);
    const lat = dms(tags.GPSInfo?.GPSLatitude, tags.GPSInfo?.GPSLatitudeRef);
    const lng = dms(tags.GPSInfo?.GPSLongitude, tags.GPSInfo?.GPSLongitudeRef);
    // Phones without a fix sometimes write 0, 0: a place in the Gulf of Guinea, not a report's.
    const gps =
      lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && (lat !== 0 || lng !== 0)
        ? { lat, lng }
        : null;
    const wall = tags.Photo?.DateTimeOriginal;
    const offset = offsetMinutes(tags.Photo?.OffsetTimeOriginal) ?? DEFAULT_OFFSET_MINUTES;
    const takenAt =
      wall instanceof Date && !Number.isNaN(wall.getTime())
        ? new Date(wall.getTime() - offset * 60_000)
        : null;
    return { gps, takenAt };
  } catch {
    return { gps: null, takenAt: null };
  }
}

async function readMetadata(input: Buffer): Promise<Metadata | null> {
  try {
    // Only the header is read here, so sharp's own pixel limit is lifted: the caller judges the size.
    return await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return null;
  }
}

function encode(image: Sharp, format: 'jpeg' | 'webp', quality: number): Sharp {
  return format === 'jpeg' ? image.jpeg({ quality, mozjpeg: true }) : image.webp({ quality });
}

async function reencode(input: Buffer, maxPixels: number, format: 'jpeg' | 'webp') {
  // The pixel limit stays on while decoding, should the header have understated the image.
  const decoded = sharp(input, { limitInputPixels: maxPixels, failOn: 'error' })
    .autoOrient()
    .flatten({ background: '#ffffff' })
    .resize(FULL_EDGE, FULL_EDGE, { fit: 'inside', withoutEnlargement: true });
  const { data: full, info } = await encode(decoded, format, 80).toBuffer({ resolveWithObject: true });
  // From the small clean copy: a second decode of a 50 MP original would cost far more.
  const small = sharp(full).resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true });
  const thumb = await encode(small, format, 70).toBuffer();
  return { full, thumb, width: info.width, height: info.height };
}

/**
 * Makes a stored photo from an upload: checked by content, its GPS and time read first (they may
 * place and date the report), then re-encoded upright at phone-screen size, and a thumbnail. The
 * encoder writes pixels only, so every byte of metadata is dropped, and so is whatever rides
 * inside or after the image data in a polyglot file.
 */
export async function processPhoto(
  input: Buffer,
  options: ProcessPhotoOptions = {},
): Promise<ProcessedPhoto> {
  const { maxBytes = MAX_PHOTO_BYTES, maxPixels = MAX_PHOTO_PIXELS, format = 'jpeg' } = options;
  if (input.length > maxBytes) throw photoTooLarge(maxBytes);
  const sniffed = sniffImage(input);
  if (!sniffed) throw new AppError('PHOTO_NOT_IMAGE');
  if (sniffed === 'heif' && !HEIC_READABLE) {
    throw new AppError('PHOTO_NOT_IMAGE', {
      zh: '暂不支持 HEIC 格式的照片，请在相机设置中选择“兼容性最佳”后重拍',
      en: 'HEIC photos cannot be read here; set the camera to "Most Compatible" (JPEG) and take it again',
    });
  }
  // The header must agree with the magic bytes: a file that only starts like a photo is not one.
  const meta = await readMetadata(input);
  if (meta?.format !== sniffed) throw new AppError('PHOTO_NOT_IMAGE');
  if (!meta.width || !meta.height || meta.width * meta.height > maxPixels) {
    throw new AppError('PHOTO_DIMENSIONS');
  }
  const { gps, takenAt } = readExif(meta.exif);

  const encoded = await reencode(input, maxPixels, format).catch(() => {
    throw new AppError('PHOTO_NOT_IMAGE', {
      zh: '照片已损坏，无法读取',
      en: 'The photo is damaged and cannot be read',
    });
  });
  return {
    ...encoded,
    contentType: format === 'jpeg' ? 'image/jpeg' : 'image/webp',
    gps,
    takenAt,
    sha256: createHash('sha256').update(encoded.full).digest('hex'),
  };
}
