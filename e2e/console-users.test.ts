import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromePath, type E2E, startE2E } from './harness';

const NEW_PHONE = '13900000123';
const NEW_PASSWORD = 'Wanbao2026';

/** Opens a unit in the unit picker's dropdown tree by its switcher, a level at a time. */
async function expandInPicker(page: Page, name: string) {
  const node = page.locator('.ant-select-tree-treenode', { has: page.getByTitle(name, { exact: true }) });
  await node.locator('.ant-select-tree-switcher').click();
  await node.locator('.ant-select-tree-switcher_open').waitFor();
}

describe.skipIf(!chromePath())('console: a center operator opens an account for a new grid worker', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('creates the account for a grid of 直升镇, lists it, and the new grid worker signs in on the phone', async () => {
    const desk = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await desk.newPage();
    await page.goto(`${e2e.baseUrl}/console/`);
    await page.getByTestId('login-phone').fill('13800000003');
    await page.getByTestId('login-password').fill('Xiaoyuan@2026');
    await page.getByTestId('login-submit').click();
    await page.getByRole('menuitem', { name: /人员与任职/ }).click();
    await page.getByTestId('user-create').click();

    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('user-name').fill('万宝新网格员');
    await dialog.getByTestId('user-phone').fill(NEW_PHONE);
    await dialog.getByTestId('user-password').fill(NEW_PASSWORD);
    await dialog.getByTestId('grant-role').click();
    await page.locator('.ant-select-item-option', { hasText: /^网格员$/ }).click();
    await dialog.getByTestId('grant-unit').click();
    await expandInPicker(page, '直升镇');
    await expandInPicker(page, '万宝村');
    await page.locator('.ant-select-tree-treenode').getByTitle('第一网格', { exact: true }).click();
    await e2e.screenshot(page, 'users-01-new-account');

    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    expect((await created).status()).toBe(201);
    await page.getByTestId(`user-row-${NEW_PHONE}`).waitFor();
    await e2e.screenshot(page, 'users-02-listed');
    await desk.close();

    const phone = await e2e.browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'zh-CN',
    });
    const mobile = await phone.newPage();
    await mobile.goto(`${e2e.baseUrl}/mobile/`);
    await mobile.getByTestId('m-login-phone').locator('input').fill(NEW_PHONE);
    await mobile.getByTestId('m-login-password').locator('input').fill(NEW_PASSWORD);
    await mobile.getByTestId('m-login-submit').click();
    await mobile.getByTestId('m-tile-report').waitFor();
    expect(await mobile.getByTestId('m-greeting').textContent()).toContain('万宝新网格员');
    expect(await mobile.getByTestId('m-unit-trail').textContent()).toBe('直升镇 · 万宝村 · 第一网格');
    await e2e.screenshot(mobile, 'users-03-new-worker-home');
    await phone.close();
  });
});
