// npm run soak:screen — the wall screen left running in real time: the real server (server/src/main.ts)
// on PostgreSQL with the demo district, the screen in Chromium at 1920×1080 signed in as 直升镇's
// center operator (driven over a bare DevTools pipe, not Playwright, whose instrumentation keeps every
// response the page receives: bench/cdp-pipe.ts), a resident filing reports at a steady pace, the
// server stopped and started again now and then. Every few minutes the page's heap (after forced GC),
// DOM nodes, listeners, its own counters and its live status are sampled, and a heap snapshot splits
// the heap into the page's own objects, V8's compiled code and the browser's objects; every filed case
// must show on the screen. Ends with a verdict: growth of the page's objects, reconnects, missed
// cases. Not part of `npm test`: it runs for hours.
//
// The leak test is the page's objects, not the whole heap: V8 goes on compiling and optimising more of
// the page's functions for hours (a finite program: the code a snapshot diff finds new belongs to the
// bundle's own functions), and the browser fills its timeline buffers up to their caps (250 resource
// timings, 150 layout shifts, 200 long animation frames). Both are bounded; a leak is not.
//
//   SOAK_HOURS=3            how long (fractions allowed)
//   SOAK_SAMPLE_MINUTES=5   how often to sample
//   SOAK_REPORT_SECONDS=30  one report every this many seconds
//   SOAK_RESTART_MINUTES=20 the server is restarted this often …
//   SOAK_DOWN_SECONDS=15    … and stays away this long
//   SOAK_OPEN_MINUTES=5     the center rejects each report this long after it showed, so that the town's
//                           open cases (the map's markers) stay steady rather than grow for hours
//   SOAK_WARMUP_MINUTES=30  samples before this are left out of the slopes (the page's first reads and
//                           the JIT's busiest time)
//   SOAK_DIR                where samples.csv, samples.json and verdict.json go (a temp dir by default)
//   SOAK_MAX_OBJECTS_MB_PER_HOUR=0.25  the slope of the page's objects above which the verdict is
//                           "leaks" (0.25 MB/h would be 6 MB a day on a page of 2 MB)
//   SOAK_HEAP_SNAPSHOTS=1   keep each sample's heap snapshot (minute-N.heapsnapshot, ~16 MB) to compare
//                           in Chrome's DevTools or with bench/heap-diff.ts; by default each is deleted
//                           once split
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { CHROME_FLAGS, chromePath } from '../e2e/harness';
import { WEB_DIST } from '../server/src/platform/http';
import { createScratchDatabase } from '../server/src/testing/app';
import { DEMO } from '../server/src/testing/demo';
import { CdpPipe } from './cdp-pipe';
import { Snapshot } from './heap-snapshot';

process.env.TEST_DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const HOURS = setting('SOAK_HOURS', 3);
const SAMPLE_MS = setting('SOAK_SAMPLE_MINUTES', 5) * 60_000;
const REPORT_MS = setting('SOAK_REPORT_SECONDS', 30) * 1000;
const RESTART_MS = setting('SOAK_RESTART_MINUTES', 20) * 60_000;
const DOWN_MS = setting('SOAK_DOWN_SECONDS', 15) * 1000;
const MAX_OBJECTS_SLOPE = setting('SOAK_MAX_OBJECTS_MB_PER_HOUR', 0.25);
const OPEN_MS = setting('SOAK_OPEN_MINUTES', 5) * 60_000;
const WARMUP_MINUTES = setting('SOAK_WARMUP_MINUTES', 30);
const KEEP_SNAPSHOTS = process.env.SOAK_HEAP_SNAPSHOTS === '1';
/** Past the feed's 1-minute and the map's 2-minute re-read, a case not on the screen was missed. */
const MISSED_AFTER_MS = 5 * 60_000;
/** The backoff's ceiling is 30 s (web/src/screen/backoff.ts); a reconnect taking far longer failed. */
const RECONNECT_LIMIT_MS = 120_000;
const PASSWORD = 'Xiaoyuan@2026';

const executablePath = chromePath();
if (!executablePath) throw new Error('no Chromium: install Debian chromium or set CHROME_PATH');
if (!existsSync(`${WEB_DIST}/screen/index.html`))
  throw new Error('no web build: run "npm run build:web" first');
const dir = process.env.SOAK_DIR ?? mkdtempSync(join(tmpdir(), 'xy-soak-'));
mkdirSync(dir, { recursive: true });
const log = (...args: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...args);

