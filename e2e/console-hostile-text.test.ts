import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, fileResidentReport, phoneLogin, startE2E } from './harness';

const HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>路灯<b>坏了</b>';

describe.skipIf(!chromePath())('script stored as text stays text, under the CSP the apps run with', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('a report whose text is markup shows as text in the console and on the phone, and runs nothing', async () => {
    const filed = await fileResidentReport(e2e, {
      description: HOSTILE,
      address: '<svg onload="window.__xss=3">',
    });

    const operator = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.operator);
    const violations: string[] = [];
    operator.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await operator.reload();
    await operator.getByTestId('kpi-panel').waitFor();
    await operator.getByRole('row').filter({ hasText: '<script>' }).click();
    await operator.locator('.ant-drawer').getByText(HOSTILE).first().waitFor();
    await e2e.screenshot(operator, 'hostile-text-console');

    const phone = await phoneLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.resident);
    phone.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await phone.getByTestId('m-tile-myReports').click();
    await phone.getByTestId(`m-case-${filed.id}`).click();
    await phone.getByText(HOSTILE).first().waitFor();
    await e2e.screenshot(phone, 'hostile-text-phone');

    for (const page of [operator, phone]) {
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
    }
    expect(violations).toEqual([]);
  });
});
