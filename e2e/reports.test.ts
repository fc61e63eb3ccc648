import { readFile } from 'node:fs/promises';
import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgUnits, taskAssignments, users } from '../server/src/db/schema';
import { DEMO, unitNamed } from '../server/src/testing/demo';
import { insertTownTask } from '../server/src/testing/tasks';
import { chromePath, consoleLogin, type E2E, fileResidentReport, startE2E } from './harness';

describe.skipIf(!chromePath())('console: 通报总结 — a town weekly summary as a page and as .xlsx', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('the operator generates this week’s summary, reads it as a page, and downloads the workbook', async () => {
    await fileResidentReport(e2e, { description: '小区门口井盖松动，夜里有响声' });
    await scoredGridTaskThisWeek(e2e, 92);
    const desk = await consoleLogin(e2e.browser, e2e.baseUrl, DEMO.zhisheng.operator);
    await desk.getByRole('menuitem', { name: /通报总结/ }).click();
    await desk.getByTestId('report-kind').getByText('周小结').click();
    const made = desk.waitForResponse(
      (r) => r.url().endsWith('/api/v1/reports') && r.request().method() === 'POST',
    );
    await desk.getByTestId('report-generate').click();
    const response = await made;
    expect(response.status()).toBe(201);
    const snapshot = (await response.json()) as { body: { kpi: { received: { value: number } } } };
    expect(snapshot.body.kpi.received.value).toBeGreaterThanOrEqual(1);

    const page = desk.getByTestId('report-page');
    await page.waitFor();
    expect(await page.textContent()).toContain('直升镇周小结');
    const figures = desk.getByTestId('report-figures');
    const receivedRow = figures.getByRole('row').filter({ hasText: '上报' }).first();
    expect(await receivedRow.locator('td').first().textContent()).toBe(
      String(snapshot.body.kpi.received.value),
    );
    expect(await figures.textContent()).toContain('按期办结率');
    // 考核排名: the grid scored this week heads the grids, with no rank the week before.
    const grids = desk.getByTestId('report-ranking-grids');
    const first = grids.locator('tbody tr').first();
    expect(await first.locator('th').textContent()).toBe('第一网格');
    expect(await first.locator('td').allTextContents()).toEqual(['1', '92.0', '—', '100.0%']);
    expect(await desk.getByTestId('report-rankings').textContent()).toContain('村社（共 1 名）');
    await e2e.screenshot(desk, 'reports-01-page');
    // Printed, only the report remains: no menu, no buttons.
    await desk.emulateMedia({ media: 'print' });
    expect(await desk.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await desk.getByTestId('report-xlsx').isVisible()).toBe(false);
    expect(await page.isVisible()).toBe(true);
    expect(await grids.isVisible()).toBe(true);
    await desk.emulateMedia({ media: 'screen' });

    const download = desk.waitForEvent('download');
    await desk.getByTestId('report-xlsx').click();
    const file = await (await download).path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('概况');
    expect(String(sheet?.getRow(1).getCell(1).value)).toContain('直升镇周小结');
    expect(sheet?.getRow(4).getCell(1).value).toBe('受理（上报）');
    expect(sheet?.getRow(4).getCell(2).value).toBe(snapshot.body.kpi.received.value);
    const ranked = book.getWorksheet('考核排名');
    const gridRow = ranked?.getRows(2, ranked.rowCount - 1)?.find((r) => r.getCell(1).value === '网格');
    expect([gridRow?.getCell(3).value, gridRow?.getCell(4).value]).toEqual(['第一网格', 92]);

    await desk.getByRole('button', { name: /返\s*回/ }).click();
    await desk
      .getByText(/直升镇周小结/)
      .first()
      .waitFor();
  });
});

/**
 * A grid task of 直升镇 handed in by its grid worker and scored this week. Written straight to the
 * database: issuing, fulfilling and scoring through the pages is e2e/tasks.test.ts's journey.
 */
async function scoredGridTaskThisWeek(e2e: E2E, percent: number) {
  const db = e2e.database.db;
  const town = await unitNamed(db, '直升镇');
  const village = await unitNamed(db, '万宝村');
  const [grid] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, village.id), eq(orgUnits.kind, 'grid')))
    .orderBy(asc(orgUnits.code))
    .limit(1);
  const [worker] = await db.select().from(users).where(eq(users.phone, DEMO.zhisheng.gridWorker));
  if (!grid || !worker) throw new Error('demo grid or grid worker missing');
  const taskId = await insertTownTask(db, town, worker.id);
  // A minute ago: inside this week whenever the test runs, short of the first minute of a Monday.
  const due = new Date(Date.now() - 60_000);
  await db.insert(taskAssignments).values({
    id: uuidv7(),
    taskId,
    periodKey: 'once',
    townId: town.id,
    assigneeKind: 'grid',
    assigneeId: grid.id,
    assigneeName: grid.name,
    unitId: grid.id,
    unitPath: grid.path,
    villageId: village.id,
    gridId: grid.id,
    status: 'scored',
    dueAt: due,
    remindAt: due,
    evidence: [null],
    submittedBy: worker.id,
    submittedAt: new Date(due.getTime() - 3_600_000),
    percent,
  });
}
