import { ROLE_LABELS } from '@domain/auth/roles';
import { openDatabase } from './db/client';
import { DEMO_PASSWORD, generateDemoDistrict } from './demo/generate';
import { isDatabaseEmpty, loadDemoDistrict } from './demo/load';
import { startJobs } from './jobs';
import { ConfigError, loadConfig } from './platform/config';
import { createDeps } from './platform/deps';
import { buildApp } from './platform/http';
import { seedPointsDemo, seedPointsHistoryDemo } from './points/demo';
import { seedRegistryDemo } from './registry/demo';
import { registrySecrets } from './registry/secrets';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`xiaoyuan: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const deps = await createDeps(database, config);
  const app = await buildApp(deps);

  if (config.seedDemo && (await isDatabaseEmpty(database.db))) {
    app.log.info('empty database: loading the demo district 荣昌区');
    const logins = await loadDemoDistrict(database.db, generateDemoDistrict());
    await seedRegistryDemo(database.db, registrySecrets(config.registryKey));
    await seedPointsDemo(database.db);
    await seedPointsHistoryDemo(database.db);
    const lines = logins.map(
      (l) =>
        `  ${l.phone}  ${ROLE_LABELS[l.role].zh.padEnd(8, '\u3000')} ${l.name}  @ ${l.unitName}${l.postName ? ` ${l.postName}` : ''}`,
    );
    console.log(`\n演示账号 Demo logins (password 密码: ${DEMO_PASSWORD})\n${lines.join('\n')}\n`);
  }

  await app.listen({ port: config.port, host: config.host });
  const jobs = startJobs(database, app.log);
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  console.log(
    `Xiaoyuan 小院 is running on http://localhost:${config.port} (console /console/, phone app /mobile/, wall screen /screen/, API docs /api/docs), data: ${where}`,
  );

  const stop = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await jobs.stop();
    await app.close();
    await deps.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
