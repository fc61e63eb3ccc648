import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { jobRuns } from '../db/schema';
import { consoleLog, type Log } from './log';

export interface Job {
  /** Stable across releases: the name keys the job's runs and its lock. */
  name: string;
  everyMs: number;
  run(now: Date): Promise<void>;
}

export interface Scheduler {
  /** Checks every job now; resolves when the runs it started, or found running, have finished. */
  tickNow(): Promise<void>;
  /** Stops ticking; resolves when running jobs have finished. */
  stop(): Promise<void>;
}

/** Room for an error's stack; a whole dump of a failed query does not belong in job_runs. */
const MAX_ERROR_CHARS = 4_000;

/**
 * Runs each job once per slot of `everyMs` (slot = floor(now / everyMs)), however many processes run
 * the scheduler. The row (job, slot) in job_runs is the guarantee: whoever inserts it runs the slot,
 * and everyone else finds it taken. The advisory lock around it keeps two processes from running the
 * same job at once when one run outlasts its slot. A slot that ends before any process could start it
 * is skipped, not caught up: jobs compute from the present ("cases overdue now"), not from a backlog.
 * A process that dies mid-run leaves its row without finished_at, and that slot is not run again.
 */
export function startScheduler(
  database: Database,
  jobs: Job[],
  options: { now?: () => Date; tickMs?: number; log?: Log } = {},
): Scheduler {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? consoleLog;
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`two scheduled jobs are named ${job.name}`);
    if (!Number.isSafeInteger(job.everyMs) || job.everyMs <= 0) {
      throw new Error(`job ${job.name} must run every whole, positive number of milliseconds`);
    }
    names.add(job.name);
  }
  const running = new Map<string, Promise<void>>();
  // The last slot this process saw settled, so a tick costs nothing until the next slot begins.
  const settled = new Map<string, number>();

  const check = async (job: Job) => {
    const at = now();
    const slot = Math.floor(at.getTime() / job.everyMs);
    if (slot <= (settled.get(job.name) ?? -1)) return;
    const outcome = await database.withAdvisoryLock(lockKey(job.name), async () => {
      const claimed = await database.db
        .insert(jobRuns)
        .values({ job: job.name, slot })
        .onConflictDoNothing()
        .returning({ slot: jobRuns.slot });
      if (claimed.length > 0) await runClaimed(job, slot, at);
    });
    // Lost the lock: another process is running this job; the slot may still be free, so look again later.
    if (outcome.ran) settled.set(job.name, slot);
  };

  const runClaimed = async (job: Job, slot: number, at: Date) => {
    let error: string | null = null;
    try {
      await job.run(at);
    } catch (failure) {
      log.error({ err: failure, job: job.name, slot }, 'scheduler: job failed');
      error = (failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)).slice(
        0,
        MAX_ERROR_CHARS,
      );
    }
    await database.db
      .update(jobRuns)
      .set({ finishedAt: sql`now()`, error })
      .where(and(eq(jobRuns.job, job.name), eq(jobRuns.slot, slot)));
  };

  const start = (job: Job) => {
    const current = running.get(job.name);
    if (current) return current;
    const started = check(job)
      .catch((failure: unknown) =>
        log.error({ err: failure, job: job.name }, 'scheduler: could not check job'),
      )
      .finally(() => running.delete(job.name));
    running.set(job.name, started);
    return started;
  };

  let stopped = false;
  const tickNow = async () => {
    if (stopped) return;
    await Promise.all(jobs.map(start));
  };
  const timer = setInterval(() => void tickNow(), options.tickMs ?? 1_000);

  return {
    tickNow,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}

/** A job's advisory lock key: 48 bits of a hash of its name, safe as a JavaScript number and a bigint. */
function lockKey(name: string): number {
  return createHash('sha256').update(`xiaoyuan-job:${name}`).digest().readUIntBE(0, 6);
}
