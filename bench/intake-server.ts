// Serves, in one process, the real app (report endpoint) and a bare Fastify route doing one INSERT,
// both on the same PostgreSQL database, so bench/intake.ts can measure them one after the other.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { openDatabase } from '../server/src/db/client';
import { generateDemoDistrict } from '../server/src/demo/generate';
import { loadDemoDistrict } from '../server/src/demo/load';
import { loadConfig } from '../server/src/platform/config';
import { createDeps } from '../server/src/platform/deps';
import { buildApp } from '../server/src/platform/http';

const url = process.env.BENCH_DATABASE_URL as string;
const database = await openDatabase({ url });
await loadDemoDistrict(database.db, generateDemoDistrict());
// One resident files thousands of reports a second here: the per-person limit is off.
const config = {
  ...loadConfig({}),
  logLevel: 'silent',
  dataDir: mkdtempSync(join(tmpdir(), 'xy-bench-')),
  reportsPerMinute: null,
};
const app = await buildApp(await createDeps(database, config), { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });

const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query(
  'create table if not exists bench_bare (id uuid primary key, description text not null, at timestamptz not null default now())',
);
const bare = Fastify();
bare.post('/bare', async (request) => {
  const body = request.body as { id: string; description: string };
  await pool.query('insert into bench_bare (id, description) values ($1, $2)', [body.id, body.description]);
  return { id: body.id };
});
await bare.listen({ port: 0, host: '127.0.0.1' });

const port = (s: typeof bare.server) => (s.address() as { port: number }).port;
console.log(JSON.stringify({ app: port(app.server), bare: port(bare.server) }));
process.on('SIGINT', () => process.exit(0));
