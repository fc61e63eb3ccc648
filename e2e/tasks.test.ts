import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf } from '../domain/src/tasks/periods';
import { orgUnits, roleGrants, users } from '../server/src/db/schema';
import { phonePhoto } from '../server/src/photos/fixtures';
import { signedIn } from '../server/src/testing/client';
import { DEMO } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, phoneLogin, startE2E } from './harness';

/** Nothing on the phone's page is wider than the phone. */
async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

const pad = (n: number) => String(n).padStart(2, '0');
/** How the console's date picker reads a time typed in: local wall-clock time of the browser. */
const pickerText = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:00`;

describe.skipIf(!chromePath())(
  'task lists: a town issues, grid workers fulfil on the phone, the town scores',
  () => {
    let e2e: E2E;
    let grids: { id: string; name: string }[];
    let villageName: string;
    const secondWorker = '13900002002';

    beforeAll(async () => {
      e2e = await startE2E();
      const db = e2e.database.db;
      const [grant] = await db
        .select({ unitId: roleGrants.unitId })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .where(and(eq(users.phone, DEMO.zhisheng.gridWorker), eq(roleGrants.role, 'grid_worker')));
      const [first] = await db
        .select()
        .from(orgUnits)
        .where(eq(orgUnits.id, grant?.unitId as string));
      const village = await db
        .select()
        .from(orgUnits)
        .where(eq(orgUnits.id, first?.parentId as string));
      villageName = village[0]?.name as string;
      const siblings = await db
        .select()
        .from(orgUnits)
        .where(and(eq(orgUnits.parentId, first?.parentId as string), eq(orgUnits.kind, 'grid')))
        .orderBy(orgUnits.code);
      grids = [first, ...siblings.filter((g) => g.id !== first?.id).slice(0, 2)].map((g) => ({
        id: g?.id as string,
        name: g?.name as string,
      }));
      // The demo has one grid worker in 万宝村; the second grid gets its own for this journey.
      const admin = await signedIn(e2e.app, DEMO.admin);
      const made = await admin.post('/api/v1/users', {
        phone: secondWorker,
        name: '李网格',
        password: 'Xiaoyuan@2026',
        grants: [{ role: 'grid_worker', unitId: grids[1]?.id }],
      });
      expect(made.status).toBe(201);
    });
    afterAll(async () => {
      await e2e?.close();
    });

    it('issue to three grids → two workers fulfil with photos on a 360 px phone → scored → ranked', async () => {
      // 1. The 直升镇 command center issues the task to three grids of 万宝村.
      const desk = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.operator);
      await desk.getByRole('menuitem', { name: /任务清单/ }).click();
      await desk.getByTestId('task-issue').click();
      const dialog = desk.getByRole('dialog');
      await dialog.getByTestId('task-title').fill('冬季消防安全排查');
      await dialog.getByTestId('task-instructions').fill('逐户检查电动车充电、燃气和取暖设备');
      for (const grid of grids) {
        const title = `${villageName} ${grid.name}（网格）`;
        await dialog.locator('[data-testid=task-assignees] input').fill(`${villageName} ${grid.name}`);
        await desk.locator('.ant-select-tree-treenode').getByTitle(title, { exact: true }).click();
      }
      await dialog.getByTestId('task-item-title-0').fill('现场照片');
      await dialog.getByTestId('task-add-item').click();
      await dialog.getByTestId('task-item-title-1').fill('发现的隐患');
      // Due in a few minutes, so that the journey can also read the week's summary once it has passed.
      const due = new Date(Date.now() + 6 * 60_000);
      const picker = dialog.locator('.ant-picker input');
      await picker.click();
      await picker.fill(pickerText(due));
      await picker.press('Enter');
      await e2e.screenshot(desk, 'tasks-01-console-issue');
      const issued = desk.waitForResponse(
        (r) => r.url().endsWith('/api/v1/tasks') && r.request().method() === 'POST',
      );
      await dialog.getByTestId('task-send').click();
      expect((await issued).status()).toBe(201);
      const drawer = desk.locator('.ant-drawer');
      for (const grid of grids) await drawer.getByTestId(`assignment-${grid.name}`).waitFor();
      await e2e.screenshot(desk, 'tasks-02-console-issued');

      // 2. Two grid workers fulfil it on their phones, each with a photo taken on site.
      for (const [phone, n] of [
        [DEMO.zhisheng.gridWorker, 1],
        [secondWorker, 2],
      ] as const) {
        const page = await phoneLogin(e2e.browser, e2e.baseUrl, phone);
        await page.getByTestId('m-tile-tasks').click();
        await page.getByText('冬季消防安全排查').click();
        const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/photos'));
        await page
          .getByTestId('m-task-item-0')
          .locator('input[type=file]')
          .setInputFiles({ name: `现场${n}.jpg`, mimeType: 'image/jpeg', buffer: await phonePhoto({}) });
        expect((await uploaded).status()).toBe(201);
        await page.getByTestId('m-task-save-0').click();
        await page.getByTestId('m-task-item-done-0').waitFor();
        await page
          .getByTestId('m-task-text-1')
          .locator('textarea')
          .fill(`第${n}网格：两户电动车入户充电，已劝改`);
        await page.getByTestId('m-task-save-1').click();
        await page.getByTestId('m-task-item-done-1').waitFor();
        await fitsPhone(page);
        if (n === 1) await e2e.screenshot(page, 'tasks-03-phone-fulfilled');
        await page.getByTestId('m-task-submit').click();
        await page.locator('.adm-dialog-button-bold', { hasText: '确定' }).click();
        await expect.poll(() => page.getByTestId('m-task-status').textContent()).toBe('已提交');
        if (n === 1) await e2e.screenshot(page, 'tasks-04-phone-submitted');
        await page.context().close();
      }

      // 3. The issuer scores both against the items (对单考核).
      await desk.reload();
      await desk.getByRole('menuitem', { name: /任务清单/ }).click();
      await desk.getByText('冬季消防安全排查').click();
      for (const [grid, photoScore] of [
        [grids[0], 10],
        [grids[1], 6],
      ] as const) {
        await drawer.getByTestId(`review-${grid?.name}`).click();
        const review = desk.getByRole('dialog').filter({ has: desk.getByTestId('review-status') });
        await review.locator('img').first().waitFor();
        await review.getByTestId('score-0').locator('input').fill(String(photoScore));
        const scored = desk.waitForResponse((r) => r.url().endsWith('/score'));
        await review.getByTestId('score-send').click();
        expect((await scored).status()).toBe(200);
        await review.getByTestId('review-score').waitFor();
        if (photoScore === 10) await e2e.screenshot(desk, 'tasks-05-console-scored');
        await review.getByRole('button', { name: /close|关闭/i }).click();
      }

      // 4. The ranking of grids shows the scores: the first grid 100, the second 80, the third not yet due.
      await desk.locator('.ant-drawer-close').click();
      await desk.getByRole('tab', { name: '考核排名' }).click();
      const month = periodOf('monthly', due).key;
      const period = desk.getByTestId('ranking-period').locator('input');
      await period.fill(month);
      await period.press('Enter');
      const table = desk.getByTestId('ranking-table');
      const firstRow = table.locator('tbody tr').first();
      await expect.poll(() => firstRow.textContent()).toContain(grids[0]?.name as string);
      expect(await firstRow.textContent()).toContain('100');
      expect(await table.locator('tbody tr').nth(1).textContent()).toContain('80');
      await e2e.screenshot(desk, 'tasks-06-console-ranking');

      // 5. Once the deadline has passed, the town's weekly summary (周小结) counts the task: three
      //    assignments due, two handed in on time, and the two grids' scores.
      const deadline = Math.floor(due.getTime() / 60_000) * 60_000;
      await expect
        .poll(() => Date.now() > deadline + 1_000, { timeout: 420_000, interval: 2_000 })
        .toBe(true);
      await desk.getByRole('menuitem', { name: /通报总结/ }).click();
      await desk.getByTestId('report-kind').getByText('周小结').click();
      const made = desk.waitForResponse(
        (r) => r.url().endsWith('/api/v1/reports') && r.request().method() === 'POST',
      );
      await desk.getByTestId('report-generate').click();
      expect((await made).status()).toBe(201);
      const figures = desk.getByTestId('report-figures');
      await figures.waitFor();
      const cell = async (label: string) =>
        figures.getByRole('row').filter({ hasText: label }).first().locator('td').first().textContent();
      expect(await cell('到期任务')).toBe('3');
      expect(await cell('按期完成任务')).toBe('2');
      const scores = desk.getByTestId('report-task-scores');
      expect(
        await scores
          .getByRole('row')
          .filter({ hasText: grids[0]?.name as string })
          .textContent(),
      ).toContain('100.0');
      expect(
        await scores
          .getByRole('row')
          .filter({ hasText: grids[1]?.name as string })
          .textContent(),
      ).toContain('80.0');
      await e2e.screenshot(desk, 'tasks-08-console-weekly-summary');
    }, 720_000);

    it('issues a task in working days (按工作日计): N个工作日 for a one-off task, the last working day for a recurring one', async () => {
      const desk = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.operator);
      await desk.getByRole('menuitem', { name: /任务清单/ }).click();
      await desk.getByTestId('task-issue').click();
      const dialog = desk.getByRole('dialog');
      await dialog.getByTestId('task-title').fill('节前安全检查');
      const grid = grids[0] as { id: string; name: string };
      await dialog.locator('[data-testid=task-assignees] input').fill(`${villageName} ${grid.name}`);
      await desk
        .locator('.ant-select-tree-treenode')
        .getByTitle(`${villageName} ${grid.name}（网格）`, { exact: true })
        .click();
      await dialog.getByTestId('task-item-title-0').fill('现场照片');
      await dialog.getByTestId('task-working-days').click();
      // The date picker gives way to a number of working days, with the rule spelled out.
      expect(await dialog.locator('.ant-picker').count()).toBe(0);
      expect(await dialog.getByTestId('task-working-days-hint').textContent()).toContain('第 N 个工作日');
      const days = dialog.getByTestId('task-due-working-days');
      await days.fill('3');
      await e2e.screenshot(desk, 'tasks-07-console-working-days');
      const issued = desk.waitForResponse(
        (r) => r.url().endsWith('/api/v1/tasks') && r.request().method() === 'POST',
      );
      await dialog.getByTestId('task-send').click();
      const res = await issued;
      expect(res.status()).toBe(201);
      const task = await res.json();
      expect(task.dueInWorkingDays).toBe(3);
      await desk.locator('.ant-drawer-close').click();
      expect(await desk.getByTestId(`task-due-${task.id}`).first().textContent()).toContain('3个工作日');

      // A recurring task: the note says each instance falls due on its period's last working day.
      await desk.getByTestId('task-issue').click();
      await dialog.getByTestId('task-recurrence').click();
      await desk.locator('.ant-select-item-option', { hasText: '每周' }).click();
      await dialog.getByTestId('task-working-days').click();
      expect(await dialog.getByTestId('task-working-days-hint').textContent()).toContain('最后一个工作日');
      expect(await dialog.getByTestId('task-due-working-days').count()).toBe(0);
      await desk.context().close();
    });
  },
);
