import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../db/client';
import { generateDemoDistrict } from '../demo/generate';
import { loadDemoDistrict } from '../demo/load';
import { type Config, loadConfig } from '../platform/config';
import { createDeps } from '../platform/deps';
import { buildApp } from '../platform/http';
import type { App } from '../platform/types';

export type Backend = 'pglite' | 'postgres';

/** API tests run on PGlite always, and also on a real PostgreSQL server when TEST_DATABASE_URL is set. */
export function testBackends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestApp {
  app: App;
  database: Database;
  close(): Promise<void>;
}

/** A fresh database of its own: in-memory PGlite, or a new database created on the PostgreSQL server. */
export async function openTestDatabase(
  backend: Backend,
): Promise<{ database: Database; drop(): Promise<void> }> {
  if (backend === 'pglite') {
    const database = await openDatabase({});
    return { database, drop: async () => {} };
  }
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ url: scratch.url });
  return { database, drop: scratch.drop };
}

/** An empty database of its own on the TEST_DATABASE_URL server, dropped (forcibly) afterwards. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `xy_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Settings for tests: quiet, files in a temporary folder, and a report limit no test reaches unless it
 * asks for a lower one (tests file dozens of reports as one resident within a minute).
 */
function testConfig(dataDir: string, overrides: Partial<Config>): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test' }),
    logLevel: 'silent',
    dataDir,
    reportsPerMinute: 1_000,
    ...overrides,
  };
}

/** The app as one server process runs it, over a database another may share. */
async function startProcess(
  database: Database,
  config: Config,
): Promise<{ app: App; close(): Promise<void> }> {
  const deps = await createDeps(database, config);
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      await deps.close();
    },
  };
}

/** The real app over a fresh database holding the demo district (four towns with one user per role). */
export async function startTestApp(
  backend: Backend,
  options: { seed?: boolean; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const { database, drop } = await openTestDatabase(backend);
  if (options.seed !== false) await loadDemoDistrict(database.db, generateDemoDistrict());
  const dataDir = mkdtempSync(join(tmpdir(), 'xiaoyuan-test-'));
  const server = await startProcess(database, testConfig(dataDir, options.config ?? {}));
  return {
    app: server.app,
    database,
    close: async () => {
      await server.close();
      await database.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Two server processes over one database holding the demo district, as two would run behind a load
 * balancer: on PostgreSQL each with its own pool, realtime listener and caches; PGlite has one database.
 */
export async function startTwoApps(
  backend: Backend,
  options: { config?: Partial<Config> } = {},
): Promise<{ a: App; b: App; database: Database; close(): Promise<void> }> {
  const processes = await openTwoProcesses(backend);
  await loadDemoDistrict(processes.a.db, generateDemoDistrict());
  const dataDir = mkdtempSync(join(tmpdir(), 'xiaoyuan-two-'));
  const config = testConfig(dataDir, options.config ?? {});
  const a = await startProcess(processes.a, config);
  const b = await startProcess(processes.b, config);
  return {
    a: a.app,
    b: b.app,
    database: processes.a,
    close: async () => {
      await a.close();
      await b.close();
      await processes.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Two server processes, as the database sees them: on PostgreSQL two handles on one database; PGlite has one. */
export async function openTwoProcesses(
  backend: Backend,
): Promise<{ a: Database; b: Database; close(): Promise<void> }> {
  if (backend === 'pglite') {
    const database = await openDatabase({});
    return { a: database, b: database, close: () => database.close() };
  }
  const scratch = await createScratchDatabase();
  const a = await openDatabase({ url: scratch.url });
  const b = await openDatabase({ url: scratch.url });
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      await scratch.drop();
    },
  };
}
