import {
  MyEvaluations,
  OpenRoundInput,
  PublishInput,
  RoundList,
  RoundListQuery,
  RoundView,
  ScoreInput,
  TemplateInput,
  TemplateView,
} from '@domain/evaluations/schemas';
import { Id } from '@domain/shared/schemas';
import { z } from 'zod';
import { requireAuth } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';
import { openRound } from './openRound';
import { publishRound } from './publishRound';
import { listRounds, myEvaluations, roundView } from './queries';
import { saveScores } from './saveScores';
import { setTemplate, templatesAt } from './templates';

const tags = ['evaluations'];
const IdParams = z.object({ id: Id });

/** 自治考评: templates, a courtyard's monthly rounds scored on the phone, publishing into points, and scorecards. */
export function evaluationRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/v1/evaluations/templates',
    {
      schema: {
        tags,
        summary: '考评模板（含历史版本）Evaluation templates that apply at a unit, every version',
        querystring: z.object({ unitId: Id }),
        response: { 200: z.array(TemplateView) },
      },
    },
    async (request) => templatesAt(db, requireAuth(request).actor, request.query.unitId),
  );

  app.post(
    '/api/v1/evaluations/templates',
    {
      schema: {
        tags,
        summary: '设定考评模板的新版本 A new version of a village or town evaluation template',
        body: TemplateInput,
        response: { 201: TemplateView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await setTemplate(db, requireAuth(request).actor, request.body)),
  );

  app.get(
    '/api/v1/evaluations/rounds',
    {
      schema: {
        tags,
        summary: '考评轮次 Rounds at or under a unit, and its courtyards',
        querystring: RoundListQuery,
        response: { 200: RoundList },
      },
    },
    async (request) => listRounds(db, requireAuth(request).actor, request.query.unitId, request.query.month),
  );

  app.post(
    '/api/v1/evaluations/rounds',
    {
      schema: {
        tags,
        summary: '开展本月考评 Open a courtyard’s round of a month (again: the same round)',
        body: OpenRoundInput,
        response: { 200: RoundView, 201: RoundView },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const { round, created } = await openRound(db, actor, request.body);
      return reply.status(created ? 201 : 200).send(await roundView(db, actor, round.id));
    },
  );

  app.get(
    '/api/v1/evaluations/rounds/:id',
    {
      schema: {
        tags,
        summary: '考评轮次详情（含草稿）A round with every household’s card',
        params: IdParams,
        response: { 200: RoundView },
      },
    },
    async (request) => roundView(db, requireAuth(request).actor, request.params.id),
  );

  app.post(
    '/api/v1/evaluations/rounds/:id/scores',
    {
      schema: {
        tags,
        summary: '保存一户的评分（草稿）Save a household’s scores as a draft',
        params: IdParams,
        body: ScoreInput,
        response: { 200: RoundView },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      await saveScores(db, actor, request.params.id, request.body);
      return roundView(db, actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/evaluations/rounds/:id/publish',
    {
      schema: {
        tags,
        summary: '发布考评并折算积分 Publish a round and turn its scores into points',
        params: IdParams,
        body: PublishInput,
        response: { 200: RoundView },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      await publishRound(db, actor, request.params.id, request.body);
      return roundView(db, actor, request.params.id);
    },
  );

  app.get(
    '/api/v1/evaluations/mine',
    {
      schema: {
        tags,
        summary: '我家的考评 My household’s published scorecards',
        response: { 200: MyEvaluations },
      },
    },
    async (request) => myEvaluations(db, requireAuth(request).user.id),
  );
}
