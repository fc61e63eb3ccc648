import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { WEB_DIST } from '../server/src/platform/http';
import type { App } from '../server/src/platform/types';
import { startTestApp } from '../server/src/testing/app';

export const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

/** Debian's chromium, or CHROME_PATH; null when neither exists (the test runner then says so loudly). */
export function chromePath(): string | null {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface E2E {
  baseUrl: string;
  app: App;
  browser: Browser;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** The real server on PGlite with the demo district, on a free port, and a headless Chromium. */
export async function startE2E(): Promise<E2E> {
  const executablePath = chromePath();
  if (!executablePath) throw new Error('no Chromium: install Debian chromium or set CHROME_PATH');
  if (!existsSync(`${WEB_DIST}/console/index.html`))
    throw new Error('no web build: run "npm run build:web" first');
  const t = await startTestApp('pglite');
  const app = t.app;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath, args: CHROME_FLAGS });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    browser,
    screenshot: async (page, name) => {
      await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
    },
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}
