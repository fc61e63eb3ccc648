import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { caseEvents, cases, notifications } from '../db/schema';
import { createScratchDatabase, testBackends } from '../testing/app';
import { signInOver, startServerProcess } from '../testing/serverProcess';

/**
 * Nothing lost: a client files reports as fast as it can and records every report the server
 * acknowledged; the server is killed with SIGKILL in the middle and started again; the client then
 * sends every report again, acknowledged or not. Every acknowledged report is there exactly once,
 * and the retries make no duplicates.
 */
const PORT_BASE = 3900;
const WORKERS = 20;

describe.each(testBackends())(
  'reports acknowledged before a kill -9 are all there, once, on %s',
  (backend) => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('survives a SIGKILL in the middle of intake', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), `xiaoyuan-kill-${backend}-`));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const scratch = backend === 'postgres' ? await createScratchDatabase() : null;
      if (scratch) cleanups.push(scratch.drop);
      // One resident files over a thousand reports here: the per-person limit is off.
      const env = { DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', REPORTS_PER_MINUTE: 'off' };
      const port = PORT_BASE + (backend === 'postgres' ? 1 : 0);

      let server = await startServerProcess(env, port);
      cleanups.push(() => server.stop('SIGKILL'));
      const { me, headers } = await signInOver(server.base, '13800000008');
      const unitId = me.grants[0]?.unitId as string;
      const unit = (await (await fetch(`${server.base}/api/v1/org/units/${unitId}`, { headers })).json()) as {
        townId: string;
      };
      const catalogue = (await (
        await fetch(`${server.base}/api/v1/org/units/${unit.townId}/matters`, { headers })
      ).json()) as { id: string; parentId: string | null }[];
      const matterId = (catalogue.find((m) => m.parentId) as { id: string }).id;
      const body = (id: string) => JSON.stringify({ id, matterId, unitId, description: '断电前后的上报' });

      const sent = new Set<string>();
      const acknowledged = new Set<string>();
      let running = true;
      const workers = Array.from({ length: WORKERS }, async () => {
        while (running) {
          const id = uuidv7();
          sent.add(id);
          try {
            const res = await fetch(`${server.base}/api/v1/cases`, {
              method: 'POST',
              headers,
              body: body(id),
            });
            if (res.status === 201 || res.status === 200) acknowledged.add(id);
          } catch {
            // The server is gone; this report's fate is unknown, so the client will send it again.
            return;
          }
        }
      });
      await new Promise((r) => setTimeout(r, 2_000));
      await server.stop('SIGKILL');
      running = false;
      await Promise.all(workers);
      expect(acknowledged.size).toBeGreaterThan(50);

      server = await startServerProcess(env, port);
      const answers = new Map<number, number>();
      const retriedAcknowledged: number[] = [];
      const ids = [...sent];
      for (let i = 0; i < ids.length; i += WORKERS) {
        await Promise.all(
          ids.slice(i, i + WORKERS).map(async (id) => {
            // The session is kept in the database, so the same cookie still works after the restart.
            const res = await fetch(`${server.base}/api/v1/cases`, {
              method: 'POST',
              headers,
              body: body(id),
            });
            answers.set(res.status, (answers.get(res.status) ?? 0) + 1);
            if (acknowledged.has(id)) retriedAcknowledged.push(res.status);
          }),
        );
      }
      expect([...answers.keys()].every((s) => s === 200 || s === 201)).toBe(true);
      // Every acknowledged report was already there: its retry is answered 200, not written again.
      expect(retriedAcknowledged.every((s) => s === 200)).toBe(true);
      await server.stop();

      const database = await openDatabase(scratch ? { url: scratch.url } : { dataDir });
      try {
        const { db } = database;
        const stored = await db.select({ id: cases.id }).from(cases).where(inArray(cases.id, ids));
        expect(stored.length).toBe(sent.size);
        const [events] = await db
          .select({ n: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct case_id)::int` })
          .from(caseEvents)
          .where(inArray(caseEvents.caseId, ids));
        expect(Number(events?.n)).toBe(sent.size);
        expect(Number(events?.distinct)).toBe(sent.size);
        const [inbox] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(notifications)
          .where(inArray(notifications.caseId, ids));
        expect(Number(inbox?.n)).toBe(sent.size);
      } finally {
        await database.close();
      }
      console.log(
        `kill -9 on ${backend}: ${acknowledged.size} acknowledged of ${sent.size} sent before the kill; ` +
          `after restart, retries answered ${JSON.stringify(Object.fromEntries(answers))}; all ${sent.size} stored once`,
      );
    }, 240_000);
  },
);
