import {
  AwardInput,
  HouseholdPoints,
  MyPoints,
  PointEntryView,
  PointRuleInput,
  PointRuleView,
  ReverseInput,
} from '@domain/points/schemas';
import { Id } from '@domain/shared/schemas';
import { z } from 'zod';
import { requireAuth } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';
import { awardPoints } from './award';
import { householdPoints, myPoints, pointsOf } from './queries';
import { reverseEntry } from './reverse';
import { rulesAt, setPointRule, toRuleView } from './rules';

const tags = ['points'];
const IdParams = z.object({ id: Id });

/** 积分制: the rules of a village or town, awards by hand, reversals, and each household's ledger. */
export function pointRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/v1/points/rules',
    {
      schema: {
        tags,
        summary: '积分规则（含历史版本）Point rules that apply at a unit, every version',
        querystring: z.object({ unitId: Id }),
        response: { 200: z.array(PointRuleView) },
      },
    },
    async (request) => rulesAt(db, requireAuth(request).actor, request.query.unitId),
  );

  app.post(
    '/api/v1/points/rules',
    {
      schema: {
        tags,
        summary: '设定积分规则的新版本 A new version of a village or town point rule',
        body: PointRuleInput,
        response: { 201: PointRuleView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(toRuleView(await setPointRule(db, requireAuth(request).actor, request.body))),
  );

  app.post(
    '/api/v1/points/awards',
    {
      schema: {
        tags,
        summary: '手工发放或扣减积分 Award or deduct points by hand under a rule',
        body: AwardInput,
        response: { 201: HouseholdPoints },
      },
    },
    async (request, reply) => {
      const entry = await awardPoints(db, requireAuth(request).actor, request.body);
      return reply.status(201).send(await pointsOf(db, entry.householdId));
    },
  );

  app.post(
    '/api/v1/points/entries/:id/reverse',
    {
      schema: {
        tags,
        summary: '冲正一笔积分 Reverse a mistaken entry with a reason',
        params: IdParams,
        body: ReverseInput,
        response: { 201: PointEntryView },
      },
    },
    async (request, reply) => {
      const entry = await reverseEntry(
        db,
        requireAuth(request).actor,
        request.params.id,
        request.body.reason,
      );
      const ledger = await pointsOf(db, entry.householdId);
      return reply.status(201).send(ledger.entries.find((e) => e.id === entry.id) as PointEntryView);
    },
  );

  app.get(
    '/api/v1/points/households/:id',
    {
      schema: {
        tags,
        summary: '家庭户积分余额与明细 A household balance and ledger',
        params: IdParams,
        response: { 200: HouseholdPoints },
      },
    },
    async (request) => householdPoints(db, requireAuth(request).actor, request.params.id),
  );

  app.get(
    '/api/v1/points/mine',
    {
      schema: {
        tags,
        summary: '我家的积分 My household points',
        response: { 200: MyPoints },
      },
    },
    async (request) => myPoints(db, requireAuth(request).user.id),
  );
}
