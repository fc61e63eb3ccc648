import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../server/src/testing/client';
import { DEMO } from '../server/src/testing/demo';
import {
  chromePath,
  consoleLogin,
  type E2E,
  fileResidentReport,
  PHONE,
  phoneLogin,
  startE2E,
} from './harness';

const DESCRIPTION = '村口排洪沟堵塞三个月，多次上报仍未清理';

/** Opens a unit in the unit picker's dropdown tree by its switcher, a level at a time. */
async function expandInPicker(page: Page, name: string) {
  const node = page.locator('.ant-select-tree-treenode', { has: page.getByTitle(name, { exact: true }) });
  await node.locator('.ant-select-tree-switcher').click();
  await node.locator('.ant-select-tree-switcher_open').waitFor();
}

describe.skipIf(!chromePath())('console: 挂牌督办 from the case page to the closing review', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the operator places a case under supervision; it shows on the case and in the 督办 list; the closing review closes it', async () => {
    const operatorApi = await signedIn(e2e.app, DEMO.zhisheng.operator);
    const filed = await fileResidentReport(e2e, { description: DESCRIPTION });
    expect((await operatorApi.post(`/api/v1/cases/${filed.id}/actions`, { action: 'accept' })).status).toBe(
      200,
    );

    const desk = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.operator);
    await desk.getByText('全部事件').click();
    await desk.getByRole('row').filter({ hasText: DESCRIPTION }).click();
    await desk.getByTestId('case-supervise').click();
    const dialog = desk.getByRole('dialog', { name: '挂牌督办' });
    await dialog.getByTestId('supervise-supervisor').click();
    await desk
      .getByTitle(/区县督导/)
      .first()
      .click();
    await dialog.getByTestId('supervise-outcome').fill('一周内清通排洪沟，报送清理前后照片');
    await e2e.screenshot(desk, 'supervision-01-place');
    const placed = desk.waitForResponse(
      (r) => r.url().endsWith('/api/v1/supervisions') && r.request().method() === 'POST',
    );
    await dialog.getByTestId('supervise-ok').click();
    expect((await placed).status()).toBe(201);
    await desk.getByTestId('case-supervised').waitFor();
    expect(await desk.getByTestId('case-supervised').textContent()).toContain('督办');
    await e2e.screenshot(desk, 'supervision-02-case-mark');
    // Escape pressed while the dialog is still closing reaches the dialog, not the drawer: close it by hand.
    await dialog.waitFor({ state: 'hidden' });
    await desk.locator('.ant-drawer-close').click();
    await desk.locator('.ant-drawer-mask').waitFor({ state: 'hidden' });

    await desk.getByRole('menuitem', { name: /挂牌督办/ }).click();
    const row = desk.getByTestId(`supervision-row-${filed.id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('一周内清通排洪沟');
    expect(await row.textContent()).toContain('督办中');
    await e2e.screenshot(desk, 'supervision-03-list');

    await row.getByTestId('supervision-close').click();
    const review = desk.getByRole('dialog', { name: /销号审核/ });
    await review.getByText('达到要求').click();
    await review.getByTestId('supervision-note').fill('现场核实已清通，照片齐全');
    const closed = desk.waitForResponse((r) => r.url().endsWith('/close'));
    await review.getByTestId('supervision-close-ok').click();
    expect((await closed).status()).toBe(200);
    await row.waitFor({ state: 'detached' });

    await desk.getByTestId('supervision-filter').getByText('已销号').click();
    const done = desk.getByTestId(`supervision-row-${filed.id}`);
    await done.waitFor();
    expect(await done.textContent()).toContain('达到要求');
    expect(await done.textContent()).toContain('现场核实已清通');
    await e2e.screenshot(desk, 'supervision-04-closed');
  });

  it('the operator places a task under supervision from its drawer; the 督办 list labels it a task', async () => {
    const operatorApi = await signedIn(e2e.app, DEMO.zhisheng.operator);
    const me = (await operatorApi.get('/api/v1/auth/me')).body as { grants: { unitId: string }[] };
    const options = await operatorApi.get(`/api/v1/tasks/assignees?unitId=${me.grants[0]?.unitId}`);
    expect(options.status).toBe(200);
    const village = (options.body as { kind: string; id: string }[]).find((o) => o.kind === 'village');
    const issued = await operatorApi.post('/api/v1/tasks', {
      unitId: me.grants[0]?.unitId,
      title: '汛前河堤隐患排查',
      items: [{ title: '排查情况', evidence: 'text', maxScore: 10 }],
      assignees: [{ kind: 'village', id: village?.id }],
      dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    });
    expect(issued.status).toBe(201);
    const taskId = issued.body.id as string;

    const desk = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.operator);
    await desk.getByRole('menuitem', { name: /任务清单/ }).click();
    await desk.getByTestId(`task-row-${taskId}`).click();
    await desk.getByTestId('task-supervise').click();
    const dialog = desk.getByRole('dialog', { name: '挂牌督办' });
    await dialog.getByTestId('supervise-supervisor').click();
    await desk
      .getByTitle(/区县督导/)
      .first()
      .click();
    await dialog.getByTestId('supervise-outcome').fill('五日内各村报送排查结果');
    const placed = desk.waitForResponse(
      (r) => r.url().endsWith('/api/v1/supervisions') && r.request().method() === 'POST',
    );
    await dialog.getByTestId('supervise-ok').click();
    expect((await placed).status()).toBe(201);
    await desk.getByTestId('task-supervised').waitFor();
    expect(await desk.getByTestId('task-supervised').textContent()).toContain('督办');
    expect(await desk.getByTestId('task-supervise').count()).toBe(0);
    await e2e.screenshot(desk, 'supervision-05-task-mark');
    await desk.locator('.ant-drawer-close').click();
    await desk.locator('.ant-drawer-mask').waitFor({ state: 'hidden' });

    await desk.getByRole('menuitem', { name: /挂牌督办/ }).click();
    const row = desk.getByTestId(`supervision-row-${taskId}`);
    await row.waitFor();
    expect(await row.getByTestId('supervision-subject-type').textContent()).toBe('任务');
    expect(await row.textContent()).toContain('汛前河堤隐患排查');
    expect(await row.getByTestId('supervision-task-progress').textContent()).toContain('0/1');
    await e2e.screenshot(desk, 'supervision-06-task-list');
  });

  it('an admin sees 2027 marked 待公布核对, adds a day to it, and the change is in the history', async () => {
    const desk = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.admin);
    await desk.getByRole('menuitem', { name: /工作日历/ }).click();
    await desk.getByTestId('calendar-year').click();
    await desk.getByTitle('2027', { exact: true }).click();
    await desk.getByTestId('calendar-provisional').waitFor();
    await desk.getByText('春节（待公布核对）').first().waitFor();
    await e2e.screenshot(desk, 'calendar-01-provisional-2027');
    await desk.getByPlaceholder('日期').click();
    await desk.getByPlaceholder('日期').fill('2027-02-20');
    await desk.keyboard.press('Enter');
    await desk.getByPlaceholder('名称').fill('春节调休上班');
    await desk.getByText('放假', { exact: true }).first().click();
    await desk.getByTitle('调休上班').click();
    await desk.getByRole('button', { name: '添加日期' }).click();
    const saved = desk.waitForResponse((r) => r.url().endsWith('/api/v1/calendar/years/2027'));
    await desk.getByTestId('calendar-save').click();
    expect((await saved).status()).toBe(200);
    await desk.getByText(/新增：2027-02-20 春节调休上班/).waitFor();
    await e2e.screenshot(desk, 'calendar-02-edited');
  });

  it('a town operator records a field visit (蹲点指导) to 万宝村 with a follow-up task; the task shows in the list, opens from the visit, and reaches the grid worker', async () => {
    const TASK = '补全三组河堤巡查台账';
    const desk = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.operator);
    await desk.getByRole('menuitem', { name: /挂牌督办/ }).click();
    await desk.getByRole('tab', { name: '蹲点指导' }).click();
    await desk.getByTestId('field-visit-create').click();
    const dialog = desk.getByRole('dialog', { name: '记录蹲点指导' });
    await dialog.getByTestId('field-visit-unit').click();
    await expandInPicker(desk, '直升镇');
    await desk.locator('.ant-select-tree-treenode').getByTitle('万宝村', { exact: true }).click();
    await dialog.getByLabel('同行人员').fill('镇综治办 王干事');
    await dialog.getByLabel('发现问题').fill('三组河堤有渗水点，网格员巡查台账不全');
    await dialog.getByTestId('follow-up-add').click();
    await dialog.getByTestId('follow-up-title-0').fill(TASK);
    // The assignee defaults to the visited village; the picker offers the town's other units too.
    expect(await dialog.getByTestId('follow-up-assignee-0').textContent()).toContain(
      '所走访的村（社区）/ 网格',
    );
    await dialog.getByLabel('备注（每行一项）').fill('水利站三日内查看河堤');
    await e2e.screenshot(desk, 'field-visits-01-form');
    const recorded = desk.waitForResponse(
      (r) => r.url().endsWith('/api/v1/field-visits') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    const response = await recorded;
    expect(response.status()).toBe(201);
    const taskId = ((await response.json()) as { followUps: { taskId: string }[] }).followUps[0]?.taskId;
    const row = desk.getByRole('row').filter({ hasText: '三组河堤有渗水点' });
    await row.waitFor();
    expect(await row.textContent()).toContain('万宝村');
    expect(await row.textContent()).toContain('水利站三日内查看河堤');
    const followUp = row.getByTestId(`field-visit-follow-up-${taskId}`);
    expect(await followUp.textContent()).toContain(TASK);
    expect(await followUp.textContent()).toContain('已提交 0/1');
    await e2e.screenshot(desk, 'field-visits-02-list');

    await followUp.getByText(TASK).click();
    const drawer = desk.getByTestId('task-detail');
    await drawer.getByTestId('task-field-visit').waitFor();
    expect(await drawer.getByTestId('task-field-visit').textContent()).toContain('万宝村');
    await drawer.getByTestId('assignment-万宝村').waitFor();
    // The day picked is a Shanghai day: due at its last minute there.
    expect(await drawer.textContent()).toContain('23:59');
    await e2e.screenshot(desk, 'field-visits-03-task');
    await desk.locator('.ant-drawer-close').click();
    await desk.locator('.ant-drawer-mask').waitFor({ state: 'hidden' });

    await desk.getByRole('menuitem', { name: /任务清单/ }).click();
    const listed = desk.getByTestId(`task-row-${taskId}`);
    await listed.waitFor();
    expect(await listed.getByTestId('task-from-field-visit').textContent()).toBe('蹲点指导');

    // The village's grid worker finds it in 我的任务 on the phone.
    const phone = await phoneLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.gridWorker);
    await phone.getByTestId('m-tile-tasks').click();
    await phone.getByText(TASK).click();
    const origin = phone.getByTestId('m-task-field-visit');
    await origin.waitFor();
    expect(await origin.textContent()).toContain('蹲点指导：万宝村');
    await e2e.screenshot(phone, 'field-visits-04-grid-worker-tasks');
  });

  it('the field-visit form with a follow-up task is usable on a 360 px screen', async () => {
    const page = await (await e2e.browser.newContext(PHONE)).newPage();
    await page.goto(`${e2e.baseUrl}/console/`);
    await page.getByTestId('login-phone').fill(DEMO.zhisheng.operator);
    await page.getByTestId('login-password').fill('Xiaoyuan@2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    // The console's own header wraps rather than run off the screen.
    const header = page.getByTestId('console-header');
    expect(await header.evaluate((h) => h.scrollWidth)).toBeLessThanOrEqual(360);
    for (const button of await header.getByRole('button').all()) {
      const at = await button.boundingBox();
      expect(at && at.x >= 0 && at.x + at.width <= 360).toBe(true);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    const menu = page.getByRole('menuitem', { name: /挂牌督办/ });
    if (!(await menu.isVisible())) await page.locator('.ant-layout-sider-zero-width-trigger').click();
    await menu.click();
    await page.getByRole('tab', { name: '蹲点指导' }).click();
    await page.getByTestId('field-visit-create').click();
    const dialog = page.getByRole('dialog', { name: '记录蹲点指导' });
    // Typed into first: a click while the dialog still zooms in can land beside its moving button.
    await dialog.getByLabel('发现问题').fill('网格员巡查台账不全');
    await dialog.getByTestId('follow-up-add').click();
    const title = dialog.getByTestId('follow-up-title-0');
    await title.fill('补全巡查台账');
    const box = await title.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
    const assignee = await dialog.getByTestId('follow-up-assignee-0').boundingBox();
    expect(assignee && assignee.x + assignee.width <= 360).toBe(true);
    await e2e.screenshot(page, 'field-visits-05-form-360');
  });
});
