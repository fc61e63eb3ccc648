import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { posts, storeRedemptions } from '../server/src/db/schema';
import { loadConfig } from '../server/src/platform/config';
import { seedPointsDemo } from '../server/src/points/demo';
import { seedRegistryDemo } from '../server/src/registry/demo';
import { registrySecrets } from '../server/src/registry/secrets';
import { signedIn } from '../server/src/testing/client';
import { DEMO, unitNamed } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, fileResidentReport, phoneLogin, startE2E } from './harness';

const DESCRIPTION = '椒香小院院坝边垃圾堆放，无人清运';

/** The resident's 积分 page, opened fresh from the home screen. */
async function openPoints(page: Page, base: string) {
  await page.goto(`${base}/mobile/`);
  await page.getByTestId('m-tile-points').click();
  await page.getByTestId('m-points-available').waitFor();
}
const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();

describe.skipIf(!chromePath())('the points store journey, on phones and the console', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
    await seedRegistryDemo(e2e.database.db, registrySecrets(loadConfig({ NODE_ENV: 'test' }).registryKey));
    await seedPointsDemo(e2e.database.db);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('report verified → points rise → redeem on the phone (once, despite a lost answer) → hand-over confirmed in the console', async () => {
    const { browser, baseUrl, app, database } = e2e;

    // A report by the resident of 椒香小院, taken round the loop to resolved over the API.
    const { id: caseId } = await fileResidentReport(e2e, { description: DESCRIPTION });
    const operatorApi = await signedIn(app, DEMO.zhisheng.operator);
    const staffApi = await signedIn(app, DEMO.zhisheng.postStaff);
    const town = await unitNamed(database.db, '直升镇');
    const lead = (await database.db.select().from(posts).where(eq(posts.townId, town.id))).find(
      (p) => p.name === '村镇建设岗',
    ) as { id: string };
    const act = (client: typeof operatorApi, body: Record<string, unknown>) =>
      client.post(`/api/v1/cases/${caseId}/actions`, body);
    expect((await act(operatorApi, { action: 'accept' })).status).toBe(200);
    expect((await act(operatorApi, { action: 'dispatch', leadPostId: lead.id })).status).toBe(200);
    expect((await act(staffApi, { action: 'resolve', note: '已清运' })).body.status).toBe('resolved');

    // 1. Before: the resident's household has no points yet, and the store shows its goods.
    const resident = await phoneLogin(browser, baseUrl, DEMO.zhisheng.resident);
    await openPoints(resident, baseUrl);
    expect(await text(resident, 'm-points-available')).toBe('0');
    await e2e.screenshot(resident, 'points-01-before');

    // 2. The grid worker checks on site and verifies the report on the phone.
    const worker = await phoneLogin(browser, baseUrl, DEMO.zhisheng.gridWorker);
    await worker.getByTestId('m-tile-myGrid').click();
    await worker.getByTestId(`m-case-${caseId}`).click();
    await worker.getByTestId('m-action-verify').click();
    await worker.getByTestId('m-action-note').locator('textarea').fill('现场核查，已清运干净');
    await worker.getByTestId('m-action-submit').click();
    await worker.getByTestId('m-case-status').filter({ hasText: '待结案' }).waitFor();

    // 3. The courtyard head awards the household +3 for a patrol shift, from the 发放积分 tile.
    const head = await phoneLogin(browser, baseUrl, DEMO.zhisheng.courtyardHead);
    await head.getByTestId('m-tile-award').click();
    await head.getByTestId('m-award-search').locator('input').fill('3组12号');
    await head.locator('[data-testid^="m-award-household-"]').filter({ hasText: '3组12号' }).click();
    await head.getByText('参加巡逻值守').click();
    await head.getByTestId('m-award-reason').locator('textarea').fill('参加 11 月 28 日夜间巡逻');
    await e2e.screenshot(head, 'points-02-award');
    await head.getByTestId('m-award-submit').click();
    await head.getByTestId('m-award-done').waitFor();
    expect(await text(head, 'm-award-done')).toContain('+3');
    expect(await head.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // 4. The resident's points have risen: +5 for the verified report, +3 for the patrol.
    await openPoints(resident, baseUrl);
    expect(await text(resident, 'm-points-available')).toBe('8');
    const history = await resident.getByTestId('m-points-entries').textContent();
    expect(history).toContain('随手拍被核实');
    expect(history).toContain('+5');
    expect(history).toContain('参加巡逻值守');
    expect(history).toMatch(/2026\/\d{2}\/\d{2}/);
    await e2e.screenshot(resident, 'points-03-risen');

    // 5. In the store, what costs more than the household has cannot be redeemed.
    await resident.getByRole('tab', { name: '积分超市' }).click();
    const rice = resident.getByTestId('m-store-item-大米 10kg');
    expect(await rice.getByTestId('m-store-redeem').textContent()).toContain('积分不足');
    expect(await rice.getByTestId('m-store-redeem').isDisabled()).toBe(true);
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await e2e.screenshot(resident, 'points-04-store');

    // 6. The first tap reaches the server but its answer is lost: the phone says so, and the retry
    //    sends the same redemption id, so the household redeems once.
    const soap = resident.getByTestId('m-store-item-肥皂');
    await resident.route('**/api/v1/store/redemptions', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    });
    await soap.getByTestId('m-store-redeem').click();
    await resident.locator('.adm-dialog').getByText('用 5 积分兑换「肥皂」').waitFor();
    await resident.locator('.adm-dialog').getByRole('button', { name: '兑换' }).click();
    await resident.locator('.adm-dialog').getByText('重试不会重复兑换').waitFor();
    await resident.unroute('**/api/v1/store/redemptions');
    await resident.locator('.adm-dialog').getByRole('button', { name: '重试' }).click();
    const mine = resident.locator('[data-testid^="m-redemption-"]:not([data-testid="m-redemption-status"])');
    await mine.first().waitFor();
    expect(await mine.count()).toBe(1);
    expect(await mine.first().getByTestId('m-redemption-status').textContent()).toBe('待领取');
    expect(await text(resident, 'm-points-available')).toBe('3');
    expect(await text(resident, 'm-points-held')).toBe('兑换冻结 5');
    await e2e.screenshot(resident, 'points-05-redeemed');
    const held = await database.db.select().from(storeRedemptions).where(eq(storeRedemptions.status, 'held'));
    expect(held).toHaveLength(1);

    // 7. The command center hands the soap over and confirms it in the console.
    const operator = await consoleLogin(browser, baseUrl, DEMO.zhisheng.operator);
    await operator.getByRole('menuitem', { name: /积分超市/ }).click();
    const row = operator.getByTestId(`redemption-row-${held[0]?.id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('3组12号');
    await e2e.screenshot(operator, 'points-06-queue');
    await row.getByTestId(`redemption-confirm-${held[0]?.id}`).click();
    await operator.getByTestId('redemption-confirm-ok').click();
    await row.waitFor({ state: 'detached' });

    // 8. On the phone: collected, and the balance is lower by the price.
    await openPoints(resident, baseUrl);
    expect(await text(resident, 'm-points-available')).toBe('3');
    expect(await text(resident, 'm-points-balance')).toBe('积分余额 3');
    expect(await text(resident, 'm-points-held')).toBe('兑换冻结 0');
    expect(await resident.getByTestId('m-points-entries').textContent()).toContain('兑换 肥皂');
    await resident.getByRole('tab', { name: '我的兑换' }).click();
    expect(await mine.first().getByTestId('m-redemption-status').textContent()).toBe('已领取');
    await e2e.screenshot(resident, 'points-07-collected');

    // 9. The courtyard's ranking board counts the month's earning (spending is not conduct): the
    //    household leads 椒香小院 with its 8 points, marked as ours.
    const householdId = await resident.evaluate(
      async () =>
        ((await (await fetch('/api/v1/points/mine')).json()) as { points: { householdId: string } }).points
          .householdId,
    );
    await resident.goto(`${baseUrl}/mobile/`);
    await resident.getByTestId('m-tile-leaderboard').click();
    const board = resident.getByTestId('m-lb-rows');
    await board.waitFor();
    const order = await board
      .locator('[data-testid^="m-lb-row-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')?.replace('m-lb-row-', '')));
    expect(order[0]).toBe(householdId);
    const ours = resident.getByTestId(`m-lb-row-${householdId}`);
    expect(await ours.getAttribute('data-mine')).toBe('true');
    expect(await ours.textContent()).toMatch(/(^|\D)8(\D|$)/);
    await e2e.screenshot(resident, 'points-08-ranking');
  }, 240_000);
});
