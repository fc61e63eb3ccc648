import { AppError } from '@domain/errors/codes';
import { canOverseeUnit } from '@domain/policies/cases';
import type { Actor } from '@domain/policies/scope';
import { lastEndedPeriod, ReportBody, ReportKind, reportPeriod } from '@domain/reports/report';
import { Id } from '@domain/shared/schemas';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { reportSnapshots } from '../db/schema';
import { unitFor } from '../org/queries';
import { requireAuth } from '../platform/authenticate';
import { enforce } from '../platform/enforce';
import type { App, Deps } from '../platform/types';
import { generateSnapshot, type SnapshotRow } from './generate';
import { reportTitle, reportWorkbook } from './xlsx';

const tags = ['reports'];

const SnapshotSummary = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: ReportKind,
  periodFrom: z.string(),
  periodTo: z.string(),
  version: z.number().int(),
  generatedAt: z.string(),
  /** Null when the scheduler made it. */
  generatedBy: z.string().nullable(),
  /** False for a report made while its period was still running. */
  complete: z.boolean(),
  title: z.string(),
});
const SnapshotView = SnapshotSummary.extend({ body: ReportBody });

function summaryOf(row: SnapshotRow) {
  return {
    id: row.id,
    unitId: row.unitId,
    kind: row.kind as ReportKind,
    periodFrom: row.periodFrom.toISOString(),
    periodTo: row.periodTo.toISOString(),
    version: row.version,
    generatedAt: row.generatedAt.toISOString(),
    generatedBy: row.generatedBy,
    complete: row.generatedAt >= row.periodTo,
    title: reportTitle(row.body as ReportBody),
  };
}

/** 日通报、周小结、月总结: the snapshots of a town or the district, generated on schedule or on demand. */
export function reportRoutes(app: App, { db }: Deps) {
  const overseen = async (actor: Actor, unitId: string) => {
    const unit = await unitFor(db, actor, unitId, 'read');
    if (!canOverseeUnit(actor, unit.path)) throw new AppError('FORBIDDEN');
    return unit;
  };
  const snapshot = async (actor: Actor, id: string) => {
    const [row] = await db.select().from(reportSnapshots).where(eq(reportSnapshots.id, id));
    if (!row || !canOverseeUnit(actor, row.unitPath)) enforce('not_found');
    return row as SnapshotRow;
  };

  app.get(
    '/api/v1/reports',
    {
      schema: {
        tags,
        summary: '通报总结列表 The report snapshots of a town or the district, newest period first',
        querystring: z.object({
          unitId: Id,
          kind: ReportKind.optional(),
          /** Keyset: only periods that began before this instant. */
          before: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: { 200: z.object({ items: z.array(SnapshotSummary) }) },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const q = request.query;
      const unit = await overseen(actor, q.unitId);
      const where: (SQL | undefined)[] = [eq(reportSnapshots.unitId, unit.id)];
      if (q.kind) where.push(eq(reportSnapshots.kind, q.kind));
      if (q.before) where.push(lt(reportSnapshots.periodFrom, new Date(q.before)));
      const rows = await db
        .select()
        .from(reportSnapshots)
        .where(and(...where))
        .orderBy(desc(reportSnapshots.periodFrom), desc(reportSnapshots.version))
        .limit(q.limit);
      return { items: rows.map(summaryOf) };
    },
  );

  app.get(
    '/api/v1/reports/:id',
    {
      schema: {
        tags,
        summary: '读取一期通报 One report snapshot with its figures',
        params: z.object({ id: Id }),
        response: { 200: SnapshotView },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const row = await snapshot(actor, request.params.id);
      return { ...summaryOf(row), body: row.body as ReportBody };
    },
  );

  app.post(
    '/api/v1/reports',
    {
      schema: {
        tags,
        summary:
          '生成通报 Generate (a new version of) a report for the period holding `at` (default: the last ended)',
        body: z.strictObject({
          unitId: Id,
          kind: ReportKind,
          at: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 201: SnapshotView },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const unit = await overseen(actor, request.body.unitId);
      const now = new Date();
      const at = request.body.at ? new Date(request.body.at) : null;
      const period =
        at === null
          ? lastEndedPeriod(request.body.kind, now)
          : reportPeriod(request.body.kind, at < now ? at : now);
      const row = await generateSnapshot(db, unit, request.body.kind, period, actor.userId, now);
      return reply.status(201).send({ ...summaryOf(row), body: row.body as ReportBody });
    },
  );

  app.get(
    '/api/v1/reports/:id/xlsx',
    {
      schema: {
        tags,
        summary: '导出通报 .xlsx Download a report as a workbook',
        params: z.object({ id: Id }),
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const row = await snapshot(actor, request.params.id);
      const body = row.body as ReportBody;
      const file = await reportWorkbook(body, row.generatedAt, row.version);
      const name = `${reportTitle(body)}-v${row.version}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="report-${row.kind}-v${row.version}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(file);
    },
  );
}
