import {
  CaseActionInput,
  CaseDetail,
  CaseListQuery,
  CaseMap,
  CaseReceipt,
  CaseSummary,
  LeadCandidate,
  ReportInput,
} from '@domain/cases/schemas';
import { authorizeCase } from '@domain/policies/cases';
import { Id, pageOf } from '@domain/shared/schemas';
import { z } from 'zod';
import { unitFor } from '../org/queries';
import { requireAuth } from '../platform/authenticate';
import { decodeCursor, encodeCursor } from '../platform/cursor';
import { enforce } from '../platform/enforce';
import type { App, Deps } from '../platform/types';
import { actOnCase } from './act';
import { leadCandidates } from './lead';
import { ledgerStream } from './ledger';
import { listCases } from './list';
import { caseMap } from './map';
import { caseTargetOf, readableCase, toCaseDetail, toCaseSummaries } from './queries';
import { reportCase } from './report';

const tags = ['cases'];
const LEDGER_PAGE = 500;
/** A ledger is for reading in Excel; beyond this a narrower filter is the better tool. */
const LEDGER_MAX_ROWS = 100_000;
const IdParams = z.object({ id: Id });

export function caseRoutes(app: App, { db, database, config, intake }: Deps) {
  app.post(
    '/api/v1/cases',
    {
      schema: {
        tags,
        summary: '上报事件 Report a case (idempotent by the client-made id)',
        body: ReportInput,
        response: { 200: CaseReceipt, 201: CaseReceipt },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const { receipt, created } = await reportCase(database, intake, actor.userId, request.body, {
        perMinute: config.reportsPerMinute,
      });
      return reply.status(created ? 201 : 200).send(receipt);
    },
  );

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags,
        summary: '事件列表 Cases',
        querystring: CaseListQuery,
        response: { 200: pageOf(CaseSummary) },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const q = request.query;
      const unitPath = q.unitId ? (await unitFor(db, actor, q.unitId, 'read')).path : undefined;
      const rows = await listCases(db, actor, q, {
        unitPath,
        after: decodeCursor(q.cursor, 2) as [string, string] | null,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: await toCaseSummaries(db, page),
        nextCursor:
          rows.length > page.length && last ? encodeCursor([last.reportedAt.toISOString(), last.id]) : null,
      };
    },
  );

  app.get(
    '/api/v1/cases/ledger.xlsx',
    {
      schema: {
        tags,
        summary: '导出事件台账 Export the filtered list as .xlsx',
        querystring: CaseListQuery.omit({ cursor: true, limit: true }),
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const q = { ...request.query, limit: LEDGER_PAGE };
      const unitPath = q.unitId ? (await unitFor(db, actor, q.unitId, 'read')).path : undefined;
      async function* pages() {
        let after: [string, string] | null = null;
        for (let fetched = 0; fetched < LEDGER_MAX_ROWS; fetched += LEDGER_PAGE) {
          const rows = await listCases(db, actor, q, { unitPath, after, limit: LEDGER_PAGE });
          if (rows.length === 0) return;
          yield await toCaseSummaries(db, rows);
          const last = rows.at(-1) as (typeof rows)[number];
          after = [last.reportedAt.toISOString(), last.id];
        }
      }
      const stamp = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="cases-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`事件台账-${stamp}.xlsx`)}`,
        )
        .send(ledgerStream(pages()));
    },
  );

  app.get(
    '/api/v1/cases/map',
    {
      schema: {
        tags,
        summary: '未办结事件地图（单元边界与事件点位）Open cases over unit outlines',
        querystring: z.object({ unitId: Id }),
        response: { 200: CaseMap },
      },
    },
    async (request) => caseMap(db, requireAuth(request).actor, request.query.unitId),
  );

  app.get(
    '/api/v1/cases/:id',
    {
      schema: {
        tags,
        summary: '事件详情与时间线 A case with its timeline',
        params: IdParams,
        response: { 200: CaseDetail },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const { row, target } = await readableCase(db, actor, request.params.id);
      return toCaseDetail(db, actor, row, target, new Date());
    },
  );

  app.get(
    '/api/v1/cases/:id/lead-candidates',
    {
      schema: {
        tags,
        summary: '可指定的牵头人（党工委牵头）People who may lead the case by name',
        params: IdParams,
        response: { 200: z.array(LeadCandidate) },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const { row, target } = await readableCase(db, actor, request.params.id);
      // Whoever may dispatch this case may see whom it could go to, whatever its state just now.
      if (authorizeCase(actor, 'dispatch', target, new Date()) === 'forbidden') enforce('forbidden');
      return leadCandidates(db, row);
    },
  );

  app.post(
    '/api/v1/cases/:id/actions',
    {
      schema: {
        tags,
        summary: '办理事件（受理、派遣、办结、核查、结案、评价…）Act on a case',
        params: IdParams,
        body: CaseActionInput,
        response: { 200: CaseDetail },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const now = new Date();
      const row = await actOnCase(db, actor, request.params.id, request.body, now);
      return toCaseDetail(db, actor, row, await caseTargetOf(db, row), now);
    },
  );
}
