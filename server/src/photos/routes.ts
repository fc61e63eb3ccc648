import { AppError } from '@domain/errors/codes';
import { Id } from '@domain/shared/schemas';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { readableCase } from '../cases/queries';
import { photos } from '../db/schema';
import { requireAuth } from '../platform/authenticate';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import type { App, Deps } from '../platform/types';
import { MAX_PHOTO_BYTES, processPhoto } from './process';

export const MAX_PHOTOS_PER_UPLOAD = 9;

const UploadedPhoto = z.object({
  id: Id,
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number(),
  height: z.number(),
  gps: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});

/**
 * Photos go up before the report or action that uses them, one request per photo if the phone
 * likes (a lost upload is retried alone), and are attached by id. Reading a photo needs the right
 * to read its case, or to be the one who uploaded it.
 */
export function photoRoutes(app: App, { db, storage }: Deps) {
  app.post(
    '/api/v1/photos',
    {
      schema: {
        tags: ['photos'],
        summary: '上传照片（multipart，字段 photo，最多 9 张）Upload photos',
        consumes: ['multipart/form-data'],
        response: { 201: z.array(UploadedPhoto) },
      },
    },
    async (request, reply) => {
      const { user } = requireAuth(request);
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const stored: z.infer<typeof UploadedPhoto>[] = [];
      for await (const part of request.files({
        limits: { fileSize: MAX_PHOTO_BYTES, files: MAX_PHOTOS_PER_UPLOAD },
      })) {
        const data = await part.toBuffer();
        const photo = await processPhoto(data);
        const id = newId();
        const month = new Date().toISOString().slice(0, 7).replace('-', '/');
        const storageKey = `photos/${month}/${id}.jpg`;
        const thumbKey = `photos/${month}/${id}.thumb.jpg`;
        await storage.put(storageKey, photo.full);
        await storage.put(thumbKey, photo.thumb);
        await db.insert(photos).values({
          id,
          uploadedBy: user.id,
          storageKey,
          thumbKey,
          contentType: 'image/jpeg',
          width: photo.width,
          height: photo.height,
          bytes: photo.full.length,
          sha256: photo.sha256,
          gpsLat: photo.gps?.lat ?? null,
          gpsLng: photo.gps?.lng ?? null,
          takenAt: photo.takenAt,
        });
        stored.push({
          id,
          url: `/api/v1/photos/${id}`,
          thumbUrl: `/api/v1/photos/${id}/thumb`,
          width: photo.width,
          height: photo.height,
          gps: photo.gps,
        });
      }
      if (stored.length === 0) throw new AppError('PHOTO_MISSING');
      return reply.status(201).send(stored);
    },
  );

  const serve =
    (variant: 'full' | 'thumb') =>
    async (
      request: { params: { id: string } } & Parameters<typeof requireAuth>[0],
      reply: {
        header: (k: string, v: string) => unknown;
        type: (t: string) => unknown;
        send: (b: Buffer) => unknown;
      },
    ) => {
      const { actor } = requireAuth(request);
      const [photo] = await db.select().from(photos).where(eq(photos.id, request.params.id));
      if (!photo) enforce('not_found');
      const p = photo as typeof photos.$inferSelect;
      if (p.uploadedBy !== actor.userId) {
        if (!p.caseId) enforce('not_found');
        await readableCase(db, actor, p.caseId as string);
      }
      const data = await storage.get(variant === 'full' ? p.storageKey : p.thumbKey);
      if (!data) enforce('not_found');
      reply.header('cache-control', 'private, max-age=604800, immutable');
      reply.type(p.contentType);
      return reply.send(data as Buffer);
    };

  app.get(
    '/api/v1/photos/:id',
    { schema: { tags: ['photos'], summary: '照片 A photo', params: z.object({ id: Id }) } },
    serve('full') as never,
  );
  app.get(
    '/api/v1/photos/:id/thumb',
    { schema: { tags: ['photos'], summary: '缩略图 A photo thumbnail', params: z.object({ id: Id }) } },
    serve('thumb') as never,
  );
}
