import { Id } from '@domain/shared/schemas';
import {
  AssigneeOptions,
  AssignmentSummary,
  AssignmentView,
  EvidenceInput,
  Ranking,
  RankingQuery,
  ReturnInput,
  ScoreInput,
  TaskInput,
  TaskSummary,
  TaskView,
} from '@domain/tasks/schemas';
import { z } from 'zod';
import { requireAuth } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';
import { acceptAssignment, recordEvidence, returnAssignment, scoreAssignment, submitAssignment } from './act';
import { issueTask } from './issueTask';
import { assigneeOptions, listTasks, myAssignments, readTask } from './listing';
import { readableAssignment, toAssignmentView } from './queries';
import { rankings } from './rankings';

const tags = ['tasks'];
const IdParams = z.object({ id: Id });

/** 清单制: tasks pushed down by a district or town, fulfilled per assignee and scored (对单考核). */
export function taskRoutes(app: App, { db }: Deps) {
  const view = async (request: Parameters<typeof requireAuth>[0], id: string) => {
    const { actor } = requireAuth(request);
    const { assignment, task, target } = await readableAssignment(db, actor, id);
    return toAssignmentView(db, actor, assignment, task, target);
  };

  app.post(
    '/api/v1/tasks',
    {
      schema: { tags, summary: '下派任务 Issue a task', body: TaskInput, response: { 201: TaskView } },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const id = await issueTask(db, actor, request.body);
      return reply.status(201).send(await readTask(db, actor, id));
    },
  );

  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary: '任务清单 Tasks issued at or under a unit, with progress',
        querystring: z.object({ unitId: Id }),
        response: { 200: z.array(TaskSummary) },
      },
    },
    async (request) => listTasks(db, requireAuth(request).actor, request.query.unitId),
  );

  app.get(
    '/api/v1/tasks/mine',
    {
      schema: {
        tags,
        summary: '我的任务 The assignments I fulfil',
        response: { 200: z.array(AssignmentSummary) },
      },
    },
    async (request) => myAssignments(db, requireAuth(request).actor),
  );

  app.get(
    '/api/v1/tasks/assignees',
    {
      schema: {
        tags,
        summary: '可下派对象 Who a task may go to under a unit',
        querystring: z.object({ unitId: Id }),
        response: { 200: AssigneeOptions },
      },
    },
    async (request) => assigneeOptions(db, requireAuth(request).actor, request.query.unitId),
  );

  app.get(
    '/api/v1/tasks/rankings',
    {
      schema: {
        tags,
        summary: '考核排名 Rankings of grid workers, grids, villages or sectors',
        querystring: RankingQuery,
        response: { 200: Ranking },
      },
    },
    async (request) => rankings(db, requireAuth(request).actor, request.query),
  );

  app.get(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags,
        summary: '任务详情与各单位进度 A task and each assignee’s progress',
        params: IdParams,
        response: { 200: TaskView },
      },
    },
    async (request) => readTask(db, requireAuth(request).actor, request.params.id),
  );

  app.get(
    '/api/v1/tasks/assignments/:id',
    {
      schema: {
        tags,
        summary: '任务单 One assignee’s assignment with its evidence',
        params: IdParams,
        response: { 200: AssignmentView },
      },
    },
    async (request) => view(request, request.params.id),
  );

  app.post(
    '/api/v1/tasks/assignments/:id/evidence',
    {
      schema: {
        tags,
        summary: '填写一项佐证 Record one item’s evidence',
        params: IdParams,
        body: EvidenceInput,
        response: { 200: AssignmentView },
      },
    },
    async (request) => {
      await recordEvidence(db, requireAuth(request).actor, request.params.id, request.body);
      return view(request, request.params.id);
    },
  );

  app.post(
    '/api/v1/tasks/assignments/:id/submit',
    {
      schema: {
        tags,
        summary: '提交 Hand the fulfilment in',
        params: IdParams,
        response: { 200: AssignmentView },
      },
    },
    async (request) => {
      await submitAssignment(db, requireAuth(request).actor, request.params.id);
      return view(request, request.params.id);
    },
  );

  app.post(
    '/api/v1/tasks/assignments/:id/accept',
    {
      schema: {
        tags,
        summary: '验收 Accept a submission',
        params: IdParams,
        response: { 200: AssignmentView },
      },
    },
    async (request) => {
      await acceptAssignment(db, requireAuth(request).actor, request.params.id);
      return view(request, request.params.id);
    },
  );

  app.post(
    '/api/v1/tasks/assignments/:id/return',
    {
      schema: {
        tags,
        summary: '退回重办 Return a submission for rework',
        params: IdParams,
        body: ReturnInput,
        response: { 200: AssignmentView },
      },
    },
    async (request) => {
      await returnAssignment(db, requireAuth(request).actor, request.params.id, request.body.reason);
      return view(request, request.params.id);
    },
  );

  app.post(
    '/api/v1/tasks/assignments/:id/score',
    {
      schema: {
        tags,
        summary: '对单考核评分 Score a fulfilment item by item',
        params: IdParams,
        body: ScoreInput,
        response: { 200: AssignmentView },
      },
    },
    async (request) => {
      await scoreAssignment(db, requireAuth(request).actor, request.params.id, request.body);
      return view(request, request.params.id);
    },
  );
}
