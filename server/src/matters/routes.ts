import { CreateMatterInput, MatterView, UpdateMatterInput } from '@domain/matters/views';
import { Id } from '@domain/shared/schemas';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { posts } from '../db/schema';
import { requireAuth } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';
import { createMatter, retireMatter, updateMatter } from './editMatter';
import { mattersOfTown, toMatterView, townFor } from './queries';

const tags = ['matters'];
const IdParams = z.object({ id: Id });

export function matterRoutes(app: App, { db }: Deps) {
  const view = async (row: Parameters<typeof toMatterView>[0]) => {
    const [post] = row.postId
      ? await db.select({ name: posts.name }).from(posts).where(eq(posts.id, row.postId))
      : [];
    return toMatterView(row, post?.name ?? null);
  };

  app.get(
    '/api/v1/org/units/:id/matters',
    {
      schema: {
        tags,
        summary: '镇街事项清单 The town’s matter catalogue',
        params: IdParams,
        response: { 200: z.array(MatterView) },
      },
    },
    async (request) => {
      const town = await townFor(db, requireAuth(request).actor, request.params.id, 'read');
      return mattersOfTown(db, town.id);
    },
  );

  app.post(
    '/api/v1/org/units/:id/matters',
    {
      schema: {
        tags,
        summary: '新增事项 Add a matter',
        params: IdParams,
        body: CreateMatterInput,
        response: { 201: MatterView },
      },
    },
    async (request, reply) => {
      const row = await createMatter(db, requireAuth(request).actor, request.params.id, request.body);
      return reply.status(201).send(await view(row));
    },
  );

  app.patch(
    '/api/v1/matters/:id',
    {
      schema: {
        tags,
        summary: '修改事项 Edit a matter',
        params: IdParams,
        body: UpdateMatterInput,
        response: { 200: MatterView },
      },
    },
    async (request) =>
      view(await updateMatter(db, requireAuth(request).actor, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/matters/:id/retire',
    { schema: { tags, summary: '停用事项 Retire a matter', params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await retireMatter(db, requireAuth(request).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
