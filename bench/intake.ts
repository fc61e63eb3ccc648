// npm run bench:intake — report intake (authenticated, no photo) against a bare one-INSERT route,
// on PostgreSQL, in the same run. Target: intake ≥ 0.5 × the bare route's requests per second.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { uuidv7 } from 'uuidv7';
import { createScratchDatabase } from '../server/src/testing/app';

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

const scratch = await createScratchDatabase();
const server = spawn(process.execPath, ['--import', 'tsx', 'bench/intake-server.ts'], {
  env: { ...process.env, BENCH_DATABASE_URL: scratch.url },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string];
  const ports = JSON.parse(line) as { app: number; bare: number };
  const base = `http://127.0.0.1:${ports.app}`;

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: '13800000008', password: 'Xiaoyuan@2026' }),
  });
  const me = (await login.json()) as { csrfToken: string; grants: { unitId: string }[] };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const matters = (await (
    await fetch(`${base}/api/v1/org/units/${await townOf(base, cookie)}/matters`, { headers: { cookie } })
  ).json()) as { id: string; parentId: string | null; code: string }[];
  const matterId = (matters.find((m) => m.code === 'ROAD-01') ?? matters[0])?.id;
  const unitId = me.grants[0]?.unitId;

  const run = (url: string, headers: Record<string, string>, body: () => string) =>
    autocannon({
      url,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          setupRequest: (r) => ({ ...r, body: body() }),
        },
      ],
    });
  const description = '村道塌陷，雨天积水，影响出行';
  const intake = await run(`${base}/api/v1/cases`, { cookie, 'x-csrf-token': me.csrfToken }, () =>
    JSON.stringify({ id: uuidv7(), matterId, description, unitId }),
  );
  const bare = await run(`http://127.0.0.1:${ports.bare}/bare`, {}, () =>
    JSON.stringify({ id: uuidv7(), description }),
  );

  const row = (name: string, r: autocannon.Result) => ({
    name,
    'req/s': Math.round(r.requests.average),
    'p99 ms': r.latency.p99,
    errors: r.errors + r.non2xx,
  });
  console.table([row('report intake (POST /api/v1/cases)', intake), row('bare Fastify + one INSERT', bare)]);
  const ratio = intake.requests.average / bare.requests.average;
  console.log(
    `ratio intake / bare = ${ratio.toFixed(2)} (target ≥ 0.50) — ${ratio >= 0.5 ? 'MET' : 'NOT MET'}`,
  );
  console.log(`${connections} connections, ${seconds} s each, PostgreSQL, Node ${process.version}`);
} finally {
  server.kill('SIGKILL');
  await scratch.drop();
}

async function townOf(base: string, cookie: string): Promise<string> {
  const me = (await (await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } })).json()) as {
    grants: { unitId: string }[];
  };
  const unit = (await (
    await fetch(`${base}/api/v1/org/units/${me.grants[0]?.unitId}`, { headers: { cookie } })
  ).json()) as {
    townId: string;
  };
  return unit.townId;
}
