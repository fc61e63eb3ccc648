import {
  AnswerInput,
  AskDetail,
  AskList,
  AskListQuery,
  HandOverInput,
  MediationInput,
  NewAskInput,
  OutcomeInput,
  VoiceNoteReceipt,
} from '@domain/asks/schemas';
import { AppError } from '@domain/errors/codes';
import { Id } from '@domain/shared/schemas';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { askPhotos, askVoiceNotes, photos } from '../db/schema';
import { requireAuth } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';
import { answerAsk } from './answer';
import { createAsk } from './ask';
import { handOverAsk } from './handOver';
import { mediateAsk } from './mediate';
import { recordOutcome } from './outcome';
import { listAsks, markAskSeen, readableAsk, toAskDetail } from './queries';
import { uploadVoiceNote } from './voice';

const tags = ['asks'];
const IdParams = z.object({ id: Id });

export function askRoutes(app: App, { db, storage }: Deps) {
  app.post(
    '/api/v1/asks/voice',
    {
      schema: {
        tags,
        summary: '上传语音（multipart，文件 voice，字段 seconds）Upload a voice note for an ask',
        consumes: ['multipart/form-data'],
        response: { 201: VoiceNoteReceipt },
      },
    },
    async (request, reply) => {
      const { user } = requireAuth(request);
      return reply.status(201).send(await uploadVoiceNote(db, storage, request, user.id));
    },
  );

  app.post(
    '/api/v1/asks',
    {
      schema: {
        tags,
        summary: '找院长 Ask the courtyard head (idempotent by the client-made id)',
        body: NewAskInput,
        response: { 200: AskDetail, 201: AskDetail },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const { row, created } = await createAsk(db, actor, request.body);
      return reply.status(created ? 201 : 200).send(await toAskDetail(db, actor, row));
    },
  );

  app.get(
    '/api/v1/asks',
    {
      schema: {
        tags,
        summary: '我的求助 / 院长信箱 My asks, or my courtyard’s',
        querystring: AskListQuery,
        response: { 200: AskList },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      return listAsks(db, actor, request.query.box, request.query.limit);
    },
  );

  app.get(
    '/api/v1/asks/:id',
    {
      schema: {
        tags,
        summary: '求助详情 An ask with its answers and mediations',
        params: IdParams,
        response: { 200: AskDetail },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      const row = await readableAsk(db, actor, request.params.id);
      await markAskSeen(db, actor, row);
      return toAskDetail(db, actor, row);
    },
  );

  app.get(
    '/api/v1/asks/:id/voice',
    { schema: { tags, summary: '求助语音 The ask’s voice note', params: IdParams } },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const row = await readableAsk(db, actor, request.params.id);
      const [voice] = await db.select().from(askVoiceNotes).where(eq(askVoiceNotes.askId, row.id));
      const stored = voice && (await storage.get(voice.storageKey));
      if (!voice || !stored) throw new AppError('NOT_FOUND');
      reply.header('cache-control', 'private, max-age=604800, immutable');
      return reply.type(voice.contentType).send(stored.data);
    },
  );

  app.get(
    '/api/v1/asks/:id/photos/:photoId',
    {
      schema: { tags, summary: '求助照片 A photo of the ask', params: z.object({ id: Id, photoId: Id }) },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const row = await readableAsk(db, actor, request.params.id);
      const [photo] = await db
        .select({ storageKey: photos.storageKey })
        .from(askPhotos)
        .innerJoin(photos, eq(photos.id, askPhotos.photoId))
        .where(and(eq(askPhotos.askId, row.id), eq(askPhotos.photoId, request.params.photoId)));
      const stored = photo && (await storage.get(photo.storageKey));
      if (!stored) throw new AppError('NOT_FOUND');
      reply.header('cache-control', 'private, max-age=604800, immutable');
      return reply.type(stored.contentType).send(stored.data);
    },
  );

  const step = <B extends z.ZodTypeAny>(
    path: string,
    summary: string,
    body: B,
    run: (actor: ReturnType<typeof requireAuth>['actor'], id: string, input: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/v1/asks/:id/${path}`,
      { schema: { tags, summary, params: IdParams, body, response: { 200: AskDetail } } },
      async (request) => {
        const { actor } = requireAuth(request);
        const id = (request.params as { id: string }).id;
        await run(actor, id, request.body as z.infer<B>);
        return toAskDetail(db, actor, await readableAsk(db, actor, id));
      },
    );

  step('answer', '院长答复 The head answers', AnswerInput, (actor, id, input) =>
    answerAsk(db, actor, id, input),
  );
  step('mediation', '记录调解 The head records a mediation', MediationInput, (actor, id, input) =>
    mediateAsk(db, actor, id, input),
  );
  step(
    'hand-over',
    '转指挥中心（生成事件）The head hands the ask to the center as a case',
    HandOverInput,
    (actor, id, input) => handOverAsk(db, actor, id, input),
  );
  step(
    'outcome',
    '村民确认：已化解 / 未化解 / 关闭 The resident’s word on it',
    OutcomeInput,
    (actor, id, input) => recordOutcome(db, actor, id, input),
  );
}
