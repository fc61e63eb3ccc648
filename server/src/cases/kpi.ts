import { withCourtyardMediations } from '@domain/asks/kpi';
import { type CaseFacts, KpiPanel, kpiPanel, type Period, periodOf, previousPeriod } from '@domain/cases/kpi';
import { AppError } from '@domain/errors/codes';
import { canOverseeUnit } from '@domain/policies/cases';
import type { Actor } from '@domain/policies/scope';
import { Id } from '@domain/shared/schemas';
import { and, eq, inArray, like } from 'drizzle-orm';
import { z } from 'zod';
import { settledMediationsUnder } from '../asks/kpi';
import type { Db } from '../db/client';
import { cases, matters } from '../db/schema';
import { likePrefix } from '../org/paths';
import { unitFor } from '../org/queries';
import { requireAuth } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';
import { caseFactColumns, countedCaseIds, withOpen } from './facts';

/** The facts of every case that can count in the period or the one before it, under one unit. */
async function factsUnder(
  db: Db,
  unit: { path: string; townId: string | null },
  since: Date,
): Promise<CaseFacts[]> {
  const within = unit.townId ? eq(cases.townId, unit.townId) : like(cases.unitPath, likePrefix(unit.path));
  const rows = await db
    .select(caseFactColumns)
    .from(cases)
    .innerJoin(matters, eq(matters.id, cases.matterId))
    .where(
      and(inArray(cases.id, countedCaseIds(db, within, since)), like(cases.unitPath, likePrefix(unit.path))),
    );
  return withOpen(rows);
}

export async function kpiFor(db: Db, actor: Actor, unitId: string, period: Period, now: Date) {
  const unit = await unitFor(db, actor, unitId, 'read');
  if (!canOverseeUnit(actor, unit.path)) throw new AppError('FORBIDDEN');
  const previous = previousPeriod(period);
  const facts = await factsUnder(db, unit, previous.from);
  // Disputes settled by a courtyard head's mediation count as settled at the grassroots.
  const settled = await settledMediationsUnder(db, unit.path, previous.from);
  return {
    current: withCourtyardMediations(kpiPanel(facts, period, now), facts, settled, period),
    previous: withCourtyardMediations(kpiPanel(facts, previous, previous.to), facts, settled, previous),
  };
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
