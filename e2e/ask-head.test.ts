import { type Browser, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_FLAGS, chromePath, consoleLogin, type E2E, phoneLogin, startE2E } from './harness';

const QUARREL = '隔壁李家的狗天天半夜叫，吵得老人睡不着';
const ANSWER = '我今晚去两家坐坐，把事情说开';
const DRAIN = '院坝排水沟被邻居堵了，下雨就淹到我家门口';

async function photoFile(name: string) {
  const buffer = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 120, g: 90, b: 60 } },
  })
    .jpeg()
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

/** The resident writes to the head from 找院长, with a photo and a voice note if asked, and sees it in 我的求助. */
async function ask(page: Page, text: string, photo?: string) {
  await page.getByTestId('m-ask-text').locator('textarea').fill(text);
  if (photo) {
    await page.locator('input[type=file]').setInputFiles(await photoFile(photo));
    await page.locator('.adm-image-uploader-cell img').waitFor();
    await page.getByTestId('m-ask-record').click();
    await page.waitForTimeout(1500);
    await page.getByTestId('m-ask-record').click();
    await page.getByTestId('m-ask-voice-preview').waitFor();
  }
  await page.getByTestId('m-ask-submit').click();
  await page.getByTestId('m-ask-item').filter({ hasText: text }).waitFor();
}

async function fillForm(page: Page, fields: Record<string, string>) {
  for (const [testId, value] of Object.entries(fields)) {
    await page.getByTestId(testId).locator('textarea, input').first().fill(value);
  }
  await page.getByTestId('m-ask-form-submit').click();
  await page.getByTestId('m-ask-form-submit').waitFor({ state: 'hidden' });
}

describe.skipIf(!chromePath())('找院长 on a 360 px phone: resident → head → center', () => {
  let e2e: E2E;
  // The resident's phone has a microphone: Chromium's fake one, which plays a tone into MediaRecorder.
  let withMicrophone: Browser;
  beforeAll(async () => {
    e2e = await startE2E();
    withMicrophone = await chromium.launch({
      executablePath: chromePath() as string,
      args: [...CHROME_FLAGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    });
  });
  afterAll(async () => {
    await withMicrophone?.close();
    await e2e?.close();
  });

  it('a dispute with a photo and a recorded voice note is answered and mediated; a second ask is handed to the center as a case', async () => {
    const { browser, baseUrl } = e2e;
    const resident = await phoneLogin(withMicrophone, baseUrl, '13800000008');
    const head = await phoneLogin(browser, baseUrl, '13800000006');

    // 1. The resident sends a dispute with a photo.
    await resident.getByTestId('m-tile-askHead').click();
    await ask(resident, QUARREL, 'dog.jpg');
    await e2e.screenshot(resident, 'ask-01-sent');
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // 2. The head sees it unread in 院长信箱, answers and records a mediation.
    await head.reload();
    await head.getByTestId('m-tile-headInbox').locator('.adm-badge').waitFor();
    await head.getByTestId('m-tile-headInbox').click();
    await head.getByTestId('m-ask-item').filter({ hasText: QUARREL }).click();
    await head.locator('.adm-image img').first().waitFor();
    // The recording Chromium made was taken by its content, and plays back for the head.
    const voiceUrl = (await head.getByTestId('m-ask-voice').getAttribute('src')) as string;
    const voice = await head.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type') };
    }, voiceUrl);
    expect(voice).toEqual({ status: 200, type: 'audio/webm' });
    await head.getByTestId('m-ask-act-answer').click();
    await fillForm(head, { 'm-ask-answer-text': ANSWER });
    await head.getByTestId('m-ask-answers').getByText(ANSWER).waitFor();
    await head.getByTestId('m-ask-act-mediate').click();
    await fillForm(head, {
      'm-ask-parties': '王家、李家',
      'm-ask-agreement': '李家晚上把狗关进屋里，王家不再计较',
      'm-ask-follow-up': '2026-12-10',
    });
    expect(await head.getByTestId('m-ask-status').textContent()).toBe('已调解');
    await e2e.screenshot(head, 'ask-02-mediated');
    expect(await head.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // 3. The resident sees the answer and the mediation, and says it is settled.
    await resident.getByTestId('m-ask-item').filter({ hasText: QUARREL }).click();
    await resident.getByTestId('m-ask-answers').getByText(ANSWER).waitFor();
    await resident.getByTestId('m-ask-mediations').getByText('王家、李家', { exact: false }).waitFor();
    await e2e.screenshot(resident, 'ask-03-answer-seen');
    await resident.getByTestId('m-ask-act-confirm').click();
    await resident.getByTestId('m-ask-status').filter({ hasText: '已化解' }).waitFor();

    // 4. A second ask, which the head hands to the center with one action.
    await resident.locator('.adm-nav-bar-back').click();
    await ask(resident, DRAIN);
    await head.locator('.adm-nav-bar-back').first().click();
    await head.getByTestId('m-ask-item').filter({ hasText: DRAIN }).click();
    await head.getByTestId('m-ask-act-hand_over').click();
    await head.getByTestId('m-ask-matter').click();
    await head
      .locator('.adm-picker')
      .getByText(/确定|OK/)
      .click();
    await fillForm(head, { 'm-ask-handover-note': '院里调解不了，请中心协调' });
    await head.getByTestId('m-ask-status').filter({ hasText: '已转指挥中心' }).waitFor();
    await head.getByTestId('m-ask-case').waitFor();
    await e2e.screenshot(head, 'ask-04-handed-over');

    // 5. The operator finds the new case in the console's intake queue.
    const operator = await consoleLogin(browser, baseUrl, '13800000003');
    await operator.getByRole('row').filter({ hasText: DRAIN }).click();
    await operator.getByTestId('case-from-ask').waitFor();
    await e2e.screenshot(operator, 'ask-05-intake');
  }, 240_000);
});
