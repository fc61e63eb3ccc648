import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromePath, type E2E, startE2E } from './harness';

describe.skipIf(!chromePath())('console: an admin keeps the org tree', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('signs in, adds a village under a town, and sees it in the tree', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/console/`);
    await page.getByTestId('login-phone').fill('13800000001');
    await page.getByTestId('login-password').fill('Xiaoyuan@2026');
    await e2e.screenshot(page, 'console-01-login');
    await page.getByTestId('login-submit').click();
    await page.getByRole('menuitem', { name: /组织架构/ }).click();
    await page.getByTestId('org-node-荣昌区').waitFor();

    await page
      .getByTestId('org-node-荣昌区')
      .locator('xpath=ancestor::*[contains(@class,"ant-tree-treenode")]')
      .locator('.ant-tree-switcher')
      .click();
    await page.getByTestId('org-node-直升镇').click();
    await page.getByTestId('org-create-child').click();
    await page.getByTestId('unit-name').fill('新建测试村');
    await page
      .getByRole('button', { name: '保 存' })
      .or(page.getByRole('button', { name: '保存' }))
      .click();
    await page.getByTestId('org-node-新建测试村').waitFor();
    await e2e.screenshot(page, 'console-02-village-added');

    // It is really there: a fresh page load shows it too.
    await page.reload();
    await page.getByRole('menuitem', { name: /组织架构/ }).click();
    await page
      .getByTestId('org-node-荣昌区')
      .locator('xpath=ancestor::*[contains(@class,"ant-tree-treenode")]')
      .locator('.ant-tree-switcher')
      .click();
    await page
      .getByTestId('org-node-直升镇')
      .locator('xpath=ancestor::*[contains(@class,"ant-tree-treenode")]')
      .locator('.ant-tree-switcher')
      .click();
    await page.getByTestId('org-node-新建测试村').waitFor();
    expect(await page.getByTestId('org-node-新建测试村').count()).toBe(1);
    await context.close();
  });

  it('switches the console to English', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/console/`);
    await page.getByTestId('login-phone').fill('13800000003');
    await page.getByTestId('login-password').fill('Xiaoyuan@2026');
    await page.getByTestId('login-submit').click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Organisation').first().waitFor();
    await page.getByText('People and roles').first().waitFor();
    await e2e.screenshot(page, 'console-03-english');
    await context.close();
  });
});
