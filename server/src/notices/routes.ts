import {
  Acknowledgment,
  CharterInput,
  CourtyardCharter,
  MyCharter,
  NoticeInput,
  NoticeReads,
  NoticeSummary,
  NoticeView,
} from '@domain/notices/schemas';
import { Id } from '@domain/shared/schemas';
import { z } from 'zod';
import { requireAuth } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';
import { registrySecrets } from '../registry/secrets';
import { acknowledgeCharter, myCharter } from './acknowledgeCharter';
import { courtyardCharter } from './courtyardCharter';
import { listNotices, noticeReadsOf } from './listNotices';
import { myNotices } from './myNotices';
import { markNoticeRead, readableNotice } from './openNotice';
import { publishCharter } from './publishCharter';
import { publishNotice } from './publishNotice';
import { toNoticeViewOf } from './queries';
import { withdrawNotice } from './withdrawNotice';

const tags = ['notices'];
const IdParams = z.object({ id: Id });

/**
 * Notices (宣讲 / 经验宣传 / 通知) from staff and courtyard heads to the people of a unit, with read
 * receipts, and each courtyard's charter (院规院约) with its households' acknowledgments.
 */
export function noticeRoutes(app: App, { db, config }: Deps) {
  const secrets = registrySecrets(config.registryKey);

  app.post(
    '/api/v1/notices',
    {
      schema: {
        tags,
        summary: '发布公告 Publish a notice',
        body: NoticeInput,
        response: { 201: NoticeView },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const id = await publishNotice(db, actor, request.body);
      return reply.status(201).send(await toNoticeViewOf(db, await readableNotice(db, actor, id)));
    },
  );

  app.get(
    '/api/v1/notices',
    {
      schema: {
        tags,
        summary: '已发布的公告及阅读数 Notices at or under a unit, with read counts',
        querystring: z.object({ unitId: Id }),
        response: { 200: z.array(NoticeSummary) },
      },
    },
    async (request) => listNotices(db, requireAuth(request).actor, request.query.unitId),
  );

  app.get(
    '/api/v1/notices/mine',
    {
      schema: {
        tags,
        summary: '我收到的公告 Notices that reach me, with unread marks',
        response: { 200: z.object({ items: z.array(NoticeView), unread: z.number() }) },
      },
    },
    async (request) => myNotices(db, requireAuth(request).actor),
  );

  app.get(
    '/api/v1/notices/:id',
    { schema: { tags, summary: '公告详情 A notice', params: IdParams, response: { 200: NoticeView } } },
    async (request) =>
      toNoticeViewOf(db, await readableNotice(db, requireAuth(request).actor, request.params.id)),
  );

  app.post(
    '/api/v1/notices/:id/read',
    {
      schema: {
        tags,
        summary: '标记已读（每人一次）Record that I have read it (once per person)',
        params: IdParams,
        response: { 200: NoticeView },
      },
    },
    async (request) => markNoticeRead(db, requireAuth(request).actor, request.params.id),
  );

  app.get(
    '/api/v1/notices/:id/reads',
    {
      schema: {
        tags,
        summary: '阅读情况：已读人数与未读名单 Who has read it and who has not',
        params: IdParams,
        response: { 200: NoticeReads },
      },
    },
    async (request) => noticeReadsOf(db, requireAuth(request).actor, request.params.id),
  );

  app.post(
    '/api/v1/notices/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回公告（保留记录）Withdraw a notice (kept on record)',
        params: IdParams,
        response: { 200: NoticeView },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      await withdrawNotice(db, actor, request.params.id);
      return toNoticeViewOf(db, await readableNotice(db, actor, request.params.id));
    },
  );

  app.get(
    '/api/v1/charters/courtyards/:id',
    {
      schema: {
        tags,
        summary: '小院院规院约及各户确认情况 A courtyard’s charter and its households’ acknowledgments',
        params: IdParams,
        response: { 200: CourtyardCharter },
      },
    },
    async (request) => courtyardCharter(db, requireAuth(request).actor, request.params.id),
  );

  app.post(
    '/api/v1/charters/courtyards/:id',
    {
      schema: {
        tags,
        summary: '发布院规院约新版本 Publish a new version of the charter',
        params: IdParams,
        body: CharterInput,
        response: { 201: z.object({ id: Id, version: z.number() }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await publishCharter(db, requireAuth(request).actor, request.params.id, request.body.body)),
  );

  app.get(
    '/api/v1/charters/mine',
    {
      schema: {
        tags,
        summary: '我所在小院的院规院约 My courtyard’s charter',
        response: { 200: MyCharter },
      },
    },
    async (request) => myCharter(db, secrets, requireAuth(request).user),
  );

  app.post(
    '/api/v1/charters/:id/acknowledge',
    {
      schema: {
        tags,
        summary: '本户确认院规院约 My household acknowledges the charter',
        params: IdParams,
        response: { 200: Acknowledgment },
      },
    },
    async (request) => acknowledgeCharter(db, secrets, requireAuth(request).user, request.params.id),
  );
}
