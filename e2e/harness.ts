import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../server/src/db/client';
import { WEB_DIST } from '../server/src/platform/http';
import type { App } from '../server/src/platform/types';
import { startTestApp } from '../server/src/testing/app';
import { signedIn } from '../server/src/testing/client';
import { DEMO, unitNamed } from '../server/src/testing/demo';

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
  database: Database;
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
    database: t.database,
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

export const PHONE = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'zh-CN',
};
export const DESK = { viewport: { width: 1366, height: 900 }, locale: 'zh-CN' };

/** Signs a person in on the phone app in a 360 px phone context of their own. */
export async function phoneLogin(browser: Browser, base: string, phone: string): Promise<Page> {
  const page = await (await browser.newContext(PHONE)).newPage();
  await page.goto(`${base}/mobile/`);
  await page.getByTestId('m-login-phone').locator('input').fill(phone);
  await page.getByTestId('m-login-password').locator('input').fill('Xiaoyuan@2026');
  await page.getByTestId('m-login-submit').click();
  await page.getByTestId('m-greeting').waitFor();
  return page;
}

/** Signs a person in on the console in a desktop context of their own; resolves on the KPI panel. */
export async function consoleLogin(browser: Browser, base: string, phone: string): Promise<Page> {
  const page = await (await browser.newContext(DESK)).newPage();
  await page.goto(`${base}/console/`);
  await page.getByTestId('login-phone').fill(phone);
  await page.getByTestId('login-password').fill('Xiaoyuan@2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('kpi-panel').waitFor();
  return page;
}

/**
 * Files a report over the API as 直升镇's resident in 椒香小院 (a town-level matter), for browser tests
 * that start from a case rather than from the report form.
 */
export async function fileResidentReport(
  e2e: E2E,
  fields: { description: string; address?: string },
): Promise<{ id: string }> {
  const resident = await signedIn(e2e.app, DEMO.zhisheng.resident);
  const yard = await unitNamed(e2e.database.db, '椒香小院');
  const town = await unitNamed(e2e.database.db, '直升镇');
  const matters = (await resident.get(`/api/v1/org/units/${town.id}/matters`)).body as {
    id: string;
    parentId: string | null;
    level: string;
  }[];
  const matter = matters.find((m) => m.parentId && m.level === 'town') as { id: string };
  const filed = await resident.post('/api/v1/cases', {
    id: uuidv7(),
    matterId: matter.id,
    ...fields,
    location: { lat: yard.centerLat, lng: yard.centerLng },
  });
  if (filed.status !== 201) throw new Error(`report failed: ${filed.status} ${JSON.stringify(filed.body)}`);
  return { id: filed.body.id };
}