const scratch = await createScratchDatabase();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess | null = null;
/** Ctrl-C (or SIGTERM) ends the run early with a verdict on what was sampled, and cleans up. */
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    interrupted = true;
  });

/** The production entry point, seeding the demo district into the empty database on its first start. */
async function startServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: scratch.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      REPORTS_PER_MINUTE: 'off',
      DATA_DIR: join(dir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group: a Ctrl-C meant for the soak must not take the server down mid-request.
    detached: true,
  });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code} while starting`)));
    lines.on('line', (line) => {
      if (line.includes('is running on')) resolve();
    });
  });
  server = child;
}

async function stopServer() {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface Sample {
  minute: number;
  heapMb: number;
  nodes: number;
  listeners: number;
  status: string;
  sseOpens: number;
  chartInits: number;
  chartDisposals: number;
  filed: number;
  shown: number;
  missed: number;
  restarts: number;
  /** From the heap snapshot: the page's JavaScript objects, strings, closures, arrays, hidden classes … */
  objectsMb: number;
  /** … V8's compiled code (bytecode, machine code, their metadata) … */
  codeMb: number;
  /** … and the browser's own objects reachable from the page (DOM, timeline entries, buffers). */
  nativeMb: number;
}

async function measure(cdp: CdpPipe, page: string) {
  await cdp.send('HeapProfiler.collectGarbage', {}, page);
  await cdp.send('HeapProfiler.collectGarbage', {}, page);
  const { metrics } = await cdp.send<{ metrics: { name: string; value: number }[] }>(
    'Performance.getMetrics',
    {},
    page,
  );
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  const screen = await cdp.evaluate<{
    status: string;
    sseOpens?: number;
    chartInits?: number;
    chartDisposals?: number;
  }>(
    page,
    `({
      status: document.querySelector('[data-testid=screen-status]')?.getAttribute('data-status') ?? 'none',
      ...(window.__screenStats ?? {}),
    })`,
  );
  return {
    heapMb: get('JSHeapUsedSize') / 1e6,
    nodes: get('Nodes'),
    listeners: get('JSEventListeners'),
    status: screen.status,
    sseOpens: screen.sseOpens ?? 0,
    chartInits: screen.chartInits ?? 0,
    chartDisposals: screen.chartDisposals ?? 0,
  };
}

/** The page's heap as DevTools saves it; the chunks arrive as events while the command runs. */
async function writeHeapSnapshot(cdp: CdpPipe, page: string, file: string) {
  const chunks: string[] = [];
  const stop = cdp.on('HeapProfiler.addHeapSnapshotChunk', (params, sessionId) => {
    if (sessionId === page) chunks.push(params.chunk as string);
  });
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, page);
  stop();
  writeFileSync(file, chunks.join(''));
}

/** The page's heap split by kind, from a snapshot written to `file` (kept with SOAK_HEAP_SNAPSHOTS=1). */
async function heapSplit(cdp: CdpPipe, page: string, file: string) {
  await writeHeapSnapshot(cdp, page, file);
  const { code = 0, native = 0, ...objects } = Snapshot.read(file).bytesByType();
  if (!KEEP_SNAPSHOTS) rmSync(file);
  const mb = (bytes: number) => Math.round(bytes / 1e3) / 1e3;
  return {
    objectsMb: mb(Object.values(objects).reduce((a, b) => a + b, 0)),
    codeMb: mb(code),
    nativeMb: mb(native),
  };
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

// Chromium runs in its own process group, so Ctrl-C reaches only us (above): it is closed in `finally`.
const cdp = await CdpPipe.launch(executablePath, [...CHROME_FLAGS, '--lang=zh-CN']);
try {
  log(`database ${scratch.url}, server ${base}, results in ${dir}`);
  await startServer();
  const db = new pg.Client({ connectionString: scratch.url });
  await db.connect();
  const { rows } = await db.query<{ town: string; lat: number; lng: number }>(
    `select town_id as town, center_lat as lat, center_lng as lng from org_units where name = '椒香小院'`,
  );
  await db.end();
  const yard = rows[0];
  if (!yard) throw new Error('the demo district has no 椒香小院');

  const signIn = async (phone: string) => {
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, password: PASSWORD }),
    });
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
    return { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  };
  const resident = await signIn(DEMO.zhisheng.resident);
  const operator = await signIn(DEMO.zhisheng.operator);
  const matters = (await (
    await fetch(`${base}/api/v1/org/units/${yard.town}/matters`, { headers: resident })
  ).json()) as { id: string; parentId: string | null; level: string }[];
  const matter = matters.find((m) => m.parentId && m.level === 'town');
  if (!matter) throw new Error('no town-level matter to report');

  // The screen signs in as its own session, set as the browser's cookie, so nothing but the page itself
  // runs in the tab.
  const [name, ...value] = (await signIn(DEMO.zhisheng.operator)).cookie.split('=');
  await cdp.send('Storage.setCookies', { cookies: [{ name, value: value.join('='), url: base }] });
  const page = await cdp.openPage(`${base}/screen/`, 1920, 1080);
  await cdp.send('Performance.enable', {}, page);
  const statusIs = (status: string, timeoutMs: number) =>
    cdp.waitFor(
      page,
      `document.querySelector('[data-testid=screen-status][data-status=${status}]')`,
      timeoutMs,
    );
  await statusIs('live', 30_000);

  const filed = new Map<string, { at: number; shownAt: number | null; rejected: boolean }>();
  const reconnects: { at: string; downMs: number; liveAfterMs: number | null }[] = [];
  const samples: Sample[] = [];
  const csv = join(dir, 'samples.csv');
  writeFileSync(
    csv,
    'minute,heap_mb,nodes,listeners,status,sse_opens,chart_inits,chart_disposals,filed,shown,missed,restarts,objects_mb,code_mb,native_mb\n',
  );

  const report = async () => {
    const id = uuidv7();
    const response = await fetch(`${base}/api/v1/cases`, {
      method: 'POST',
      headers: resident,
      body: JSON.stringify({
        id,
        matterId: matter.id,
        description: `值守测试上报 ${filed.size + 1}`,
        location: { lat: yard.lat, lng: yard.lng },
      }),
    });
    if (response.status !== 201)
      throw new Error(`report failed: ${response.status} ${await response.text()}`);
    filed.set(id, { at: Date.now(), shownAt: null, rejected: false });
  };
  /** A case counts as shown once it is in the feed or on the map. */
  const lookForFiled = async () => {
    const waiting = [...filed].filter(([, f]) => f.shownAt === null).map(([id]) => id);
    if (waiting.length === 0) return;
    const onScreen = new Set(
      await cdp.evaluate<string[]>(
        page,
        `[...document.querySelectorAll('[data-case-id]')].map((e) => e.getAttribute('data-case-id'))`,
      ),
    );
    for (const id of waiting)
      if (onScreen.has(id)) (filed.get(id) as { shownAt: number | null }).shownAt = Date.now();
  };
  /** The center turns down what has been on the wall a while: the town's open cases stay steady. */
  const rejectShown = async () => {
    for (const [id, f] of filed) {
      if (f.rejected || f.shownAt === null || Date.now() - f.shownAt < OPEN_MS) continue;
      const response = await fetch(`${base}/api/v1/cases/${id}/actions`, {
        method: 'POST',
        headers: operator,
        body: JSON.stringify({ action: 'reject', note: '值守测试：重复上报' }),
      });
      if (response.status !== 200)
        throw new Error(`reject failed: ${response.status} ${await response.text()}`);
      f.rejected = true;
    }
  };
  const missed = () =>
    [...filed.values()].filter((f) => f.shownAt === null && Date.now() - f.at > MISSED_AFTER_MS).length;

  const started = Date.now();
  const end = started + HOURS * 3600_000;
  let nextReport = started;
  let nextSample = started;
  let nextRestart = started + RESTART_MS;
  while (Date.now() < end && !interrupted) {
    const now = Date.now();
    if (now >= nextRestart) {
      nextRestart += RESTART_MS;
      const opens = (await measure(cdp, page)).sseOpens;
      const downAt = Date.now();
      await stopServer();
      await statusIs('reconnecting', 30_000);
      await new Promise((r) => setTimeout(r, DOWN_MS));
      await startServer();
      const upAt = Date.now();
      // Reported while the screen is still knocking: it must show without an event having reached it.
      await report();
      let liveAfterMs: number | null = null;
      try {
        await statusIs('live', RECONNECT_LIMIT_MS);
        if ((await measure(cdp, page)).sseOpens > opens) liveAfterMs = Date.now() - upAt;
      } catch {
        // Recorded as a failed reconnect below.
      }
      reconnects.push({ at: new Date(downAt).toISOString(), downMs: upAt - downAt, liveAfterMs });
      log(
        `restart ${reconnects.length}: live again ${liveAfterMs === null ? 'NEVER' : `after ${liveAfterMs} ms`}`,
      );
    }
    if (now >= nextReport) {
      nextReport += REPORT_MS;
      await report();
    }
    await lookForFiled();
    await rejectShown();
    if (now >= nextSample) {
      nextSample += SAMPLE_MS;
      const m = await measure(cdp, page);
      const minute = Math.round((Date.now() - started) / 6000) / 10;
      const sample: Sample = {
        minute,
        heapMb: Math.round(m.heapMb * 1000) / 1000,
        nodes: m.nodes,
        listeners: m.listeners,
        status: m.status,
        sseOpens: m.sseOpens,
        chartInits: m.chartInits,
        chartDisposals: m.chartDisposals,
        filed: filed.size,
        shown: [...filed.values()].filter((f) => f.shownAt !== null).length,
        missed: missed(),
        restarts: reconnects.length,
        ...(await heapSplit(cdp, page, join(dir, `minute-${minute}.heapsnapshot`))),
      };
      samples.push(sample);
      appendFileSync(csv, `${Object.values(sample).join(',')}\n`);
      writeFileSync(join(dir, 'samples.json'), JSON.stringify({ samples, reconnects }, null, 2));
      log('sample', sample);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }

  // The last reports get their chance to show.
  const grace = Date.now() + MISSED_AFTER_MS;
  while ([...filed.values()].some((f) => f.shownAt === null) && Date.now() < grace && !interrupted) {
    await lookForFiled();
    await new Promise((r) => setTimeout(r, 2000));
  }
  const never = [...filed.values()].filter((f) => f.shownAt === null).length;
  const lags = [...filed.values()]
    .flatMap((f) => (f.shownAt === null ? [] : [f.shownAt - f.at]))
    .sort((a, b) => a - b);
  const steady = samples.filter((s) => s.minute >= WARMUP_MINUTES);
  const slopeOf = (part: 'heapMb' | 'objectsMb' | 'codeMb' | 'nativeMb') =>
    steady.length >= 2
      ? Math.round(slope(steady.map((s) => ({ x: s.minute / 60, y: s[part] }))) * 1000) / 1000
      : 0;
  const objectsSlope = slopeOf('objectsMb');
  const first = steady[0] ?? samples[0];
  const last = samples.at(-1);
  const verdict = {
    hours: Math.round(((Date.now() - started) / 3600_000) * 100) / 100,
    samples: samples.length,
    ...Object.fromEntries(
      (['objectsMb', 'codeMb', 'nativeMb', 'heapMb'] as const).map((part) => [
        part,
        { first: first?.[part], last: last?.[part], slopePerHour: slopeOf(part) },
      ]),
    ),
    nodes: { first: first?.nodes, last: last?.nodes, max: Math.max(...samples.map((s) => s.nodes)) },
    listeners: {
      first: first?.listeners,
      last: last?.listeners,
      max: Math.max(...samples.map((s) => s.listeners)),
    },
    chartsRecreated: (last?.chartInits ?? 0) - (samples[0]?.chartInits ?? 0),
    restarts: reconnects.length,
    reconnectsFailed: reconnects.filter((r) => r.liveAfterMs === null).length,
    reconnectMs: reconnects.map((r) => r.liveAfterMs),
    filed: filed.size,
    neverShown: never,
    shownWithinMs: { median: lags[Math.floor(lags.length / 2)], max: lags.at(-1) },
  };
  const failures = [
    objectsSlope > MAX_OBJECTS_SLOPE &&
      `the page's objects grow ${objectsSlope.toFixed(3)} MB/h (limit ${MAX_OBJECTS_SLOPE})`,
    first && last && last.nodes > first.nodes + 100 && `DOM nodes ${first.nodes} → ${last.nodes}`,
    first &&
      last &&
      last.listeners > first.listeners + 10 &&
      `listeners ${first.listeners} → ${last.listeners}`,
    verdict.chartsRecreated > 0 && `${verdict.chartsRecreated} charts re-created`,
    verdict.reconnectsFailed > 0 && `${verdict.reconnectsFailed} reconnects failed`,
    never > 0 && `${never} of ${filed.size} cases never shown`,
  ].filter((f): f is string => typeof f === 'string');
  const result = { ...verdict, pass: failures.length === 0, failures };
  writeFileSync(join(dir, 'verdict.json'), JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
  log(result.pass ? 'PASS' : `FAIL: ${failures.join('; ')}`, `(samples in ${dir})`);
  process.exitCode = result.pass ? 0 : 1;
} finally {
  await cdp.close();
  await stopServer();
  await scratch.drop();
}
