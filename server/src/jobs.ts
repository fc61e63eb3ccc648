import { remindFollowUps } from './asks/followUp';
import { deleteExpiredSessions } from './auth/sessions';
import { runClockTick } from './cases/clockTick';
import type { Database } from './db/client';
import type { Log } from './platform/log';
import { type Scheduler, startScheduler } from './platform/scheduler';
import { runScheduledReports } from './reports/generate';
import { runSupervisionTick } from './supervision/supervisionClock';
import { runTaskClock } from './tasks/taskClock';

/** The periodic work of a server process; with several processes each slot still runs once. */
export function startJobs(database: Database, log: Log): Scheduler {
  return startScheduler(
    database,
    [
      {
        name: 'case-clock',
        everyMs: 60_000,
        run: async (now) => {
          await runClockTick(database.db, now);
        },
      },
      {
        name: 'supervision-clock',
        everyMs: 60_000,
        run: async (now) => {
          await runSupervisionTick(database.db, now);
        },
      },
      {
        name: 'mediation-follow-up',
        everyMs: 3_600_000,
        run: async (now) => {
          await remindFollowUps(database.db, now);
        },
      },
      {
        // Recurring tasks' instances, reminders and overdue flags (清单制).
        name: 'task-clock',
        everyMs: 60_000,
        run: async (now) => {
          await runTaskClock(database.db, now);
        },
      },
      {
        // 日通报、周小结、月总结 of every town and the district, once each after its period ends.
        name: 'reports',
        everyMs: 900_000,
        run: async (now) => {
          await runScheduledReports(database.db, now);
        },
      },
      { name: 'session-sweep', everyMs: 3_600_000, run: () => deleteExpiredSessions(database.db) },
    ],
    { log },
  );
}
