import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../server/src/testing/client';
import { DEMO } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, fileResidentReport, startE2E } from './harness';

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

  it('a town operator records a field visit (蹲点指导) to 万宝村 and finds it in the list', async () => {
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
    await dialog.getByLabel('跟进事项（每行一项）').fill('水利站三日内查看河堤\n网格员补全巡查台账');
    const recorded = desk.waitForResponse(
      (r) => r.url().endsWith('/api/v1/field-visits') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    expect((await recorded).status()).toBe(201);
    const row = desk.getByRole('row').filter({ hasText: '三组河堤有渗水点' });
    await row.waitFor();
    expect(await row.textContent()).toContain('网格员补全巡查台账');
    expect(await row.textContent()).toContain('万宝村');
    await e2e.screenshot(desk, 'field-visits-01-list');
  });
});
