import type { RawRosterRow } from '@domain/registry/roster';
import { and, eq, like, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { households, orgUnits, residents } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { idNumberFor, rosterFile, rosterUpload, withWrongCheck } from './fixtures';

const DAY = 86_400_000;
const BASE_BIRTH = Date.UTC(1950, 0, 1);

/** 2,000 rows, four to a household, spread over the town's courtyards, 7 of them bad in 7 ways. */
function roster(courtyardCodes: readonly string[], existingId: string) {
  const rows: RawRosterRow[] = [];
  for (let i = 0; i < 2000; i++) {
    const birth = new Date(BASE_BIRTH + i * DAY);
    rows.push({
      courtyard: courtyardCodes[Math.floor(i / 4) % courtyardCodes.length] as string,
      address: `${Math.floor(i / 4) + 1}号`,
      name: `村民${i + 1}`,
      relation: i % 4 === 0 ? '户主' : i % 4 === 1 ? '配偶' : '子女',
      gender: '',
      birthDate: i % 2 === 0 ? birth.toISOString().slice(0, 10) : '',
      phone: i % 3 === 0 ? `139${String(10_000_000 + i).slice(-8)}` : '',
      idNumber: idNumberFor(birth, 100 + (i % 900)),
      tags: i % 50 === 0 ? '独居、留守老人' : '',
    });
  }
  const bad: Record<number, { code: string; change: Partial<RawRosterRow> }> = {
    10: { code: 'BAD_ID_CHECKSUM', change: { idNumber: withWrongCheck(rows[10]?.idNumber as string) } },
    250: { code: 'BAD_PHONE', change: { phone: '1381234' } },
    511: { code: 'DUPLICATE_IN_FILE', change: { idNumber: rows[3]?.idNumber as string } },
    900: { code: 'DUPLICATE_OF_EXISTING', change: { idNumber: existingId, birthDate: '' } },
    1234: { code: 'UNKNOWN_COURTYARD', change: { courtyard: '不存在的小院' } },
    1600: { code: 'MISSING_NAME', change: { name: '' } },
    1999: { code: 'BAD_BIRTH_DATE', change: { birthDate: '1990-02-30' } },
  };
  for (const [i, { change }] of Object.entries(bad)) Object.assign(rows[Number(i)] as RawRosterRow, change);
  // Excel's row numbers: the header is row 1.
  const expected = Object.entries(bad).map(([i, { code }]) => ({ line: Number(i) + 2, code }));
  return { rows, expected };
}

async function waitForImport(client: TestClient, id: string) {
  const seen: { status: string; processed: number }[] = [];
  for (;;) {
    const res = await client.get(`/api/v1/registry/imports/${id}`);
    expect(res.status).toBe(200);
    seen.push({ status: res.body.status, processed: res.body.processed });
    if (res.body.status === 'done' || res.body.status === 'failed') return { job: res.body, seen };
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(testBackends())('roster import on %s', (backend) => {
  let t: TestApp;
  let operator: TestClient;
  let town: { id: string; path: string };

  const census = async () => {
    const [row] = await t.database.db
      .select({
        people: sql<number>`count(*)::int`,
        homes: sql<number>`count(distinct ${households.id})::int`,
        print: sql<string>`md5(string_agg(${residents.id}::text || ${residents.updatedAt}::text, ',' order by ${residents.id}))`,
      })
      .from(residents)
      .innerJoin(households, eq(households.id, residents.householdId))
      .where(like(households.unitPath, `${town.path}%`));
    return { people: Number(row?.people), homes: Number(row?.homes), print: row?.print };
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    town = await unitNamed(t.database.db, '直升镇');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('imports exactly the good rows of 2,000, names the 7 bad ones, and a second import changes nothing', async () => {
    const yards = await t.database.db
      .select({ id: orgUnits.id, code: orgUnits.code })
      .from(orgUnits)
      .where(and(eq(orgUnits.kind, 'courtyard'), like(orgUnits.path, `${town.path}%`)))
      .orderBy(orgUnits.code);
    const existingId = idNumberFor(new Date(Date.UTC(1940, 5, 1)), 7);
    const made = await operator.post('/api/v1/registry/households', {
      courtyardId: yards[0]?.id,
      address: '老屋1号',
      residents: [
        { name: '老住户', relation: 'head', gender: 'male', birthDate: '1940-06-01', idNumber: existingId },
      ],
    });
    expect(made.status).toBe(201);
    const { rows, expected } = roster(
      yards.slice(0, 40).map((y) => y.code),
      existingId,
    );
    const file = await rosterFile(rows);
    const before = await census();

    const upload = rosterUpload('名册.xlsx', file);
    const started = await operator.request(
      'POST',
      `/api/v1/registry/imports?unitId=${town.id}`,
      upload.payload,
      {
        'content-type': upload.contentType,
      },
    );
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total: 2000, filename: '名册.xlsx' });
    const first = await waitForImport(operator, started.body.id);
    expect(first.job).toMatchObject({
      status: 'done',
      total: 2000,
      processed: 2000,
      imported: 1993,
      unchanged: 0,
    });
    expect(
      first.job.rejected.map((r: { line: number; reasons: { code: string }[] }) => ({
        line: r.line,
        code: r.reasons[0]?.code,
      })),
    ).toEqual(expected);
    expect(first.job.rejected.every((r: { reasons: unknown[] }) => r.reasons.length === 1)).toBe(true);
    // The console saw it work: progress that only grows, and a state before done.
    expect(first.seen.some((s) => s.status !== 'done')).toBe(true);
    const counts = first.seen.map((s) => s.processed);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const afterFirst = await census();
    expect(afterFirst.people).toBe(before.people + 1993);
    expect(afterFirst.homes).toBe(before.homes + 500);

    const report = await operator.get(`/api/v1/registry/imports/${started.body.id}/rejected.xlsx`);
    expect(report.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/registry/imports/${started.body.id}/rejected.xlsx`,
          headers: { cookie: operator.cookie },
        })
      ).rawPayload as unknown as ArrayBuffer,
    );
    const sheet = book.worksheets[0];
    expect(sheet?.rowCount).toBe(8);
    expect(sheet?.getRow(2).getCell(5).value).toBe('身份证号校验位错误');

    const again = rosterUpload('名册.xlsx', file);
    const second = await operator.request(
      'POST',
      `/api/v1/registry/imports?unitId=${town.id}`,
      again.payload,
      {
        'content-type': again.contentType,
      },
    );
    expect(second.status).toBe(202);
    const repeat = await waitForImport(operator, second.body.id);
    expect(repeat.job).toMatchObject({ status: 'done', imported: 0, unchanged: 1993 });
    expect(repeat.job.rejected).toEqual(first.job.rejected);
    expect(await census()).toEqual(afterFirst);
  }, 120_000);

  it('refuses a file that is not a roster, and a unit outside the importer’s town', async () => {
    const junk = rosterUpload('x.xlsx', Buffer.from('not a workbook'));
    const res = await operator.request('POST', `/api/v1/registry/imports?unitId=${town.id}`, junk.payload, {
      'content-type': junk.contentType,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REGISTRY_FILE_INVALID');
    const other = await unitNamed(t.database.db, '广顺街道');
    const file = rosterUpload('名册.xlsx', await rosterFile([]));
    const outside = await operator.request(
      'POST',
      `/api/v1/registry/imports?unitId=${other.id}`,
      file.payload,
      {
        'content-type': file.contentType,
      },
    );
    expect(outside.status).toBe(404);
  });

  it('gives a template that imports as it is', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/registry/template.xlsx',
      headers: { cookie: operator.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.getRow(1).getCell(8).value).toBe('身份证号');
  });
});
