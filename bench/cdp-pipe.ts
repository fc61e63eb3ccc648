// A bare Chrome DevTools Protocol client over `--remote-debugging-pipe`, for measuring a page as it runs
// with nobody watching. Playwright enables the Network domain on every page it drives, and Chromium
// then keeps each response's body for DevTools (up to 200 MB): over hours that alone looks like a leak.
// Here only what is asked for is enabled.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

type Params = Record<string, unknown>;
type Handler = (params: Params, sessionId: string | undefined) => void;

export class CdpPipe {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly handlers = new Map<string, Set<Handler>>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly out: Writable,
    input: Readable,
    private readonly profile: string,
  ) {
    // Messages are JSON, each ended by a NUL byte; a heap snapshot chunk may span many reads.
    let parts: Buffer[] = [];
    input.on('data', (chunk: Buffer) => {
      let start = 0;
      for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
        parts.push(chunk.subarray(start, end));
        this.dispatch(Buffer.concat(parts).toString('utf8'));
        parts = [];
        start = end + 1;
      }
      if (start < chunk.length) parts.push(chunk.subarray(start));
    });
    child.once('exit', () => {
      for (const { reject } of this.pending.values()) reject(new Error('Chromium exited'));
      this.pending.clear();
    });
  }

  /** Starts Chromium headless with a throw-away profile, controlled through fds 3 and 4. */
  static async launch(executablePath: string, flags: readonly string[]): Promise<CdpPipe> {
    const profile = mkdtempSync(join(tmpdir(), 'xy-cdp-'));
    const child = spawn(
      executablePath,
      [...flags, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'],
      // Its own process group: a Ctrl-C meant for the caller does not kill it mid-run. It exits by itself
      // when the pipe closes.
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: true },
    );
    const cdp = new CdpPipe(child, child.stdio[3] as Writable, child.stdio[4] as Readable, profile);
    await cdp.send('Browser.getVersion');
    return cdp;
  }

  send<T = Params>(method: string, params: Params = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    const message = JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params });
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject: (e) => reject(new Error(`${method}: ${e.message}`)),
      });
      this.out.write(`${message}\0`);
    });
  }

  on(method: string, handler: Handler): () => void {
    const set = this.handlers.get(method) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(method, set);
    return () => set.delete(handler);
  }

  /** Opens `url` in a new tab and attaches to it; commands for the page carry the returned session id. */
  async openPage(url: string, width: number, height: number): Promise<string> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true,
    });
    await this.send(
      'Emulation.setDeviceMetricsOverride',
      { width, height, deviceScaleFactor: 1, mobile: false },
      sessionId,
    );
    await this.send('Page.navigate', { url }, sessionId);
    return sessionId;
  }

  /** The value of a JavaScript expression in the page (awaited if it is a promise), as JSON. */
  async evaluate<T>(sessionId: string, expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send<{
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId);
    if (exceptionDetails)
      throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  }

  /** Polls the page until `expression` is truthy. */
  async waitFor(sessionId: string, expression: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.evaluate<boolean>(sessionId, `Boolean(${expression})`)) return;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = once(this.child, 'exit');
      this.send('Browser.close').catch(() => {});
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.profile, { recursive: true, force: true });
  }

  private dispatch(text: string) {
    const message = JSON.parse(text) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
      method?: string;
      params?: Params;
      sessionId?: string;
    };
    if (message.id !== undefined) {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message.result);
      return;
    }
    for (const handler of this.handlers.get(message.method ?? '') ?? [])
      handler(message.params ?? {}, message.sessionId);
  }
}
