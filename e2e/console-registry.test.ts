import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawRosterRow } from '@domain/registry/roster';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnits } from '../server/src/db/schema';
import { loadConfig } from '../server/src/platform/config';
import { seedRegistryDemo } from '../server/src/registry/demo';
import { idNumberFor, rosterFile, withWrongCheck } from '../server/src/registry/fixtures';
import { registrySecrets } from '../server/src/registry/secrets';
import { DEMO, unitNamed } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, phoneLogin, startE2E } from './harness';

describe.skipIf(!chromePath())('console registry: an admin imports a roster and reveals an ID number', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    await seedRegistryDemo(e2e.database.db, registrySecrets(loadConfig({ NODE_ENV: 'test' }).registryKey));
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('imports with progress, lists the rejected rows, reveals a number with a reason, and logs it', async () => {
    const town = await unitNamed(e2e.database.db, '直升镇');
    const yards = await e2e.database.db
      .select({ code: orgUnits.code })
      .from(orgUnits)
      .where(and(eq(orgUnits.kind, 'courtyard'), like(orgUnits.path, `${town.path}%`)))
      .orderBy(orgUnits.code);
    const rows: RawRosterRow[] = Array.from({ length: 400 }, (_, i) => {
      const birth = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000);
      return {
        courtyard: yards[i % 20]?.code as string,
        address: `${Math.floor(i / 3) + 1}号`,
        name: `名册村民${i + 1}`,
        relation: i % 3 === 0 ? '户主' : '子女',
        gender: '',
        birthDate: '',
        phone: '',
        idNumber: idNumberFor(birth, 500 + (i % 400)),
        tags: '',
      };
    });
    (rows[5] as RawRosterRow).idNumber = withWrongCheck(rows[5]?.idNumber as string);
    (rows[77] as RawRosterRow).courtyard = '查无此院';
    const file = join(tmpdir(), `roster-${Date.now()}.xlsx`);
    writeFileSync(file, await rosterFile(rows));

    const page = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.admin);
    await page.getByRole('menuitem', { name: /信息采集/ }).click();
    await page.getByTestId('households').getByText('3组12号').waitFor();

    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-progress').waitFor();
    await page
      .getByTestId('import-status')
      .getByText(/导入完成/)
      .waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-status').textContent()).toBe(
      '导入完成：新增 398 人，已登记 0 人，未导入 2 行',
    );
    const rejected = await page.getByTestId('rejected-rows').locator('tbody tr').allTextContents();
    expect(rejected).toEqual([
      expect.stringContaining('身份证号校验位错误'),
      expect.stringContaining('小院不存在'),
    ]);
    await e2e.screenshot(page, 'registry-01-import-report');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();

    await page.getByTestId('households').getByText('3组12号').click();
    const residentsTable = page.getByTestId('residents');
    await residentsTable.getByText('刘德明').waitFor();
    const firstRow = residentsTable.locator('tbody tr', { hasText: '刘德明' });
    expect(await firstRow.getByTestId('value-idNumber').textContent()).toMatch(/^5002\*{10}\d{3}[\dX]$/);
    await firstRow.getByTestId('reveal-idNumber').click();
    await page.getByTestId('reveal-reason').fill('核对高龄补贴申请');
    await page
      .getByRole('dialog', { name: /查看完整身份证号/ })
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await firstRow
      .getByTestId('value-idNumber')
      .getByText(/^50022619680512\d{3}[\dX]$/)
      .waitFor();
    await e2e.screenshot(page, 'registry-02-revealed');
    await page.locator('.ant-drawer-close').click();

    await page.getByRole('tab', { name: '查看记录' }).click();
    await page.getByTestId('reveal-log').getByText('核对高龄补贴申请').waitFor();
    await e2e.screenshot(page, 'registry-03-reveal-log');
  }, 120_000);

  it('shows the resident his household masked on a 360 px phone, and takes a correction request', async () => {
    const phone = await phoneLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.resident);
    await phone.getByTestId('m-tile-myHousehold').click();
    const card = phone.getByTestId('m-household');
    await card.getByText('椒香小院 · 3组12号').waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('138****0008');
    expect(text).toMatch(/5002\*{10}\d{3}[\dX]/);
    expect(text).not.toMatch(/50022619\d{10}/);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.getByTestId('m-correction').locator('textarea').fill('我女儿的名字少登记了一个字');
    const sent = phone.waitForResponse((r) => r.url().endsWith('/api/v1/registry/corrections'));
    await phone.getByTestId('m-correction-send').click();
    expect((await sent).status()).toBe(201);
    await e2e.screenshot(phone, 'registry-04-phone-household');
  }, 60_000);

  it('lets a grid worker register a household on the phone and a courtyard head read its invite code', async () => {
    const phone = await phoneLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.gridWorker);
    await phone.getByTestId('m-tile-registry').click();
    await phone
      .getByTestId('m-households')
      .getByText(/3组12号/)
      .waitFor();
    await phone.getByTestId('m-new-household').click();
    await phone.locator('.adm-selector-item', { hasText: '椒香小院' }).click();
    await phone.getByTestId('m-household-address').locator('input').fill('3组20号');
    await phone.getByTestId('m-resident-name').locator('input').fill('周新民');
    await phone.locator('.adm-selector-item', { hasText: /^男$/ }).click();
    await phone.getByTestId('m-resident-birth').locator('input').fill('1975-06-15');
    await e2e.screenshot(phone, 'registry-05-phone-new-household');
    const saved = phone.waitForResponse((r) => r.url().endsWith('/api/v1/registry/households'));
    await phone.getByTestId('m-resident-save').click();
    expect((await saved).status()).toBe(201);
    await phone.getByText('椒香小院 · 3组20号').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const head = await phoneLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.courtyardHead);
    await head.getByTestId('m-tile-registry').click();
    await head
      .getByTestId('m-invite')
      .getByText(/^[2-9A-Z]{6}$/)
      .waitFor();
    await head
      .getByTestId('m-households')
      .getByText(/3组20号/)
      .waitFor();
    await e2e.screenshot(head, 'registry-06-head-invite');
  }, 60_000);

  it('lets staff resolve the resident’s correction request in the console', async () => {
    const page = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.operator);
    await page.getByRole('menuitem', { name: /信息采集/ }).click();
    await page.getByRole('tab', { name: '更正申请' }).click();
    const row = page
      .getByTestId('corrections')
      .locator('tbody tr', { hasText: '我女儿的名字少登记了一个字' });
    await row.getByRole('button', { name: '处理更正' }).click();
    await page.getByRole('dialog').locator('textarea').fill('已入户核实，改为刘小雨');
    const resolved = page.waitForResponse((r) => r.url().includes('/resolve'));
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    expect((await resolved).status()).toBe(204);
    await row.waitFor({ state: 'detached' });
    await e2e.screenshot(page, 'registry-07-correction-resolved');
  }, 60_000);
});
