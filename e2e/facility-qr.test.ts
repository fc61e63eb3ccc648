import sharp from 'sharp';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../server/src/testing/client';
import { unitNamed } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, PHONE, phoneLogin, startE2E } from './harness';

const CODE = 'WB-BIN-007';

async function photoFile(name: string) {
  const buffer = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 60, g: 110, b: 80 } },
  })
    .jpeg()
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

describe.skipIf(!chromePath())('a full bin, from its QR code to the villager told it was emptied', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('scan on a 360 px phone → sign in → "full" in one tap → the cleaner resolves with a photo → the reporter sees it resolved', async () => {
    const { browser, baseUrl } = e2e;

    // 1. A villager's camera opens the label's URL; the app asks them to sign in, then shows the bin.
    const villager = await (await browser.newContext(PHONE)).newPage();
    await villager.goto(`${baseUrl}/q/${CODE}`);
    expect(new URL(villager.url()).search).toBe(`?facility=${CODE}`);
    await villager.getByTestId('m-login-phone').locator('input').fill('13800000008');
    await villager.getByTestId('m-login-password').locator('input').fill('Xiaoyuan@2026');
    await villager.getByTestId('m-login-submit').click();
    await villager.getByTestId('m-facility-title').waitFor();
    expect(await villager.getByTestId('m-facility-title').textContent()).toBe(`垃圾桶 · ${CODE}`);
    await e2e.screenshot(villager, 'facility-01-scanned');

    // 2. One tap files it, straight to the village's cleaner.
    await villager.getByTestId('m-facility-full').click();
    await villager.getByTestId('m-facility-result').waitFor({ state: 'attached' });
    expect(await villager.getByTestId('m-facility-result').textContent()).toBe('dispatched');
    await villager.getByText(/已派给/).waitFor();
    await e2e.screenshot(villager, 'facility-02-sent');
    await villager.getByTestId('m-facility-view-case').click();
    await villager.getByTestId('m-case-status').waitFor();
    expect(await villager.getByTestId('m-case-status').textContent()).toBe('已派遣');
    const caseId = await villager.evaluate(async () => {
      const res = await fetch('/api/v1/cases?scope=mine&limit=1');
      return ((await res.json()) as { items: { id: string }[] }).items[0]?.id as string;
    });
    expect(new URL(villager.url()).search).toBe('');

    // 3. The cleaner finds it among the pickups, empties the bin and resolves it with a photo.
    const cleaner = await phoneLogin(browser, baseUrl, '13800000009');
    await cleaner.getByTestId('m-tile-pickups').click();
    await cleaner.getByTestId(`m-case-${caseId}`).click();
    await cleaner.getByTestId('m-action-resolve').click();
    await cleaner.getByTestId('m-action-note').locator('textarea').fill('已清运，桶已归位');
    await cleaner.locator('.adm-popup input[type=file]').setInputFiles(await photoFile('emptied.jpg'));
    await cleaner.locator('.adm-popup .adm-image-uploader-cell img').waitFor();
    await cleaner.getByTestId('m-action-submit').click();
    await expect.poll(() => cleaner.getByTestId('m-case-status').textContent()).toBe('待核查');
    await e2e.screenshot(cleaner, 'facility-03-resolved-by-cleaner');

    // 4. The villager is told in the inbox and sees the case resolved, with the cleaner's photo.
    await villager.goto(`${baseUrl}/mobile/`);
    await villager.getByText('消息').click();
    await villager
      .getByText(/事件办结/)
      .first()
      .click();
    await villager.getByTestId('m-case-status').waitFor();
    expect(await villager.getByTestId('m-case-status').textContent()).toBe('待核查');
    await villager.getByText('办结', { exact: true }).waitFor();
    await e2e.screenshot(villager, 'facility-04-reporter-sees-resolved');
    const detail = await villager.evaluate(async (id) => (await fetch(`/api/v1/cases/${id}`)).json(), caseId);
    expect(detail.status).toBe('resolved');
    expect(detail.photos).toHaveLength(1);
    // Usable at 360 px: nothing wider than the screen.
    expect(await villager.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }, 180_000);
});

describe.skipIf(!chromePath())('the console plans the round from how often each bin fills', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the busiest bin comes first, and the village’s labels print on A4', async () => {
    const resident = await signedIn(e2e.app, '13800000008');
    const cleaner = await signedIn(e2e.app, '13800000009');
    // WB-BIN-012 fills twice (emptied in between), and a neighbour also reports it once.
    for (let round = 0; round < 2; round++) {
      const filed = await resident.post('/api/v1/facilities/by-code/WB-BIN-012/reports', {
        id: uuidv7(),
        problem: 'full',
      });
      expect(filed.status).toBe(201);
      if (round === 0) {
        const head = await signedIn(e2e.app, '13800000006');
        await head.post('/api/v1/facilities/by-code/WB-BIN-012/reports', { id: uuidv7(), problem: 'full' });
      }
      const done = await cleaner.post(`/api/v1/cases/${filed.body.caseId}/actions`, {
        action: 'resolve',
        note: '已清运',
      });
      expect(done.status).toBe(200);
    }

    const operator = await consoleLogin(e2e.browser, e2e.baseUrl, '13800000003');
    await operator.getByRole('menuitem', { name: /设施/ }).click();
    await operator.getByTestId('facility-row-WB-BIN-012').waitFor();
    const first = operator.locator('tbody tr.ant-table-row').first();
    expect(await first.getAttribute('data-testid')).toBe('facility-row-WB-BIN-012');
    expect(await operator.getByTestId('facility-cases-WB-BIN-012').textContent()).toBe('2 ');
    await e2e.screenshot(operator, 'facility-05-console-ranking');

    // The operator renames the bin's place after moving it across the lane.
    await operator
      .getByTestId('facility-row-WB-BIN-012')
      .getByRole('button', { name: /编\s*辑/ })
      .click();
    await operator.getByTestId('facility-place').fill('乐善小院村道对面');
    await operator
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await operator.getByTestId('facility-row-WB-BIN-012').getByText('乐善小院村道对面').waitFor();

    const village = await unitNamed(e2e.database.db, '万宝村');
    const sheet = await operator.context().newPage();
    await sheet.goto(`${e2e.baseUrl}/api/v1/org/units/${village.id}/facility-labels`);
    await sheet.locator('figure.label svg').first().waitFor();
    expect(await sheet.locator('figure.label').count()).toBeGreaterThanOrEqual(24);
    await sheet.emulateMedia({ media: 'print' });
    await e2e.screenshot(sheet, 'facility-06-labels');
  }, 180_000);
});
