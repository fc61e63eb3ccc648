import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, testBackends } from './testing/app';

/** Starts the server as `npm start` does (without the web build), and collects what it prints. */
function startServer(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => output, exited };
}

async function waitForReady(base: string, exited: Promise<unknown>) {
  const deadline = Date.now() + 120_000;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  while (Date.now() < deadline && !gone) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become ready');
}

async function login(base: string, phone: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: 'Xiaoyuan@2026' }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const me = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: me.csrfToken };
}

describe.each(testBackends())('npm start on an empty %s database', (backend) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xiaoyuan-start-'));
  let env: Record<string, string> = {};
  let drop = async () => {};
  beforeAll(async () => {
    if (backend === 'postgres') {
      const scratch = await createScratchDatabase();
      env = { DATABASE_URL: scratch.url };
      drop = scratch.drop;
    } else {
      env = { DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await drop();
  });

  it('loads the demo district and prints the logins, then keeps every change across a restart', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const base = `http://127.0.0.1:${port}`;
    const first = startServer({ ...env, PORT: port, HOST: '127.0.0.1' });
    await waitForReady(base, first.exited);
    expect(first.output()).toContain('13800000001');
    expect(first.output()).toContain('Xiaoyuan@2026');

    const admin = await login(base, '13800000001');
    const roots = (await (
      await fetch(`${base}/api/v1/org/roots`, { headers: { cookie: admin.cookie } })
    ).json()) as {
      id: string;
    }[];
    const created = await fetch(`${base}/api/v1/org/units`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ parentId: roots[0]?.id, name: '重启测试镇', code: '500153199000' }),
    });
    expect(created.status).toBe(201);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = startServer({ ...env, PORT: port, HOST: '127.0.0.1' });
    try {
      await waitForReady(base, second.exited);
      expect(second.output()).not.toContain('Demo logins');
      const again = await login(base, '13800000001');
      const towns = (await (
        await fetch(`${base}/api/v1/org/units/${roots[0]?.id}/children?limit=200`, {
          headers: { cookie: again.cookie },
        })
      ).json()) as { items: { name: string }[] };
      expect(towns.items.map((t) => t.name)).toContain('重启测试镇');
      expect(towns.items).toHaveLength(22);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('refuses a production start with the default secret', async () => {
    const server = startServer({ ...env, NODE_ENV: 'production', PORT: '0' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('SECRET_KEY');
  });
});
