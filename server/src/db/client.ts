import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { fillPlaceholders, is, Placeholder, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { type ListenOptions, listenPostgres, type Unlisten } from './listener';
import * as schema from './schema';

export type Schema = typeof schema;
/** Both drivers' databases and their transactions share this shape, so commands accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs `fn` only if this process wins the advisory lock `key`; with PGlite there is one process. */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /**
   * Calls `onNotify` with every payload NOTIFYed on `channel` (a plain lower-case name) by any process
   * using this database, until the returned function is called. On PostgreSQL it holds one connection of
   * its own, outside the pool, and re-establishes it after a drop.
   */
  listen(channel: string, onNotify: (payload: string) => void, options?: ListenOptions): Promise<Unlisten>;
  /**
   * Runs one statement under a name, so PostgreSQL parses and plans it once per connection rather than
   * on every call: for hot paths whose planning costs more than their execution. Rows come as the driver
   * gives them (snake_case; timestamps as Date or string): read them with care.
   *
   * Given `values`, the statement's parameters must all be `sql.placeholder`s: it is then turned into
   * text once per process and only filled on each call, which for the hottest statements saves more
   * than building it (see `compiledStatement`).
   */
  prepared<T>(name: string, statement: SQL, values?: Record<string, unknown>): Promise<T[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const dialect = new PgDialect();
const compiled = new Map<string, { sql: string; params: unknown[] }>();

/**
 * The text and parameters of a named statement. One made of placeholders is compiled once and filled
 * with `values`; any other is compiled on each call, since its parameters live inside it.
 */
function compiledStatement(name: string, statement: SQL, values: Record<string, unknown> | undefined) {
  if (!values) return dialect.sqlToQuery(statement);
  let query = compiled.get(name);
  if (!query) {
    query = dialect.sqlToQuery(statement);
    if (query.params.some((p) => !is(p, Placeholder)))
      throw new Error(
        `prepared statement "${name}" is filled from values, so its parameters must be placeholders`,
      );
    compiled.set(name, query);
  }
  return { sql: query.sql, params: fillPlaceholders(query.params, values) };
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
const MIGRATION_LOCK = 7_130_001;

export async function openDatabase(options: {
  url?: string | undefined;
  dataDir?: string | undefined;
}): Promise<Database> {
  return options.url ? openPostgres(options.url) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    withAdvisoryLock: async (_key, fn) => ({ ran: true, value: await fn() }),
    listen: (channel, onNotify) => client.listen(channel, onNotify),
    prepared: async <T>(name: string, statement: SQL, values?: Record<string, unknown>) => {
      const { sql: text, params } = compiledStatement(name, statement, values);
      return (await client.query<T>(text, params)).rows;
    },
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // Only named (prepared) statements are affected: their parameters are arrays of a batch, whose
    // custom plans PostgreSQL would otherwise keep re-making; Drizzle's unnamed ones are always planned.
    options: '-c plan_cache_mode=force_generic_plan',
  });
  // An idle client that dies (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg({ client: pool, schema });
  const listeners = new Set<Unlisten>();
  const lockClient = await pool.connect();
  try {
    // Several processes may start at once; one migrates, the others wait and then find nothing to do.
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client: lockClient, schema }), { migrationsFolder });
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    lockClient.release();
  }
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    withAdvisoryLock: async (key, fn) => {
      const c = await pool.connect();
      try {
        const r = await c.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [key]);
        if (!r.rows[0]?.locked) return { ran: false };
        try {
          return { ran: true, value: await fn() };
        } finally {
          await c.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        c.release();
      }
    },
    listen: async (channel, onNotify, listenOptions) => {
      const unlisten = await listenPostgres(url, channel, onNotify, listenOptions);
      listeners.add(unlisten);
      return async () => {
        listeners.delete(unlisten);
        await unlisten();
      };
    },
    prepared: async <T>(name: string, statement: SQL, values?: Record<string, unknown>) => {
      const { sql: text, params } = compiledStatement(name, statement, values);
      return (await pool.query({ name, text, values: params })).rows as T[];
    },
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      // A listener left open would hold its connection and keep the process alive.
      await Promise.all([...listeners].map((unlisten) => unlisten()));
      await pool.end();
    },
  };
}
