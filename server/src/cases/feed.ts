import { AppError } from '@domain/errors/codes';
import { canOverseeUnit } from '@domain/policies/cases';
import { Id } from '@domain/shared/schemas';
import { z } from 'zod';
import { unitFor } from '../org/queries';
import { requireAuth } from '../platform/authenticate';
import { createSse } from '../platform/sse';
import type { App, Deps } from '../platform/types';
import { townCasesTopic } from './events';

/**
 * The command center's live feed: every step of every case of the town (or, for a district, of all
 * its towns) as server-sent events, from whichever server process took the step.
 */
export function feedRoutes(app: App, { db, realtime }: Deps) {
  const sse = createSse(app);
  app.get(
    '/api/v1/cases/feed',
    {
      schema: {
        tags: ['cases'],
        summary: '事件动态（SSE）Live feed of case steps, as server-sent events',
        querystring: z.object({ unitId: Id }),
        produces: ['text/event-stream'],
      },
    },
    async (request, reply) => {
      const { actor } = requireAuth(request);
      const unit = await unitFor(db, actor, request.query.unitId, 'read');
      if (!canOverseeUnit(actor, unit.path)) {
        throw new AppError('FORBIDDEN');
      }
      const pattern = unit.townId ? townCasesTopic(unit.townId) : `${townCasesTopic('')}*`;
      sse.streamRealtime(request, reply, realtime, [pattern]);
    },
  );
}
