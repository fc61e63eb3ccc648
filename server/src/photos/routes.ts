import { AppError } from '@domain/errors/codes';
import { Id } from '@domain/shared/schemas';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { readableCase } from '../cases/queries';
import { photos } from '../db/schema';
import { readableNoticePhoto } from '../notices/openNotice';
import { requireAuth } from '../platform/authenticate';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import type { App, Deps } from '../platform/types';
import { readableStorePhoto } from '../store/queries';
import { readableTaskPhoto } from '../tasks/queries';
import { type ProcessedPhoto, processPhoto } from './process';
import { readUploadedPhotos } from './upload';

const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;

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
 * to read its case or its notice, or to be the one who uploaded it.
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
      const uploads = await readUploadedPhotos(request);
      if (uploads.photos.length === 0) throw new AppError('PHOTO_MISSING');
      // All or nothing: every photo is checked before any is kept. One at a time bounds memory and CPU.
      const processed: ProcessedPhoto[] = [];
      for (const upload of uploads.photos) processed.push(await processPhoto(upload.data));
      const month = new Date().toISOString().slice(0, 7).replace('-', '/');
      const rows = processed.map((photo) => {
        const id = newId();
        const extension = EXTENSIONS[photo.contentType];
        return {
          photo,
          row: {
            id,
            uploadedBy: user.id,
            storageKey: `photos/${month}/${id}.${extension}`,
            thumbKey: `photos/${month}/${id}.thumb.${extension}`,
            contentType: photo.contentType,
            width: photo.width,
            height: photo.height,
            bytes: photo.full.length,
            sha256: photo.sha256,
            gpsLat: photo.gps?.lat ?? null,
            gpsLng: photo.gps?.lng ?? null,
            takenAt: photo.takenAt,
          },
        };
      });
      // Files first, rows after: a row never names a missing file; a crash in between leaves only unnamed files.
      for (const { photo, row } of rows) {
        await storage.put(row.storageKey, photo.full, photo.contentType);
        await storage.put(row.thumbKey, photo.thumb, photo.contentType);
      }
      await db.insert(photos).values(rows.map(({ row }) => row));
      return reply.status(201).send(
        rows.map(({ photo, row }) => ({
          id: row.id,
          url: `/api/v1/photos/${row.id}`,
          thumbUrl: `/api/v1/photos/${row.id}/thumb`,
          width: photo.width,
          height: photo.height,
          gps: photo.gps,
        })),
      );
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
        if (p.caseId) await readableCase(db, actor, p.caseId);
        else if (!(await readableTaskPhoto(db, actor, p.id)) && !(await readableStorePhoto(db, actor, p.id)))
          await readableNoticePhoto(db, actor, p.id);
      }
      const stored = await storage.get(variant === 'full' ? p.storageKey : p.thumbKey);
      if (!stored) throw new AppError('NOT_FOUND');
      reply.header('cache-control', 'private, max-age=604800, immutable');
      reply.type(stored.contentType);
      return reply.send(stored.data);
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
