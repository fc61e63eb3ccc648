import sharp from 'sharp';

/** A real JPEG as a phone takes it: some pixels, optionally with GPS in its EXIF. */
export async function phonePhoto(
  options: { width?: number; height?: number; gps?: { lat: number; lng: number } } = {},
) {
  const { width = 800, height = 600, gps } = options;
  const image = sharp({ create: { width, height, channels: 3, background: { r: 120, g: 160, b: 90 } } });
  if (gps) {
    // libexif rationals as strings; libvips writes IFD3 as the GPS directory.
    const dms = (v: number) => {
      const a = Math.abs(v);
      const d = Math.floor(a);
      const m = Math.floor((a - d) * 60);
      const s = Math.round(((a - d) * 60 - m) * 60 * 1000);
      return `${d}/1 ${m}/1 ${s}/1000`;
    };
    image.withExif({
      IFD0: { Make: 'Xiaomi', Model: 'Redmi 12C' },
      IFD3: {
        GPSLatitudeRef: gps.lat >= 0 ? 'N' : 'S',
        GPSLatitude: dms(gps.lat),
        GPSLongitudeRef: gps.lng >= 0 ? 'E' : 'W',
        GPSLongitude: dms(gps.lng),
      },
    });
  }
  return image.jpeg({ quality: 85 }).toBuffer();
}

/** multipart/form-data by hand, as a phone's browser sends it. */
export function multipart(
  files: { field?: string; filename: string; type: string; data: Buffer }[],
  fields: Record<string, string> = {},
) {
  const boundary = `----xiaoyuan${Math.random().toString(16).slice(2)}`;
  const texts = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'photo'}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    payload: Buffer.concat([...texts, ...parts, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}
