import { AppError } from '@domain/errors/codes';
import { canListUsers, userReadScopes } from '@domain/policies/users';
import { Id, pageOf } from '@domain/shared/schemas';
import {
  CreateUserInput,
  GrantInput,
  ListUsersQuery,
  ResetPasswordInput,
  UpdateUserInput,
  UserView,
} from '@domain/users/schemas';
import { z } from 'zod';
import { unitFor } from '../org/queries';
import { requireAuth } from '../platform/authenticate';
import { decodeCursor, encodeCursor } from '../platform/cursor';
import type { App, Deps } from '../platform/types';
import { createUser } from './createUser';
import { addGrant, removeGrant } from './grants';
import { listUsers, toUserViews } from './queries';
import { resetPassword, updateUser } from './updateUser';
import { userFor } from './userFor';

const tags = ['users'];
const IdParams = z.object({ id: Id });

export function userRoutes(app: App, { db }: Deps) {
  const view = async (actor: Parameters<typeof toUserViews>[1], id: string) => {
    const [user] = await toUserViews(db, actor, [await userFor(db, actor, id, 'read')]);
    return user as UserView;
  };

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: '人员列表 People',
        querystring: ListUsersQuery,
        response: { 200: pageOf(UserView) },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      if (!canListUsers(actor)) throw new AppError('FORBIDDEN');
      const withinPath = request.query.unitId
        ? (await unitFor(db, actor, request.query.unitId, 'read')).path
        : undefined;
      const rows = await listUsers(db, {
        scopes: userReadScopes(actor),
        withinPath,
        role: request.query.role,
        q: request.query.q,
        after: decodeCursor(request.query.cursor, 2) as [string, string] | null,
        limit: request.query.limit + 1,
      });
      const page = rows.slice(0, request.query.limit);
      const last = page.at(-1);
      return {
        items: await toUserViews(db, actor, page),
        nextCursor: rows.length > page.length && last ? encodeCursor([last.name, last.id]) : null,
      };
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: '新建账号 Create an account',
        body: CreateUserInput,
        response: { 201: UserView },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const user = await createUser(db, actor, request.body);
      return reply.status(201).send(await view(actor, user.id));
    },
  );

  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: '账号详情 An account', params: IdParams, response: { 200: UserView } } },
    async (request) => view(requireAuth(request).actor, request.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: '修改账号（改名、停用）Update an account',
        params: IdParams,
        body: UpdateUserInput,
        response: { 200: UserView },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      await updateUser(db, actor, request.params.id, request.body);
      return view(actor, request.params.id);
    },
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      schema: {
        tags,
        summary: '重置密码 Reset a password',
        params: IdParams,
        body: ResetPasswordInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await resetPassword(db, requireAuth(request).actor, request.params.id, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/users/:id/grants',
    {
      schema: {
        tags,
        summary: '任命角色 Grant a role',
        params: IdParams,
        body: GrantInput,
        response: { 201: UserView },
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      await addGrant(db, actor, request.params.id, request.body);
      return reply.status(201).send(await view(actor, request.params.id));
    },
  );

  app.delete(
    '/api/v1/users/:id/grants/:grantId',
    {
      schema: {
        tags,
        summary: '撤销任职 Revoke a role',
        params: z.object({ id: Id, grantId: Id }),
        response: { 200: UserView },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      await removeGrant(db, actor, request.params.id, request.params.grantId);
      return view(actor, request.params.id);
    },
  );
}
