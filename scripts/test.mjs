#!/usr/bin/env node
// `npm test`: every test (unit, API integration, browser end-to-end). Browser tests need Chromium and
// a web build; without Chromium they are skipped, and this says so where nobody can miss it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p) => p && existsSync(p),
);
const banner = (lines) => {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '!'.repeat(width);
  console.error(`\n${bar}\n${lines.map((l) => `! ${l.padEnd(width - 4)} !`).join('\n')}\n${bar}\n`);
};

if (!chrome) {
  banner([
    'NO CHROMIUM FOUND: the browser end-to-end tests will be SKIPPED.',
    'Install it (Debian: apt-get install -y chromium) or set CHROME_PATH.',
  ]);
} else if (webBuildIsStale()) {
  const build = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!process.env.TEST_DATABASE_URL) {
  console.error(
    'note: TEST_DATABASE_URL is not set, so API tests run on PGlite only (CI runs them on PostgreSQL too).',
  );
}

const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
if (!chrome) banner(['REMINDER: browser end-to-end tests were SKIPPED (no Chromium).']);
process.exit(run.status ?? 1);

/** The browser tests drive the built apps, so a build older than its sources is rebuilt first. */
function webBuildIsStale() {
  const built = 'dist/web/console/index.html';
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  return Math.max(newest('web'), newest('domain')) > builtAt;
}
