import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SessionCache } from '../auth/sessionCache';
import type { ReportIntake } from '../cases/intake';
import type { Database, Db } from '../db/client';
import type { Config } from './config';
import type { Realtime } from './realtime';
import type { Storage } from './storage';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What route modules are given: exactly what they use, no container. */
export interface Deps {
  db: Db;
  database: Database;
  config: Config;
  storage: Storage;
  realtime: Realtime;
  sessionCache: SessionCache;
  /** Takes reports in batches; one per process, so that every report of the process can share a batch. */
  intake: ReportIntake;
}
