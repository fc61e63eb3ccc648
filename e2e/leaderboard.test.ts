import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, type TestClient } from '../server/src/testing/client';
import { DEMO, unitNamed } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, phoneLogin, startE2E } from './harness';

describe.skipIf(!chromePath())('挂榜晾晒: the phone ranking, the console and the village TV', () => {
  let e2e: E2E;
  let operator: TestClient;
  let mine: string;
  let neighbour: string;
  let villageId: string;

  const award = async (householdId: string) => {
    const res = await operator.post('/api/v1/points/awards', {
      id: uuidv7(),
      householdId,
      actionCode: 'LB_GIFT',
      reason: '门前三包做得好',
    });
    expect(res.status).toBe(201);
  };

  beforeAll(async () => {
    e2e = await startE2E();
    const yard = await unitNamed(e2e.database.db, '椒香小院');
    const village = await unitNamed(e2e.database.db, '万宝村');
    villageId = village.id;
    const gridWorker = await signedIn(e2e.app, DEMO.zhisheng.gridWorker);
    const household = async (address: string, name: string) => {
      const res = await gridWorker.post('/api/v1/registry/households', {
        courtyardId: yard.id,
        address,
        residents: [{ name, relation: 'head', gender: 'male', birthDate: '1962-04-09' }],
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    mine = await household('椒香3组8号', '王大福');
    neighbour = await household('椒香3组9号', '李春生');
    // The resident joins with the courtyard's code and is bound to 王大福's household.
    const head = await signedIn(e2e.app, DEMO.zhisheng.courtyardHead);
    const invite = await head.get(`/api/v1/registry/courtyards/${yard.id}/invite`);
    const resident = await signedIn(e2e.app, DEMO.zhisheng.resident);
    const joined = await resident.post('/api/v1/registry/join', { code: invite.body.code });
    if (joined.body.status !== 'bound') {
      const requests = await gridWorker.get(`/api/v1/registry/bind-requests?unitId=${yard.id}`);
      const request = (requests.body as { id: string }[])[0] as { id: string };
      const decided = await gridWorker.post(`/api/v1/registry/bind-requests/${request.id}/decide`, {
        approve: true,
        householdId: mine,
      });
      expect(decided.status).toBe(200);
    }
    operator = await signedIn(e2e.app, DEMO.zhisheng.operator);
    const rule = await operator.post('/api/v1/points/rules', {
      unitId: village.id,
      actionCode: 'LB_GIFT',
      name: '门前三包',
      points: 10,
      awarders: ['center_operator'],
    });
    expect(rule.status).toBe(201);
    await award(neighbour);
    await award(neighbour);
    await award(mine);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the phone shows the order with my household marked; the TV shows it and updates by itself', async () => {
    const { browser, baseUrl } = e2e;
    const phone = await phoneLogin(browser, baseUrl, DEMO.zhisheng.resident);
    await phone.getByTestId('m-tile-leaderboard').click();
    const rows = phone.getByTestId('m-lb-rows');
    await rows.waitFor();
    const order = await rows
      .locator('[data-testid^="m-lb-row-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')?.replace('m-lb-row-', '')));
    expect(order.indexOf(neighbour)).toBeLessThan(order.indexOf(mine));
    const own = phone.getByTestId(`m-lb-row-${mine}`);
    expect(await own.getAttribute('data-mine')).toBe('true');
    expect(await own.textContent()).toContain('王家 · 3组8号');
    expect(await own.textContent()).toContain('我家');
    expect(await phone.getByTestId(`m-lb-row-${neighbour}`).textContent()).not.toContain('春生');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await e2e.screenshot(phone, 'leaderboard-01-phone-households');

    // The village's courtyards, per household, with 椒香小院 marked as ours.
    await phone.getByTestId('m-lb-level-courtyards-village').click();
    await phone.locator('[data-testid^="m-lb-row-"][data-mine="true"]').getByText('椒香小院').waitFor();
    await phone.getByTestId('m-lb-period-year').click();
    await phone.locator('[data-testid="m-lb-rows"][data-period="2026"]').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await e2e.screenshot(phone, 'leaderboard-02-phone-courtyards-year');

    // The operator makes the village TV's link in the console.
    const desk = await consoleLogin(browser, baseUrl, DEMO.zhisheng.operator);
    await desk.getByRole('menuitem', { name: /排行榜/ }).click();
    await desk.getByTestId('lb-table').locator('tbody tr').first().waitFor();
    await desk.getByTestId('lb-place').click();
    await desk
      .locator('.ant-select-item-option', { hasText: /万宝村$/ })
      .first()
      .click();
    await desk.getByTestId('lb-board-name').fill('村委会大厅');
    await desk.getByTestId('lb-board-make').click();
    const link = (await desk.getByTestId('lb-board-link').textContent()) as string;
    expect(link).toMatch(/\/mobile\/\?board=[A-Za-z0-9_-]{43}$/);
    await e2e.screenshot(desk, 'leaderboard-03-console-board-link');

    const tv = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await tv.goto(link.replace(/^https?:\/\/[^/]+/, baseUrl));
    const households = tv.getByTestId('board-households');
    await households.getByTestId(`board-row-${mine}`).waitFor();
    const tvOrder = () =>
      households
        .locator('[data-testid^="board-row-"]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')?.replace('board-row-', '')));
    expect((await tvOrder()).indexOf(neighbour)).toBeLessThan((await tvOrder()).indexOf(mine));
    expect(await tv.getByTestId('board-courtyards').textContent()).toContain('椒香小院');
    // Readable across a room: the rows' type is big, and the board fits the screen without scrolling.
    const fontPx = await households
      .locator('li')
      .first()
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(40);
    expect(await tv.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await e2e.screenshot(tv, 'leaderboard-04-tv-1920');

    // Two more awards to 王大福's household: the TV reorders by itself, with no reload.
    await tv.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    await award(mine);
    await award(mine);
    await tv.waitForFunction(
      ([first]) =>
        document
          .querySelector('[data-testid="board-households"] [data-testid^="board-row-"]')
          ?.getAttribute('data-testid') === `board-row-${first}`,
      [mine],
      { timeout: 15_000 },
    );
    expect(await tv.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await e2e.screenshot(tv, 'leaderboard-05-tv-updated');

    // The same board on a 1366 TV still fits.
    await tv.setViewportSize({ width: 1366, height: 768 });
    expect(await tv.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    expect(await tv.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await e2e.screenshot(tv, 'leaderboard-06-tv-1366');

    // Revoked in the console's API, the TV says so instead of showing stale rankings.
    const boards = await operator.get(`/api/v1/leaderboard/boards?villageId=${villageId}`);
    const board = (boards.body as { id: string; revokedAt: string | null }[]).find((b) => !b.revokedAt);
    expect((await operator.post(`/api/v1/leaderboard/boards/${board?.id}/revoke`)).status).toBe(200);
    await tv.getByTestId('board-gone').waitFor({ timeout: 15_000 });
    await e2e.screenshot(tv, 'leaderboard-07-tv-revoked');
  });
});
