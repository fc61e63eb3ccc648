import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../server/src/testing/client';
import { DEMO } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, fileResidentReport, startE2E } from './harness';

const DESCRIPTION = '村口排洪沟堵塞三个月，多次上报仍未清理';

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
    await desk.keyboard.press('Escape');

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
});
