import { type CaseFacts, KpiPanel, kpiPanel, type Period, periodOf, previousPeriod } from '@domain/cases/kpi';
import { OPEN_STATUSES } from '@domain/cases/states';
import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { Id } from '@domain/shared/schemas';
import { and, eq, gte, inArray, like, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client';
import { cases, matters } from '../db/schema';
import { likePrefix } from '../org/paths';
import { unitFor } from '../org/queries';
import { requireAuth } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';

const OVERSEERS = ['center_operator', 'admin', 'district_supervisor'];

/** The facts of every case that can count in `period` or the one before it, under one unit. */
async function factsUnder(db: Db, unitPath: string, since: Date): Promise<CaseFacts[]> {
  const rows = await db
    .select({
      reportedAt: cases.reportedAt,
      acceptedAt: cases.acceptedAt,
      closedAt: cases.closedAt,
      rejectedAt: cases.rejectedAt,
      dueAt: cases.dueAt,
      isDispute: matters.isDispute,
      resolvedLevel: cases.resolvedLevel,
      reworkCount: cases.reworkCount,
      everResolved: cases.everResolved,
      rating: cases.rating,
      status: cases.status,
    })
    .from(cases)
    .innerJoin(matters, eq(matters.id, cases.matterId))
    .where(
      and(
        like(cases.unitPath, likePrefix(unitPath)),
        or(
          gte(cases.reportedAt, since),
          gte(cases.acceptedAt, since),
          gte(cases.closedAt, since),
          inArray(cases.status, [...OPEN_STATUSES]),
        ),
      ),
    );
  return rows.map(({ status, ...r }) => ({ ...r, open: OPEN_STATUSES.includes(status as never) }));
}

export async function kpiFor(db: Db, actor: Actor, unitId: string, period: Period, now: Date) {
  const unit = await unitFor(db, actor, unitId, 'read');
  if (!actor.grants.some((g) => OVERSEERS.includes(g.role) && unit.path.startsWith(g.unitPath)))
    throw new AppError('FORBIDDEN');
  const previous = previousPeriod(period);
  const facts = await factsUnder(db, unit.path, previous.from);
  return { current: kpiPanel(facts, period, now), previous: kpiPanel(facts, previous, previous.to) };
}

export function kpiRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/v1/kpi',
    {
      schema: {
        tags: ['cases'],
        summary: '指标面板：受理、办结、按期办结率、群众满意率、返工率、矛盾纠纷基层化解率、超期 KPI panel',
        querystring: z.object({
          unitId: Id,
          period: z.enum(['day', 'week', 'month']).default('month'),
          at: z.iso.datetime({ offset: true }).optional(),
        }),
        response: {
          200: z.object({
            period: z.object({ from: z.string(), to: z.string() }),
            current: KpiPanel,
            previous: KpiPanel,
          }),
        },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const now = new Date();
      const period = periodOf(request.query.period, request.query.at ? new Date(request.query.at) : now);
      const { current, previous } = await kpiFor(db, actor, request.query.unitId, period, now);
      return { period: { from: period.from.toISOString(), to: period.to.toISOString() }, current, previous };
    },
  );
}
