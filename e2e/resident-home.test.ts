import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromePath, type E2E, phoneLogin, startE2E } from './harness';

describe.skipIf(!chromePath())('a villager’s home on the phone', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows only what works, and 爱环境 reports a bin of their own courtyard in one tap', async () => {
    const { browser, baseUrl } = e2e;
    const phone = await phoneLogin(browser, baseUrl, '13800000008');

    const tiles = await phone
      .locator('[data-testid^="m-tile-"]:not([data-testid^="m-tile-badge-"])')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')?.replace('m-tile-', '')));
    expect(tiles).toEqual([
      'environment',
      'snapReport',
      'askHead',
      'notices',
      'myReports',
      'myHousehold',
      'charter',
      'points',
      'leaderboard',
      'scorecard',
    ]);
    // Nothing on the home screen is wider than a 360 px phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await e2e.screenshot(phone, 'home-01-resident');

    await phone.getByTestId('m-tile-environment').click();
    const first = phone.locator('[data-testid^="m-env-"][data-testid*="BIN"]').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('本院');
    const code = (await first.getAttribute('data-testid'))?.replace('m-env-', '') as string;
    await e2e.screenshot(phone, 'home-02-environment');

    await first.click();
    await phone.getByTestId('m-facility-title').waitFor();
    expect(await phone.getByTestId('m-facility-title').textContent()).toBe(`垃圾桶 · ${code}`);
    await phone.getByTestId('m-facility-full').click();
    await phone.getByText(/已派给/).waitFor();
    await e2e.screenshot(phone, 'home-03-reported');

    // Back on 爱环境, the bin is marked as being handled.
    await phone.getByTestId('m-facility-back').click();
    await phone.getByTestId('m-tile-environment').click();
    await phone.getByTestId(`m-env-${code}`).getByText('处理中').waitFor();
  });
});
