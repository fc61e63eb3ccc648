import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../server/src/testing/client';
import { DEMO } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, fileResidentReport, startE2E } from './harness';

const DESCRIPTION = '跨村山坪塘渗漏，需多部门会商处置';

describe.skipIf(!chromePath())('console: a complex case is dispatched to a named leader (党工委牵头)', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the operator picks 党工委牵头 and a district leader, and the case shows who leads it', async () => {
    const operatorApi = await signedIn(e2e.app, DEMO.zhisheng.operator);
    const filed = await fileResidentReport(e2e, { description: DESCRIPTION });
    expect((await operatorApi.post(`/api/v1/cases/${filed.id}/actions`, { action: 'accept' })).status).toBe(
      200,
    );

    const operator = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.operator);
    await operator.getByText('全部事件').click();
    await operator.getByRole('row').filter({ hasText: DESCRIPTION }).click();
    await operator.getByTestId('case-action-dispatch').click();
    const dialog = operator.getByRole('dialog').filter({ hasText: '牵头方式' });
    await dialog.getByText('党工委牵头').click();
    await dialog.getByTestId('dispatch-lead-person').click();
    await operator.getByTitle(/区县督导/).click();
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await operator.getByTestId('case-timeline').getByText('派遣').waitFor();
    const supervisor = (await operatorApi.get(`/api/v1/cases/${filed.id}`)).body.leadUser as {
      name: string;
    };
    await operator.getByTestId('case-lead').filter({ hasText: supervisor.name }).waitFor();
    await e2e.screenshot(operator, 'dispatch-to-named-leader');
  });
});
