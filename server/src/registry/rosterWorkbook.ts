import { PassThrough } from 'node:stream';
import { AppError } from '@domain/errors/codes';
import { type RawRosterRow, ROSTER_COLUMNS, type RosterKey } from '@domain/registry/roster';
import {
  GENDER_LABELS,
  RELATION_LABELS,
  RESIDENT_TAG_LABELS,
  type ResidentView,
} from '@domain/registry/schemas';
import ExcelJS from 'exceljs';

export const MAX_ROSTER_ROWS = 20_000;
export const MAX_ROSTER_BYTES = 10 * 1024 * 1024;

const header = (c: (typeof ROSTER_COLUMNS)[number]) => c.zh;

function rosterSheet(workbook: ExcelJS.Workbook, name: string) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((c) => ({
    header: header(c),
    key: c.key,
    width: c.width,
    // Text, so that Excel keeps an 18-digit ID number and a leading zero instead of rounding them.
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** The blank roster officials fill in, with one example row and a sheet of the words it accepts. */
export async function rosterTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = rosterSheet(workbook, '住户名册');
  sheet.addRow({
    courtyard: '椒香小院',
    address: '1组1号',
    name: '张三',
    relation: '户主',
    gender: '男',
    birthDate: '1965-03-08',
    phone: '13800001234',
    idNumber: '11010519491231002X',
    tags: '党员、退役军人',
  });
  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'col', width: 14 },
    { header: '说明 / 可填写的值', key: 'text', width: 80 },
  ];
  help.addRows([
    { col: '小院', text: '小院名称或编码，须在导入的单元之内' },
    { col: '门牌号', text: '同一小院内，门牌号相同的行属于同一户' },
    {
      col: '与户主关系',
      text: Object.values(RELATION_LABELS)
        .map((l) => l.zh)
        .join('、'),
    },
    {
      col: '性别',
      text: `${Object.values(GENDER_LABELS)
        .map((l) => l.zh)
        .join('、')}；可留空，按身份证号识别`,
    },
    { col: '出生日期', text: 'YYYY-MM-DD，须与身份证号一致；可留空' },
    { col: '手机号', text: '11 位手机号，可留空' },
    { col: '身份证号', text: '18 位居民身份证号，必填' },
    {
      col: '标签',
      text: `多个用顿号分隔：${Object.values(RESIDENT_TAG_LABELS)
        .map((l) => l.zh)
        .join('、')}`,
    },
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel gives back text, numbers, dates, rich text, formulas and links; a roster wants their text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value).trim();
}

export interface ReadRoster {
  /** The row numbers as Excel shows them, so a report names the row a person can find. */
  rows: { line: number; raw: RawRosterRow }[];
}

/** Reads the first sheet by its headers (in any order); wholly empty rows are skipped. */
export async function readRoster(data: Buffer): Promise<ReadRoster> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('REGISTRY_FILE_INVALID');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('REGISTRY_FILE_INVALID');
  const columnOf = new Map<RosterKey, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value);
    const column = ROSTER_COLUMNS.find((c) => c.zh === text || c.en.toLowerCase() === text.toLowerCase());
    if (column) columnOf.set(column.key, col);
  });
  const missing = ROSTER_COLUMNS.filter((c) => !columnOf.has(c.key) && c.key !== 'tags');
  if (missing.length > 0)
    throw new AppError('REGISTRY_FILE_INVALID', {
      zh: `名册缺少列：${missing.map((c) => c.zh).join('、')}`,
      en: `The roster lacks the columns: ${missing.map((c) => c.en).join(', ')}`,
    });
  if (sheet.rowCount - 1 > MAX_ROSTER_ROWS) throw new AppError('REGISTRY_FILE_TOO_LARGE');
  const rows: ReadRoster['rows'] = [];
  sheet.eachRow((row, line) => {
    if (line === 1) return;
    const raw = Object.fromEntries(
      ROSTER_COLUMNS.map((c) => {
        const col = columnOf.get(c.key);
        return [c.key, col ? cellText(row.getCell(col).value) : ''];
      }),
    ) as RawRosterRow;
    if (Object.values(raw).some((v) => v !== '')) rows.push({ line, raw });
  });
  return { rows };
}

export interface RejectedRow {
  line: number;
  name: string;
  courtyard: string;
  address: string;
  reasons: { code: string; zh: string; en: string }[];
}

/** The rejected rows as a workbook a grid worker can fix and import again. */
export async function rejectedWorkbook(rejected: readonly RejectedRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('未导入的行', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '行号', key: 'line', width: 8 },
    { header: '小院', key: 'courtyard', width: 16 },
    { header: '门牌号', key: 'address', width: 16 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '原因', key: 'reasons', width: 60 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rejected) sheet.addRow({ ...r, reasons: r.reasons.map((x) => x.zh).join('；') });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ExportRow {
  courtyard: string;
  address: string;
  resident: ResidentView;
}

/** A unit's census as a roster, numbers masked, streamed so a whole town never sits in memory. */
export function registryExportStream(pages: AsyncIterable<ExportRow[]>): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('住户名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: header(c), key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    for await (const page of pages) {
      for (const { courtyard, address, resident: r } of page) {
        sheet
          .addRow({
            courtyard,
            address,
            name: r.name,
            relation: RELATION_LABELS[r.relation].zh,
            gender: GENDER_LABELS[r.gender].zh,
            birthDate: r.birthDate,
            phone: r.phone ?? '',
            idNumber: r.idNumber ?? '',
            tags: r.tags.map((t) => RESIDENT_TAG_LABELS[t].zh).join('、'),
          })
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error) => out.destroy(error));
  return out;
}
