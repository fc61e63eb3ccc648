import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromePath, consoleLogin, type E2E, startE2E } from './harness';

describe.skipIf(!chromePath())('console: the center edits its matter catalogue', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('changes the handling limit of a matter and sees it in the list', async () => {
    const page = await consoleLogin(e2e.browser, e2e.baseUrl, '13800000003');
    await page.getByRole('menuitem', { name: /事项清单/ }).click();
    await page
      .getByRole('row')
      .filter({ hasText: '环境卫生' })
      .getByRole('button', { name: /展开|expand/i })
      .click();
    const row = page.getByRole('row').filter({ hasText: '垃圾桶满溢' });
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const handle = page.getByRole('dialog').getByLabel('处置 (h)').first();
    await handle.fill('36');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(async () => row.textContent()).toContain('36 /');
    await e2e.screenshot(page, 'console-matters');
    await page.context().close();
  });
});
