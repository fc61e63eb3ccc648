import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, fileResidentReport, startE2E } from './harness';

describe.skipIf(!chromePath())('console: 通报总结 — a town weekly summary as a page and as .xlsx', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the operator generates this week’s summary, reads it as a page, and downloads the workbook', async () => {
    await fileResidentReport(e2e, { description: '小区门口井盖松动，夜里有响声' });
    const desk = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.operator);
    await desk.getByRole('menuitem', { name: /通报总结/ }).click();
    await desk.getByTestId('report-kind').getByText('周小结').click();
    const made = desk.waitForResponse(
      (r) => r.url().endsWith('/api/v1/reports') && r.request().method() === 'POST',
    );
    await desk.getByTestId('report-generate').click();
    const response = await made;
    expect(response.status()).toBe(201);
    const snapshot = (await response.json()) as { body: { kpi: { received: { value: number } } } };
    expect(snapshot.body.kpi.received.value).toBeGreaterThanOrEqual(1);

    const page = desk.getByTestId('report-page');
    await page.waitFor();
    expect(await page.textContent()).toContain('直升镇周小结');
    const figures = desk.getByTestId('report-figures');
    const receivedRow = figures.getByRole('row').filter({ hasText: '上报' }).first();
    expect(await receivedRow.locator('td').first().textContent()).toBe(
      String(snapshot.body.kpi.received.value),
    );
    expect(await figures.textContent()).toContain('按期办结率');
    await e2e.screenshot(desk, 'reports-01-page');
    // Printed, only the report remains: no menu, no buttons.
    await desk.emulateMedia({ media: 'print' });
    expect(await desk.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await desk.getByTestId('report-xlsx').isVisible()).toBe(false);
    expect(await page.isVisible()).toBe(true);
    await desk.emulateMedia({ media: 'screen' });

    const download = desk.waitForEvent('download');
    await desk.getByTestId('report-xlsx').click();
    const file = await (await download).path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('概况');
    expect(String(sheet?.getRow(1).getCell(1).value)).toContain('直升镇周小结');
    expect(sheet?.getRow(4).getCell(1).value).toBe('受理（上报）');
    expect(sheet?.getRow(4).getCell(2).value).toBe(snapshot.body.kpi.received.value);

    await desk.getByRole('button', { name: /返\s*回/ }).click();
    await desk
      .getByText(/直升镇周小结/)
      .first()
      .waitFor();
  });
});
