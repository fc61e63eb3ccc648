import { FieldVisitInput, FieldVisitListQuery, FieldVisitView } from '@domain/fieldVisits/schemas';
import { z } from 'zod';
import { requireAuth } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';
import { listFieldVisits, recordFieldVisit } from './fieldVisits';

const tags = ['field-visits'];

/** 蹲点指导: officials record their visits to villages and grids; listed by area and date. */
export function fieldVisitRoutes(app: App, { db }: Deps) {
  app.post(
    '/api/v1/field-visits',
    {
      schema: {
        tags,
        summary:
          '记录蹲点指导并下派跟进任务 Record a field visit to a village or grid, issuing its follow-up tasks',
        body: FieldVisitInput,
        response: { 201: FieldVisitView },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      return reply.status(201).send(await recordFieldVisit(db, actor, request.body, new Date()));
    },
  );

  app.get(
    '/api/v1/field-visits',
    {
      schema: {
        tags,
        summary: '蹲点指导记录（按区域、日期）Field visits at or under a unit, by date',
        querystring: FieldVisitListQuery,
        response: { 200: z.array(FieldVisitView) },
      },
    },
    async (request) => listFieldVisits(db, requireAuth(request).actor, request.query),
  );
}
