import { z } from 'zod';
import { sendProblem } from './problem';
import type { App, Deps } from './types';

export function healthRoutes(app: App, deps: Deps) {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    try {
      await deps.database.ping();
      return { status: 'ready', database: deps.database.kind };
    } catch {
      return sendProblem(request, reply, 'NOT_READY');
    }
  });
}
