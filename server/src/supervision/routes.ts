import { Id } from '@domain/shared/schemas';
import { authorizeSupervising } from '@domain/supervision/policy';
import {
  SupervisionCloseInput,
  SupervisionInput,
  SupervisionListQuery,
  SupervisionView,
  SupervisorCandidate,
} from '@domain/supervision/schemas';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { supervisions } from '../db/schema';
import { requireAuth } from '../platform/authenticate';
import { enforce } from '../platform/enforce';
import type { App, Deps } from '../platform/types';
import { closeSupervision } from './closeSupervision';
import { listSupervisions, supervisionsOfSubject } from './listSupervisions';
import { placeSupervision, supervisorCandidates } from './placeSupervision';
import { type SupervisionRow, subjectOf, toSupervisionViews } from './queries';

const tags = ['supervision'];
const IdParams = z.object({ id: Id });

/** 挂牌督办: placing a case or a task under named supervision, the supervised list, and the closing review. */
export function supervisionRoutes(app: App, { db }: Deps) {
  const viewOf = async (actor: Parameters<typeof toSupervisionViews>[1], id: string) => {
    const [row] = await db.select().from(supervisions).where(eq(supervisions.id, id));
    if (!row) enforce('not_found');
    enforce(authorizeSupervising(actor, (row as SupervisionRow).unitPath));
    const [view] = await toSupervisionViews(db, actor, [row as SupervisionRow], new Date(), true);
    return view as SupervisionView;
  };

  app.post(
    '/api/v1/supervisions',
    {
      schema: {
        tags,
        summary: '挂牌督办 Place a case or a task under supervision',
        body: SupervisionInput,
        response: { 201: SupervisionView },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const id = await placeSupervision(db, actor, request.body, new Date());
      return reply.status(201).send(await viewOf(actor, id));
    },
  );

  app.get(
    '/api/v1/supervisions',
    {
      schema: {
        tags,
        summary: '督办清单（未办结 / 已超期 / 已办结）Supervised items: open, overdue or closed',
        querystring: SupervisionListQuery,
        response: { 200: z.array(SupervisionView) },
      },
    },
    async (request) => listSupervisions(db, requireAuth(request).actor, request.query, new Date()),
  );

  app.get(
    '/api/v1/supervisions/:id',
    {
      schema: {
        tags,
        summary: '督办详情与记录 A supervision and its history',
        params: IdParams,
        response: { 200: SupervisionView },
      },
    },
    async (request) => viewOf(requireAuth(request).actor, request.params.id),
  );

  app.post(
    '/api/v1/supervisions/:id/close',
    {
      schema: {
        tags,
        summary: '督办销号：是否达到要求 Close with a review: outcome met or not',
        params: IdParams,
        body: SupervisionCloseInput,
        response: { 200: SupervisionView },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      await closeSupervision(db, actor, request.params.id, request.body, new Date());
      return viewOf(actor, request.params.id);
    },
  );

  for (const subjectType of ['case', 'task'] as const) {
    const noun = subjectType === 'case' ? '事件 a case' : '任务 a task';
    app.get(
      `/api/v1/${subjectType}s/:id/supervisions`,
      {
        schema: {
          tags,
          summary: `督办记录：${noun} (the 督办 mark)`,
          params: IdParams,
          response: { 200: z.array(SupervisionView) },
        },
      },
      async (request) =>
        supervisionsOfSubject(db, requireAuth(request).actor, subjectType, request.params.id, new Date()),
    );

    app.get(
      `/api/v1/${subjectType}s/:id/supervisor-candidates`,
      {
        schema: {
          tags,
          summary: `可选督办人：${noun} Officials who may supervise it`,
          params: IdParams,
          response: { 200: z.array(SupervisorCandidate) },
        },
      },
      async (request) => {
        const { actor } = requireAuth(request);
        const subject = await subjectOf(db, subjectType, request.params.id);
        if (!subject) enforce('not_found');
        const path = (subject as NonNullable<typeof subject>).unitPath;
        enforce(authorizeSupervising(actor, path));
        return supervisorCandidates(db, path);
      },
    );
  }
}
