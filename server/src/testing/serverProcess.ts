import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** The real server as its own OS process, as `npm start` runs it, for the stress suites. */
export interface ServerProcess {
  process: ChildProcess;
  base: string;
  /** Ends it as an operator would (SIGTERM), or as a crash does (SIGKILL); resolves once it is gone. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

export async function startServerProcess(env: NodeJS.ProcessEnv, port: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.includes('is running on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)));
  });
  return {
    process: child,
    base: `http://127.0.0.1:${port}`,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill(signal);
      await gone;
    },
  };
}

/** Signs a demo person in over HTTP: the cookie and CSRF token a browser would hold. */
export async function signInOver(base: string, phone: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: 'Xiaoyuan@2026' }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${phone} failed: ${res.status}`);
  const me = (await res.json()) as { csrfToken: string; grants: { unitId: string }[] };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return {
    me,
    cookie,
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken },
  };
}
