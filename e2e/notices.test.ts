import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phonePhoto } from '../server/src/photos/fixtures';
import { signedIn } from '../server/src/testing/client';
import { DEMO, unitNamed } from '../server/src/testing/demo';
import { chromePath, consoleLogin, type E2E, phoneLogin, startE2E } from './harness';

/** Opens a unit in the unit picker's dropdown tree by its switcher, a level at a time. */
async function expandInPicker(page: Page, name: string) {
  const node = page.locator('.ant-select-tree-treenode', { has: page.getByTitle(name, { exact: true }) });
  await node.locator('.ant-select-tree-switcher').click();
  await node.locator('.ant-select-tree-switcher_open').waitFor();
}

/** Nothing on the phone's page is wider than the phone. */
async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

describe.skipIf(!chromePath())('notices and the courtyard charter, console and phone', () => {
  let e2e: E2E;
  let householdId: string;

  beforeAll(async () => {
    e2e = await startE2E();
    // The resident's household is in the census and the resident bound to it, as the registry leaves them.
    const yard = await unitNamed(e2e.database.db, '椒香小院');
    const gridWorker = await signedIn(e2e.app, DEMO.zhisheng.gridWorker);
    const made = await gridWorker.post('/api/v1/registry/households', {
      courtyardId: yard.id,
      address: '椒香3组8号',
      residents: [
        {
          name: '王大福',
          relation: 'head',
          gender: 'male',
          birthDate: '1962-04-09',
          phone: DEMO.zhisheng.resident,
        },
      ],
    });
    expect(made.status).toBe(201);
    householdId = made.body.id;
    const head = await signedIn(e2e.app, DEMO.zhisheng.courtyardHead);
    const invite = await head.get(`/api/v1/registry/courtyards/${yard.id}/invite`);
    const resident = await signedIn(e2e.app, DEMO.zhisheng.resident);
    expect((await resident.post('/api/v1/registry/join', { code: invite.body.code })).body.status).toBe(
      'bound',
    );
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('operator publishes to 万宝村 → the resident opens it unread on a 360 px phone → the console counts 1 read', async () => {
    const desk = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.operator);
    await desk.getByRole('menuitem', { name: /通知/ }).click();
    await desk.getByTestId('notice-create').click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByTestId('notice-target').click();
    await expandInPicker(desk, '直升镇');
    await desk.locator('.ant-select-tree-treenode').getByTitle('万宝村', { exact: true }).click();
    await dialog.getByTestId('notice-title').fill('秸秆禁烧，共护蓝天');
    await dialog
      .getByTestId('notice-body')
      .fill('# 秋冬季秸秆禁烧\n- 不在田间地头焚烧秸秆\n- 发现焚烧请**及时上报**\n<b>不是HTML</b>');
    await dialog.getByTestId('notice-pinned').check();
    const uploaded = desk.waitForResponse((r) => r.url().endsWith('/api/v1/photos'));
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '宣传照.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto({}) });
    expect((await uploaded).status()).toBe(201);
    await dialog.locator('.ant-upload-list-item-done').waitFor();
    await e2e.screenshot(desk, 'notices-01-console-compose');
    const published = desk.waitForResponse(
      (r) => r.url().endsWith('/api/v1/notices') && r.request().method() === 'POST',
    );
    await dialog.getByTestId('notice-submit').click();
    const answer = await published;
    expect(answer.status()).toBe(201);
    const noticeId = ((await answer.json()) as { id: string }).id;
    await desk.getByTestId(`notice-reads-${noticeId}`).waitFor();
    expect(await desk.getByTestId(`notice-reads-${noticeId}`).textContent()).toMatch(/^0 \/ \d+ 人已读$/);

    const phone = await phoneLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.resident);
    await phone.getByTestId('m-tile-badge-notices').getByText('1').waitFor();
    await phone.getByTestId('m-tile-notices').click();
    await phone.getByTestId(`m-notice-unread-${noticeId}`).waitFor();
    await fitsPhone(phone);
    await e2e.screenshot(phone, 'notices-02-phone-unread');
    const read = phone.waitForResponse((r) => r.url().endsWith(`/api/v1/notices/${noticeId}/read`));
    await phone.getByTestId(`m-notice-${noticeId}`).click();
    expect((await read).status()).toBe(200);
    const detail = phone.getByTestId('m-notice-detail');
    await detail.getByText('及时上报').waitFor();
    expect(await detail.locator('strong').textContent()).toBe('及时上报');
    expect(await detail.textContent()).toContain('<b>不是HTML</b>');
    const photo = detail.locator('img');
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await fitsPhone(phone);
    await e2e.screenshot(phone, 'notices-03-phone-detail');
    await phone.locator('.adm-nav-bar-back').click();
    await phone.getByTestId(`m-notice-${noticeId}`).waitFor();
    expect(await phone.getByTestId(`m-notice-unread-${noticeId}`).count()).toBe(0);

    await desk.getByRole('button', { name: /刷\s*新/ }).click();
    await desk
      .getByTestId(`notice-reads-${noticeId}`)
      .getByText(/^1 \/ \d+ 人已读$/)
      .waitFor();
    await desk.getByTestId(`notice-reads-${noticeId}`).click();
    await desk.getByTestId('notice-read-summary').getByText(/^1 \//).waitFor();
    await e2e.screenshot(desk, 'notices-04-console-one-read');
    await desk.context().close();
    await phone.context().close();
  });

  it('the head publishes a charter → the resident acknowledges it → the head sees the household acknowledged', async () => {
    const head = await phoneLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.courtyardHead);
    // The head also tells the courtyard from the phone: a notice to their own courtyard.
    await head.getByTestId('m-tile-notices').click();
    await head.getByTestId('m-notice-compose').click();
    await head.getByTestId('m-notice-title').locator('input').fill('周六院坝会议定院规院约');
    await head.getByTestId('m-notice-body').locator('textarea').fill('请各户派一名成年人参加。');
    const sent = head.waitForResponse((r) => r.url().endsWith('/api/v1/notices'));
    await head.getByTestId('m-notice-submit').click();
    expect((await sent).status()).toBe(201);
    await head.getByText('周六院坝会议定院规院约').waitFor();
    await fitsPhone(head);
    await head.locator('.adm-nav-bar-back').click();
    await head.getByTestId('m-tile-charter').click();
    await head
      .getByTestId('m-charter-draft')
      .locator('textarea')
      .fill('# 椒香小院院规院约\n1. 门前三包，垃圾分类\n2. 邻里互助，红白喜事从简\n3. 爱护公共设施');
    await head.getByTestId('m-charter-publish').click();
    const published = head.waitForResponse((r) => r.url().includes('/api/v1/charters/courtyards/'));
    await head.locator('.adm-dialog-button-bold', { hasText: '确定' }).click();
    expect((await published).status()).toBe(201);
    await head.getByTestId(`m-charter-household-${householdId}`).getByText('未确认').waitFor();
    await fitsPhone(head);
    await e2e.screenshot(head, 'notices-05-head-charter-published');

    const resident = await phoneLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.resident);
    await resident.getByTestId('m-tile-charter').click();
    await resident.getByTestId('m-charter-current').getByText('邻里互助，红白喜事从简').waitFor();
    await fitsPhone(resident);
    await e2e.screenshot(resident, 'notices-06-resident-charter');
    await resident.getByTestId('m-charter-acknowledge').click();
    await resident.getByTestId('m-charter-acknowledged').waitFor();
    await e2e.screenshot(resident, 'notices-07-resident-acknowledged');

    await head.locator('.adm-nav-bar-back').click();
    await head.getByTestId('m-tile-charter').click();
    await head.getByTestId(`m-charter-household-${householdId}`).getByText('已确认').waitFor();
    expect(await head.getByTestId('m-charter-ack-summary').textContent()).toMatch(/^1 \/ \d+ 户已确认$/);
    await e2e.screenshot(head, 'notices-08-head-sees-acknowledged');
    await head.context().close();
    await resident.context().close();
  });
});
