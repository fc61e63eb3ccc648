import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromePath, consoleLogin, type E2E, phoneLogin, startE2E } from './harness';

const DESCRIPTION = '万宝村村道塌陷一处，雨天积水，影响出行';

async function photoFile(name: string) {
  const buffer = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 90, g: 120, b: 60 } },
  })
    .jpeg()
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

/** Opens the case on the phone from a home tile, takes an action with an optional photo. */
async function actOnPhone(
  page: Page,
  tile: string,
  caseId: string,
  action: string,
  note: string,
  photo?: string,
) {
  await page.getByTestId(`m-tile-${tile}`).click();
  await page.getByTestId(`m-case-${caseId}`).click();
  await page.getByTestId(`m-action-${action}`).click();
  if (action === 'rate') await page.getByTestId('m-rating-satisfied').click();
  await page.getByTestId('m-action-note').locator('textarea').fill(note);
  if (photo) {
    await page.locator('.adm-popup input[type=file]').setInputFiles(await photoFile(photo));
    await page.locator('.adm-popup .adm-image-uploader-cell img').waitFor();
  }
  await page.getByTestId('m-action-submit').click();
  await page.getByTestId('m-case-status').filter({ hasNotText: '' }).waitFor();
}

describe.skipIf(!chromePath())('the closed loop, by four people in four browsers', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('report with a photo → accept and dispatch → resolve with a photo → verify → close → rate → KPI changes', async () => {
    const { browser, baseUrl } = e2e;
    const worker = await phoneLogin(browser, baseUrl, '13800000005');
    const operator = await consoleLogin(browser, baseUrl, '13800000003');
    const staff = await phoneLogin(browser, baseUrl, '13800000004');
    const supervisor = await consoleLogin(browser, baseUrl, '13800000002');
    const closedBefore = await supervisor
      .getByTestId('kpi-closed')
      .locator('.ant-statistic-content-value')
      .textContent();

    // 1. The grid worker reports from the phone, with a photo.
    await worker.getByTestId('m-tile-report').click();
    await worker.getByTestId('m-report-matter').click();
    await worker.getByRole('button', { name: /确定|OK/ }).click();
    await worker.getByTestId('m-report-description').locator('textarea').fill(DESCRIPTION);
    await worker.locator('input[type=file]').setInputFiles(await photoFile('road.jpg'));
    await worker.locator('.adm-image-uploader-cell img').waitFor();
    await e2e.screenshot(worker, 'loop-01-report');
    await worker.getByTestId('m-report-submit').click();
    await worker.getByTestId('m-case-status').waitFor();
    expect(await worker.getByTestId('m-case-status').textContent()).toBe('待受理');
    const caseId = await worker.evaluate(async () => {
      const res = await fetch('/api/v1/cases?scope=mine&limit=1');
      return ((await res.json()) as { items: { id: string }[] }).items[0]?.id as string;
    });
    await worker.goto(`${baseUrl}/mobile/`);

    // 2. The command center accepts and dispatches it to 村镇建设岗.
    await operator.reload();
    await operator.getByRole('row').filter({ hasText: DESCRIPTION }).click();
    await operator.getByTestId('case-action-accept').click();
    await operator
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await operator.getByTestId('case-action-dispatch').click();
    await operator.getByTestId('dispatch-lead').click();
    await operator.getByTitle(/村镇建设岗/).click();
    await operator
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await operator.getByTestId('case-timeline').getByText('派遣').waitFor();
    await e2e.screenshot(operator, 'loop-02-dispatched');

    // 3. The post resolves it on the phone, with a photo of the repair.
    await actOnPhone(staff, 'myCases', caseId, 'resolve', '已回填压实，恢复通行', 'repaired.jpg');
    expect(await staff.getByTestId('m-case-status').textContent()).toBe('待核查');

    // 4. The grid worker checks on site and verifies.
    await actOnPhone(worker, 'myGrid', caseId, 'verify', '现场核查，已修复');
    expect(await worker.getByTestId('m-case-status').textContent()).toBe('待结案');

    // 5. The center closes it.
    await operator.keyboard.press('Escape');
    await operator.getByText('全部事件').click();
    await operator.getByRole('row').filter({ hasText: DESCRIPTION }).click();
    await operator.getByTestId('case-action-close').click();
    await operator
      .getByRole('dialog')
      .getByRole('button', { name: /提\s*交/ })
      .click();
    await operator.getByTestId('case-timeline').getByText('结案').waitFor();

    // 6. The reporter rates it.
    await worker.goto(`${baseUrl}/mobile/`);
    await actOnPhone(worker, 'myReports', caseId, 'rate', '修得很快');
    await e2e.screenshot(worker, 'loop-03-rated');

    // 7. The district sees one more case closed this month.
    await supervisor.reload();
    await supervisor.getByTestId('kpi-panel').waitFor();
    await expect
      .poll(async () =>
        supervisor.getByTestId('kpi-closed').locator('.ant-statistic-content-value').textContent(),
      )
      .toBe(String(Number(closedBefore) + 1));
    await e2e.screenshot(supervisor, 'loop-04-kpi');
    const detail = await operator.evaluate(async (id) => (await fetch(`/api/v1/cases/${id}`)).json(), caseId);
    expect(detail.status).toBe('closed');
    expect(detail.rating).toBe('satisfied');
    expect(detail.photos).toHaveLength(2);
  }, 240_000);
});
