import { Id, PageQuery, pageOf } from '@domain/shared/schemas';
import { and, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { notifications } from '../db/schema';
import { requireAuth } from '../platform/authenticate';
import { decodeCursor, encodeCursor } from '../platform/cursor';
import type { App, Deps } from '../platform/types';

const InboxItem = z.object({
  id: Id,
  caseId: Id.nullable(),
  kind: z.string(),
  title: z.object({ zh: z.string(), en: z.string() }),
  read: z.boolean(),
  createdAt: z.string(),
});

export function inboxRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/v1/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: '我的消息 My inbox',
        querystring: PageQuery.extend({ unread: z.enum(['true', 'false']).optional() }),
        response: { 200: pageOf(InboxItem).extend({ unreadCount: z.number().int() }) },
      },
    },
    async (request) => {
      const { user } = requireAuth(request);
      const conditions: SQL[] = [eq(notifications.userId, user.id)];
      if (request.query.unread === 'true') conditions.push(isNull(notifications.readAt));
      const after = decodeCursor(request.query.cursor, 2) as [string, string] | null;
      if (after) {
        const when = new Date(after[0]);
        conditions.push(
          or(
            lt(notifications.createdAt, when),
            and(eq(notifications.createdAt, when), lt(notifications.id, after[1])),
          ) as SQL,
        );
      }
      const rows = await db
        .select()
        .from(notifications)
        .where(and(...conditions))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(request.query.limit + 1);
      const [unread] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
      const page = rows.slice(0, request.query.limit);
      const last = page.at(-1);
      return {
        items: page.map((n) => ({
          id: n.id,
          caseId: n.caseId,
          kind: n.kind,
          title: n.title as { zh: string; en: string },
          read: n.readAt != null,
          createdAt: n.createdAt.toISOString(),
        })),
        nextCursor:
          rows.length > page.length && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
        unreadCount: Number(unread?.n ?? 0),
      };
    },
  );

  app.post(
    '/api/v1/inbox/read',
    {
      schema: {
        tags: ['inbox'],
        summary: '标为已读 Mark read (some, or all)',
        body: z.object({ ids: z.array(Id).max(200).optional(), all: z.boolean().optional() }).strict(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { user } = requireAuth(request);
      const { ids, all } = request.body;
      if (all || ids?.length) {
        const which = all ? undefined : inArray(notifications.id, ids ?? []);
        await db
          .update(notifications)
          .set({ readAt: new Date() })
          .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt), which));
      }
      return reply.status(204).send(null);
    },
  );
}
