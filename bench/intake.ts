// npm run bench:intake — report intake (authenticated, no photo) against a bare one-INSERT route,
// on PostgreSQL, in the same run. Target: intake ≥ 0.5 × the bare route's requests per second.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { uuidv7 } from 'uuidv7';
import { createScratchDatabase } from '../server/src/testing/app';

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Linux reports process CPU in clock ticks of 1/100 s. */
const TICK_US = 1_000_000 / 100;
/**
 * Clients at once. Intake writes reports in batches, which pay off as more phones report at once: the
 * ratio is printed for a modest and a busier load.
 */
const loads = (process.env.BENCH_CONNECTIONS ?? '20,50').split(',').map(Number);

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

  const run = (
    url: string,
    headers: Record<string, string>,
    body: () => string,
    duration: number,
    connections: number,
  ) =>
    autocannon({
      url,
      connections,
      duration,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          setupRequest: (r) => ({ ...r, body: body() }),
        },
      ],
    });
  const description = '村道塌陷，雨天积水，影响出行';
  const intake = (duration: number, connections: number) =>
    run(
      `${base}/api/v1/cases`,
      { cookie, 'x-csrf-token': me.csrfToken },
      () => JSON.stringify({ id: uuidv7(), matterId, description, unitId }),
      duration,
      connections,
    );
  const bare = (duration: number, connections: number) =>
    run(
      `http://127.0.0.1:${ports.bare}/bare`,
      {},
      () => JSON.stringify({ id: uuidv7(), description }),
      duration,
      connections,
    );

  // This machine's speed drifts from minute to minute (shared cores), so the two are measured in
  // alternating rounds after a warm-up, and each round's ratio is taken against its neighbour.
  await intake(2, loads[0] ?? 20);
  await bare(2, loads[0] ?? 20);
  for (const connections of loads) {
    const rounds: { intake: Measured; bare: Measured }[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      rounds.push({
        intake: await measured(server.pid, () => intake(seconds, connections)),
        bare: await measured(server.pid, () => bare(seconds, connections)),
      });
    }
    const row = (name: string, m: Measured) => ({
      name,
      'req/s': Math.round(m.requests / m.seconds),
      'p99 ms': m.p99,
      errors: m.errors,
      'server CPU µs/req': Math.round(m.serverCpuUs / m.requests),
      'PostgreSQL CPU µs/req': Math.round(m.databaseCpuUs / m.requests),
    });
    console.log(
      `\n${connections} connections, ${ROUNDS} rounds of ${seconds} s each, PostgreSQL, Node ${process.version}`,
    );
    console.table([
      row('report intake (POST /api/v1/cases)', total(rounds.map((r) => r.intake))),
      row('bare Fastify + one INSERT', total(rounds.map((r) => r.bare))),
    ]);
    const ratios = rounds.map(
      (r) => r.intake.requests / r.intake.seconds / (r.bare.requests / r.bare.seconds),
    );
    const ratio = median(ratios);
    console.log(`ratios by round: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
    console.log(
      `ratio intake / bare (median) = ${ratio.toFixed(2)} (target ≥ 0.50) — ${ratio >= 0.5 ? 'MET' : 'NOT MET'}`,
    );
  }
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

interface Measured {
  requests: number;
  seconds: number;
  errors: number;
  p99: number;
  serverCpuUs: number;
  databaseCpuUs: number;
}

/** One autocannon run, with the CPU time the server process and all of PostgreSQL spent on it. */
async function measured(
  serverPid: number | undefined,
  load: () => Promise<autocannon.Result>,
): Promise<Measured> {
  const before = { server: cpuOf(serverPid), database: postgresCpu() };
  const result = await load();
  return {
    requests: result.requests.total,
    seconds: result.duration,
    errors: result.errors + result.non2xx,
    p99: result.latency.p99,
    serverCpuUs: cpuOf(serverPid) - before.server,
    databaseCpuUs: cpuSince(before.database, postgresCpu()),
  };
}

function total(all: readonly Measured[]): Measured {
  return {
    requests: all.reduce((n, m) => n + m.requests, 0),
    seconds: all.reduce((n, m) => n + m.seconds, 0),
    errors: all.reduce((n, m) => n + m.errors, 0),
    p99: Math.max(...all.map((m) => m.p99)),
    serverCpuUs: all.reduce((n, m) => n + m.serverCpuUs, 0),
    databaseCpuUs: all.reduce((n, m) => n + m.databaseCpuUs, 0),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** User and system CPU of a process in µs, from /proc. */
function cpuOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return 0;
  }
}

/**
 * CPU of each PostgreSQL process on this machine (the server runs locally for the bench), by pid: a
 * process that ends between two readings (an autovacuum worker) must not count as negative time.
 */
function postgresCpu(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres'))
        byPid.set(Number(entry), cpuOf(Number(entry)));
    } catch {}
  }
  return byPid;
}

function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, cpu] of after) sum += cpu - (before.get(pid) ?? 0);
  return sum;
}
