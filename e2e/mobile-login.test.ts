import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromePath, type E2E, PHONE, startE2E } from './harness';

describe.skipIf(!chromePath())('mobile: a grid worker signs in on a 360 px phone', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('a wrong password is answered in Chinese', async () => {
    const context = await e2e.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/mobile/`);
    await page.getByTestId('m-login-phone').locator('input').fill('13800000005');
    await page.getByTestId('m-login-password').locator('input').fill('wrong-password-1');
    await page.getByTestId('m-login-submit').click();
    await expect.poll(() => page.getByTestId('m-login-error').textContent()).toContain('手机号或密码不正确');
    await context.close();
  });

  it('shows the role-aware home with the grid worker’s place, without sideways scrolling', async () => {
    const context = await e2e.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/mobile/`);
    await page.getByTestId('m-login-phone').locator('input').fill('13800000005');
    await page.getByTestId('m-login-password').locator('input').fill('Xiaoyuan@2026');
    await e2e.screenshot(page, 'mobile-01-login');
    await page.getByTestId('m-login-submit').click();
    await page.getByTestId('m-tile-report').waitFor();
    expect(await page.getByTestId('m-tile-report').textContent()).toContain('上报事件');
    expect(await page.getByTestId('m-unit-trail').textContent()).toContain('万宝村');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await e2e.screenshot(page, 'mobile-02-home');
    await context.close();
  });
});
