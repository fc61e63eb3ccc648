import { chinaMonth } from '@domain/points/rules';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { households, users } from '../server/src/db/schema';
import { bindToNewHousehold, boundPeople } from '../server/src/points/fixtures';
import { DEMO, unitNamed } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, phoneLogin, startE2E } from './harness';

describe.skipIf(!chromePath())(
  '自治考评: the head scores on the phone and the resident sees the scorecard',
  () => {
    let e2e: E2E;
    beforeAll(async () => {
      e2e = await startE2E();
      const db = e2e.database.db;
      const yard = await unitNamed(db, '椒香小院');
      const [me] = await db.select().from(users).where(eq(users.phone, DEMO.zhisheng.resident));
      const mine = await bindToNewHousehold(db, (me as { id: string }).id, yard);
      const [n1, n2] = await boundPeople(db, yard, 2);
      // Addresses the head would know, in the order the phone lists them.
      const named: [string, string][] = [
        [mine, '3组12号'],
        [(n1 as { householdId: string }).householdId, '3组14号'],
        [(n2 as { householdId: string }).householdId, '3组15号'],
      ];
      for (const [id, address] of named)
        await db.update(households).set({ address }).where(eq(households.id, id));
    });
    afterAll(async () => {
      await e2e?.close();
    });

    it('scores two households, marks the third unscored, publishes; the resident sees 98 分 and +20 积分', async () => {
      const { browser, baseUrl } = e2e;
      const month = chinaMonth(new Date());
      const head = await phoneLogin(browser, baseUrl, DEMO.zhisheng.courtyardHead);
      await head.getByTestId('m-tile-evaluate').click();
      await head.getByTestId('m-eval-open-椒香小院').click();
      await head.getByTestId('m-eval-household').waitFor();
      expect(await head.getByTestId('m-eval-household').textContent()).toContain('3组12号');

      // Household 1: full marks on everything, then two off 环境卫生 with a note.
      for (const key of ['hygiene', 'harmony', 'customs', 'law'])
        await head.getByTestId(`m-eval-max-${key}`).click();
      const minus = head.getByTestId('m-eval-step-hygiene').locator('.adm-stepper-minus');
      await minus.click();
      await minus.click();
      await head.getByTestId('m-eval-note-hygiene').locator('input').fill('门前柴堆未清');
      await head.getByTestId('m-eval-note-hygiene').locator('input').blur();
      await head.getByTestId('m-eval-total').getByText('合计 98 / 100 分').waitFor();
      await head.getByTestId('m-eval-saving').getByText('已保存').waitFor();
      expect(await head.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await e2e.screenshot(head, 'evaluation-01-scoring');

      // Household 2: full marks. Household 3 is left for next month.
      await head.getByTestId('m-eval-next').click();
      await head.getByTestId('m-eval-household').getByText('3组14号').waitFor();
      // No signal for a moment: the change stays on the phone and goes out again with one tap.
      await head.context().setOffline(true);
      await head.getByTestId('m-eval-max-hygiene').click();
      await head.getByTestId('m-eval-retry').waitFor();
      expect(await head.getByTestId('m-eval-publish').isDisabled()).toBe(true);
      await head.context().setOffline(false);
      await head.getByTestId('m-eval-retry').click();
      await head.getByTestId('m-eval-saving').getByText('已保存').waitFor();
      for (const key of ['hygiene', 'harmony', 'customs', 'law'])
        await head.getByTestId(`m-eval-max-${key}`).click();
      await head.getByTestId('m-eval-total').getByText('合计 100 / 100 分').waitFor();
      await head.getByTestId('m-eval-saving').getByText('已保存').waitFor();

      // A draft is not the resident's to see yet.
      const resident = await phoneLogin(browser, baseUrl, DEMO.zhisheng.resident);
      await resident.getByTestId('m-tile-scorecard').click();
      await resident.getByText('暂无已发布的考评').waitFor();

      await head.getByTestId('m-eval-publish').click();
      await head.waitForTimeout(1500);
      await e2e.screenshot(head, 'debug-publish');
      await head.getByTestId('m-eval-unscored-warning').getByText('1 户未评完').waitFor();
      await e2e.screenshot(head, 'evaluation-02-publish-confirm');
      await head.locator('.adm-dialog-footer').getByText('发布考评').click();
      await head.getByTestId('m-eval-saving').getByText('已发布').waitFor();
      expect(await head.getByTestId('m-eval-publish').count()).toBe(0);
      await head.getByTestId('m-eval-hh-2').click();
      await head.locator('.adm-card-header').getByText('本月不评').waitFor();
      await e2e.screenshot(head, 'evaluation-03-published');

      await resident.reload();
      await resident.getByTestId('m-greeting').waitFor();
      await resident.getByTestId('m-tile-scorecard').click();
      const card = resident.getByTestId(`m-scorecard-${month}`);
      await card.waitFor();
      expect(await resident.getByTestId(`m-scorecard-total-${month}`).textContent()).toBe('合计 98 / 100 分');
      expect(await resident.getByTestId(`m-scorecard-points-${month}`).textContent()).toBe('积分 +20');
      expect(await card.textContent()).toContain('门前柴堆未清');
      expect(await resident.getByTestId('m-scorecard-balance').textContent()).toContain('20');
      expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await e2e.screenshot(resident, 'evaluation-04-resident-scorecard');

      // The town's center reads the round across its area in the console.
      const desk = await consoleLogin(browser, baseUrl, DEMO.zhisheng.operator);
      await desk.getByRole('menuitem', { name: '自治考评' }).click();
      const row = desk.getByTestId(`eval-round-椒香小院-${month}`);
      await row.waitFor();
      expect(await row.textContent()).toContain('已发布');
      expect(await row.textContent()).toContain('2 / 3');
      await e2e.screenshot(desk, 'evaluation-05-console-rounds');

      // …and sets a new version of the town's template; the month just published keeps the old one.
      await desk.getByRole('tab', { name: '考评模板' }).click();
      await desk.getByTestId('eval-template-in-force').waitFor();
      await desk.getByTestId('eval-template-new').click();
      await desk.getByTestId('eval-template-name').fill('直升镇院落考评（2027版）');
      await desk.locator('.ant-modal-footer .ant-btn-primary').click();
      await desk.getByText('直升镇院落考评（2027版） · 直升镇').waitFor();
      expect(await desk.getByTestId('eval-template-in-force').count()).toBe(1);
      await e2e.screenshot(desk, 'evaluation-06-console-templates');
      await head.reload();
      await head.getByTestId('m-greeting').waitFor();
      await head.getByTestId('m-tile-evaluate').click();
      await head.getByTestId(`m-eval-round-椒香小院-${month}`).click();
      expect(await head.getByTestId('m-eval-total').textContent()).toBe('合计 98 / 100 分');
    });
  },
);
