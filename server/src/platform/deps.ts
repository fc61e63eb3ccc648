import { SessionCache } from '../auth/sessionCache';
import { preloadCalendars } from '../calendar/preload';
import { ReportIntake } from '../cases/intake';
import { PlacesAndMatters } from '../cases/placesAndMatters';
import type { Database } from '../db/client';
import type { Config } from './config';
import { createRealtime } from './realtime';
import { createStorage } from './storage';
import type { Deps } from './types';

/** What every route module may use, made once per process; `close` releases what it holds. */
export async function createDeps(
  database: Database,
  config: Config,
): Promise<Deps & { close(): Promise<void> }> {
  await preloadCalendars(database.db);
  const realtime = await createRealtime(database);
  const sessionCache = new SessionCache(realtime);
  const placesAndMatters = new PlacesAndMatters(database, realtime);
  const intake = new ReportIntake(database, placesAndMatters);
  return {
    db: database.db,
    database,
    config,
    storage: createStorage(config),
    realtime,
    sessionCache,
    intake,
    close: async () => {
      sessionCache.close();
      placesAndMatters.close();
      await intake.settle();
      await realtime.close();
    },
  };
}
