import { AppError } from '@domain/errors/codes';
import {
  BoardCreated,
  BoardInput,
  BoardScreen,
  BoardToken,
  BoardView,
  Leaderboard,
  LeaderboardPlace,
  LeaderboardQuery,
} from '@domain/leaderboard/schemas';
import { Id } from '@domain/shared/schemas';
import { z } from 'zod';
import { requireAuth } from '../platform/authenticate';
import { createSse } from '../platform/sse';
import type { App, Deps } from '../platform/types';
import { villagePointsTopic } from '../points/events';
import { boardByToken, boardScreen, createBoard, listBoards, revokeBoard } from './boards';
import { leaderboardFor } from './leaderboard';
import { placesOf } from './places';

const tags = ['leaderboard'];
const TokenParams = z.object({ token: BoardToken });

/** 挂榜晾晒: rankings for the phone and the console, and the signed board links of village TVs. */
export function leaderboardRoutes(app: App, { db, realtime }: Deps) {
  const sse = createSse(app);

  app.get(
    '/api/v1/leaderboard',
    {
      schema: {
        tags,
        summary: '积分排行榜 Households, courtyards or villages ranked by points earned in a period',
        querystring: LeaderboardQuery,
        response: { 200: Leaderboard },
      },
    },
    async (request) => leaderboardFor(db, requireAuth(request).actor, request.query),
  );

  app.get(
    '/api/v1/leaderboard/places',
    {
      schema: {
        tags,
        summary: '我可查看的排行范围 The courtyards, villages and towns whose boards I may open',
        response: { 200: z.array(LeaderboardPlace) },
      },
    },
    async (request) => placesOf(db, requireAuth(request).actor),
  );

  app.post(
    '/api/v1/leaderboard/boards',
    {
      schema: {
        tags,
        summary: '生成村大屏链接 Make a signed board link for a village TV (the token is shown once)',
        body: BoardInput,
        response: { 201: BoardCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createBoard(db, requireAuth(request).actor, request.body)),
  );

  app.get(
    '/api/v1/leaderboard/boards',
    {
      schema: {
        tags,
        summary: '村大屏链接列表 The board links of a village',
        querystring: z.object({ villageId: Id }),
        response: { 200: z.array(BoardView) },
      },
    },
    async (request) => listBoards(db, requireAuth(request).actor, request.query.villageId),
  );

  app.post(
    '/api/v1/leaderboard/boards/:id/revoke',
    {
      schema: {
        tags,
        summary: '停用村大屏链接 Revoke a board link',
        params: z.object({ id: Id }),
        response: { 200: BoardView },
      },
    },
    async (request) => revokeBoard(db, requireAuth(request).actor, request.params.id),
  );

  app.get(
    '/api/v1/leaderboard/screen/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '村大屏榜单 What a village TV shows, opened by its board link',
        params: TokenParams,
        response: { 200: BoardScreen },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return boardScreen(db, request.params.token);
    },
  );

  app.get(
    '/api/v1/leaderboard/screen/:token/events',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '村大屏更新通知（SSE）Tells a village TV when its points change',
        params: TokenParams,
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      const board = await boardByToken(db, request.params.token);
      if (!board) throw new AppError('LEADERBOARD_BOARD_REVOKED');
      sse.streamRealtime(request, reply, realtime, [villagePointsTopic(board.villageId)]);
    },
  );
}
