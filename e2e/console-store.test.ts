import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phonePhoto } from '../server/src/photos/fixtures';
import { loadConfig } from '../server/src/platform/config';
import { seedPointsDemo } from '../server/src/points/demo';
import { seedRegistryDemo } from '../server/src/registry/demo';
import { registrySecrets } from '../server/src/registry/secrets';
import { signedIn } from '../server/src/testing/client';
import { DEMO, unitNamed } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, phoneLogin, startE2E } from './harness';

/** Opens a unit in the unit picker's dropdown tree by its switcher, a level at a time. */
async function expandInPicker(page: Page, name: string) {
  const node = page.locator('.ant-select-tree-treenode', { has: page.getByTitle(name, { exact: true }) });
  await node.locator('.ant-select-tree-switcher').click();
  await node.locator('.ant-select-tree-switcher_open').waitFor();
}
const pickInTree = (page: Page, name: string) =>
  page.locator('.ant-select-tree-treenode').getByTitle(name, { exact: true }).click();

describe.skipIf(!chromePath())('the console 积分超市: goods, rules, cancellations and reversals', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    await seedRegistryDemo(e2e.database.db, registrySecrets(loadConfig({ NODE_ENV: 'test' }).registryKey));
    await seedPointsDemo(e2e.database.db);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('stocks a pictured item and takes one off the shelf (the phone shows exactly that), versions a rule, cancels a redemption with a reason, reverses an award', async () => {
    const { browser, baseUrl, app, database } = e2e;
    const desk = await consoleLogin(browser, baseUrl, DEMO.zhisheng.operator);
    await desk.getByRole('menuitem', { name: /积分超市/ }).click();

    // Goods: a new item with a picture, and the towels taken off the shelf.
    await desk.getByRole('tab', { name: '商品' }).click();
    await desk.getByTestId('store-village').click();
    await expandInPicker(desk, '直升镇');
    await pickInTree(desk, '万宝村');
    await desk.getByTestId('store-item-肥皂').waitFor();
    await desk.getByTestId('store-item-create').click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByLabel('商品名称').fill('搪瓷杯');
    await dialog.getByLabel('所需积分').fill('3');
    await dialog.getByLabel('库存').fill('2');
    const uploaded = desk.waitForResponse((r) => r.url().endsWith('/api/v1/photos'));
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'cup.jpg',
      mimeType: 'image/jpeg',
      buffer: await phonePhoto({ width: 400, height: 400 }),
    });
    await uploaded;
    await dialog.locator('.ant-upload-list-item-done').waitFor();
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    const cup = desk.getByTestId('store-item-搪瓷杯');
    await cup.waitFor();
    expect(await cup.textContent()).toContain('在售');
    await cup.locator('img').waitFor();
    await desk
      .getByTestId('store-item-毛巾')
      .getByRole('button', { name: /下\s*架/ })
      .click();
    await desk.getByTestId('store-item-毛巾').getByText('已下架').waitFor();
    await e2e.screenshot(desk, 'store-01-items');

    // The resident's phone shows the cup with its picture, and no towels.
    await seedAward(app, database.db, 10);
    const phone = await phoneLogin(browser, baseUrl, DEMO.zhisheng.resident);
    await phone.getByTestId('m-tile-points').click();
    await phone.getByRole('tab', { name: '积分超市' }).click();
    const phoneCup = phone.getByTestId('m-store-item-搪瓷杯');
    await phoneCup.waitFor();
    await expect
      .poll(() => phoneCup.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    expect(await phone.getByTestId('m-store-item-毛巾').count()).toBe(0);

    // Rules: a new version of 参加巡逻值守 worth 4, the old one kept with its end.
    await desk.getByRole('tab', { name: '积分规则' }).click();
    await desk.getByTestId('rule-PATROL_SHIFT-current').getByRole('button', { name: '新版本' }).click();
    const ruleDialog = desk.getByRole('dialog');
    await ruleDialog.getByLabel('积分', { exact: true }).fill('4');
    await ruleDialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await desk.getByTestId('rule-PATROL_SHIFT-old').waitFor();
    expect(await desk.getByTestId('rule-PATROL_SHIFT-current').textContent()).toContain('+4');
    expect(await desk.getByTestId('rule-PATROL_SHIFT-old').textContent()).toContain('+3');
    await e2e.screenshot(desk, 'store-02-rules');

    // The resident redeems the cup; the center cancels it with a reason, which the phone shows.
    const resident = await signedIn(app, DEMO.zhisheng.resident);
    const items = (await resident.get('/api/v1/store/mine')).body.items as { id: string; name: string }[];
    const held = await resident.post('/api/v1/store/redemptions', {
      id: uuidv7(),
      itemId: items.find((i) => i.name === '搪瓷杯')?.id,
    });
    expect(held.status).toBe(201);
    await desk.getByRole('tab', { name: '兑换登记' }).click();
    await desk.getByTestId(`redemption-cancel-${held.body.id}`).click();
    await desk.getByRole('dialog').getByLabel('取消原因（会告知居民）').fill('杯子已破损，请换别的');
    await desk
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await desk.getByTestId(`redemption-row-${held.body.id}`).waitFor({ state: 'detached' });
    await phone.goto(`${baseUrl}/mobile/`);
    await phone.getByTestId('m-tile-points').click();
    await phone.getByRole('tab', { name: '我的兑换' }).click();
    const cancelled = phone.getByTestId(`m-redemption-${held.body.id}`);
    expect(await cancelled.getByTestId('m-redemption-status').textContent()).toBe('已取消');
    expect(await cancelled.textContent()).toContain('杯子已破损');
    expect(await phone.getByTestId('m-points-available').textContent()).toBe('10');

    // Ledger: the award is reversed with a reason; the household is back to 0.
    await desk.getByRole('tab', { name: '住户积分' }).click();
    await desk.getByTestId('ledger-courtyard').click();
    await expandInPicker(desk, '直升镇');
    await expandInPicker(desk, '万宝村');
    await expandInPicker(desk, '第一网格');
    await pickInTree(desk, '椒香小院');
    await desk.getByTestId('ledger-household').click();
    await desk.getByTitle('3组12号 · 刘德明').click();
    await desk.getByTestId('ledger-available').getByText('10', { exact: true }).waitFor();
    await desk.getByTestId('ledger-reverse').first().click();
    await desk.getByRole('dialog').getByLabel('冲正原因').fill('误记，应为别户');
    await desk
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await desk.getByTestId('ledger-available').getByText('0', { exact: true }).waitFor();
    expect(await desk.getByText('已冲正').count()).toBe(1);
    await e2e.screenshot(desk, 'store-03-ledger');
  }, 240_000);
});

/** The center awards the resident's household points by hand, under a rule of its own, over the API. */
async function seedAward(app: E2E['app'], db: E2E['database']['db'], points: number) {
  const operator = await signedIn(app, DEMO.zhisheng.operator);
  const village = await unitNamed(db, '万宝村');
  const rule = await operator.post('/api/v1/points/rules', {
    unitId: village.id,
    actionCode: 'VOLUNTEER_DAY',
    name: '志愿服务日',
    points,
    awarders: ['center_operator'],
  });
  if (rule.status !== 201) throw new Error(`rule: ${rule.status}`);
  const resident = await signedIn(app, DEMO.zhisheng.resident);
  const mine = (await resident.get('/api/v1/points/mine')).body as { points: { householdId: string } };
  const award = await operator.post('/api/v1/points/awards', {
    id: uuidv7(),
    householdId: mine.points.householdId,
    actionCode: 'VOLUNTEER_DAY',
    reason: '参加志愿服务日',
  });
  if (award.status !== 201) throw new Error(`award: ${award.status}`);
}
