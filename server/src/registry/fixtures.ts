import { idNumberCheckCharacter } from '@domain/registry/identity';
import { type RawRosterRow, ROSTER_COLUMNS } from '@domain/registry/roster';
import ExcelJS from 'exceljs';
import { multipart } from '../photos/fixtures';

/** A valid ID number of someone born on the given day; `seq` (0–999) tells people of one day apart. */
export function idNumberFor(birth: Date, seq: number, region = '500101'): string {
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${region}${ymd}${String(seq).padStart(3, '0')}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

/** The same ID number with a wrong check character. */
export function withWrongCheck(id: string): string {
  const right = id[17];
  const wrong = ['0', '1', '2'].find((c) => c !== right) as string;
  return `${id.slice(0, 17)}${wrong}`;
}

/** A roster workbook as officials would fill the template. */
export async function rosterFile(rows: readonly RawRosterRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('住户名册');
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: c.zh, key: c.key, style: { numFmt: '@' } }));
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The multipart form the console's import sends: one part named file. */
export function rosterUpload(filename: string, data: Buffer) {
  return multipart([{ field: 'file', filename, type: XLSX_TYPE, data }]);
}
