import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The slow suites (`npm run test:stress`): kill -9 mid-write, several processes, soak. */
export default defineConfig({
  resolve: { alias: { '@domain': fileURLToPath(new URL('./domain/src', import.meta.url)) } },
  test: {
    include: ['server/**/*.stress.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
