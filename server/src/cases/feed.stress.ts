import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../testing/app';
import { signInOver, startServerProcess } from '../testing/serverProcess';

/**
 * Load: 500 live-feed subscribers on one server process while reports come in steadily for
 * SOAK_SECONDS (ten minutes unless told otherwise). No errors; every subscriber receives every
 * report's event; the server's memory stays flat once warm.
 */
const SUBSCRIBERS = Number(process.env.SOAK_SUBSCRIBERS ?? 500);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const REPORTS_PER_SECOND = 20;
const PORT = 3910;

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

describe('the live feed under load', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(
    `${SUBSCRIBERS} subscribers receive every event of ${SECONDS} s of steady intake, and memory stays flat`,
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'xiaoyuan-soak-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const scratch = process.env.TEST_DATABASE_URL ? await createScratchDatabase() : null;
      if (scratch) cleanups.push(scratch.drop);
      const server = await startServerProcess(
        { DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', REPORTS_PER_MINUTE: 'off' },
        PORT,
      );
      cleanups.push(() => server.stop('SIGKILL'));
      const { base } = server;
      const operator = await signInOver(base, '13800000003');
      const resident = await signInOver(base, '13800000008');
      const townId = operator.me.grants[0]?.unitId as string;
      const unitId = resident.me.grants[0]?.unitId as string;
      const catalogue = (await (
        await fetch(`${base}/api/v1/org/units/${townId}/matters`, { headers: { cookie: resident.cookie } })
      ).json()) as { id: string; parentId: string | null }[];
      const matterId = (catalogue.find((m) => m.parentId) as { id: string }).id;

      // Each subscriber keeps the ids of the reports it heard of.
      const heard = Array.from({ length: SUBSCRIBERS }, () => new Set<string>());
      const streamErrors: string[] = [];
      const aborter = new AbortController();
      cleanups.push(() => aborter.abort());
      const opened = heard.map(async (ids, i) => {
        const res = await fetch(`${base}/api/v1/cases/feed?unitId=${townId}`, {
          headers: { cookie: operator.cookie },
          signal: aborter.signal,
        });
        if (res.status !== 200 || !res.body) throw new Error(`subscriber ${i}: ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        void (async () => {
          let buffer = '';
          try {
            for (;;) {
              const { value, done } = await reader.read();
              if (done) return;
              buffer += value;
              let end = buffer.indexOf('\n\n');
              while (end >= 0) {
                const data = buffer
                  .slice(0, end)
                  .split('\n')
                  .filter((l) => l.startsWith('data:'))
                  .map((l) => l.slice(5).trim())
                  .join('');
                buffer = buffer.slice(end + 2);
                end = buffer.indexOf('\n\n');
                if (!data) continue;
                const event = JSON.parse(data) as {
                  caseId?: string;
                  action?: string;
                  event?: { caseId?: string; action?: string };
                };
                const body = event.event ?? event;
                if (body.action === 'report' && body.caseId) ids.add(body.caseId);
              }
            }
          } catch (error) {
            if (!aborter.signal.aborted) streamErrors.push(`subscriber ${i}: ${String(error)}`);
          }
        })();
      });
      await Promise.all(opened);

      const acknowledged = new Set<string>();
      const failures: string[] = [];
      const memory: number[] = [];
      const started = Date.now();
      let tick = 0;
      while (Date.now() - started < SECONDS * 1000) {
        const second = Date.now();
        await Promise.all(
          Array.from({ length: REPORTS_PER_SECOND }, async () => {
            const id = uuidv7();
            const res = await fetch(`${base}/api/v1/cases`, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                cookie: resident.cookie,
                'x-csrf-token': resident.me.csrfToken,
              },
              body: JSON.stringify({ id, matterId, unitId, description: '持续上报' }),
            });
            if (res.status === 201) acknowledged.add(id);
            else failures.push(`${res.status} ${await res.text()}`);
          }),
        );
        if (++tick % 5 === 0 && server.process.pid) memory.push(rssMiB(server.process.pid));
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - second))));
      }
      await new Promise((r) => setTimeout(r, 3_000));

      expect(failures).toEqual([]);
      expect(streamErrors).toEqual([]);
      const missing = heard.filter((ids) => [...acknowledged].some((id) => !ids.has(id))).length;
      expect(missing).toBe(0);
      // Warm after the first third: from then on the resident set may wander, not climb.
      const warm = memory.slice(Math.floor(memory.length / 3));
      const firstHalf = warm.slice(0, Math.floor(warm.length / 2));
      const secondHalf = warm.slice(Math.floor(warm.length / 2));
      const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      const growth = average(secondHalf) / average(firstHalf);
      console.log(
        `soak: ${SUBSCRIBERS} subscribers, ${acknowledged.size} reports over ${SECONDS} s, every subscriber heard all; ` +
          `server RSS ${memory[0]?.toFixed(0)} → ${memory.at(-1)?.toFixed(0)} MiB, warm halves ${average(firstHalf).toFixed(0)} → ${average(secondHalf).toFixed(0)} MiB`,
      );
      expect(growth).toBeLessThan(1.1);
      aborter.abort();
      await server.stop();
    },
    (SECONDS + 300) * 1000,
  );
});
