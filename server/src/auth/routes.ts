import { ChangePasswordInput, LoginInput, Me } from '@domain/auth/schemas';
import { z } from 'zod';
import { requireAuth, SESSION_COOKIE } from '../platform/authenticate';
import type { App, Deps } from '../platform/types';
import { changePassword } from './changePassword';
import { login } from './login';
import { meOf } from './me';
import { deleteSession } from './sessions';

export function authRoutes(app: App, deps: Deps) {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.production,
  };

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: '手机号密码登录 Sign in', body: LoginInput, response: { 200: Me } },
    },
    async (request, reply) => {
      const session = await login(
        deps.db,
        { secret: deps.config.secret, ttlHours: deps.config.sessionTtlHours },
        {
          ...request.body,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
      );
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: session.expiresAt });
      return meOf(deps.db, session.userId, session.csrfToken);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录 Sign out', response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteSession(deps.db, requireAuth(request).tokenHash);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户 The signed-in user', response: { 200: Me } } },
    async (request) => {
      const auth = requireAuth(request);
      return meOf(deps.db, auth.user.id, auth.csrfToken);
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change password',
        body: ChangePasswordInput,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await changePassword(deps.db, {
        userId: auth.user.id,
        phone: auth.user.phone,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        keepTokenHash: auth.tokenHash,
      });
      return reply.status(204).send(null);
    },
  );
}
