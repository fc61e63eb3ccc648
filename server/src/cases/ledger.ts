import { PassThrough } from 'node:stream';
import type { CaseSummary } from '@domain/cases/schemas';
import { CASE_STATUS_LABELS, RATING_LABELS } from '@domain/cases/states';
import { URGENCY_LABELS } from '@domain/matters/schemas';
import ExcelJS from 'exceljs';

/** Beijing time as officials write it in a 台账: 2026-11-28 16:05. */
function shanghai(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The case ledger (事件台账) as .xlsx, streamed row by row so a town's year of cases never sits in
 * memory at once. `pages` yields the filtered list in the order the console shows it.
 */
export function ledgerStream(pages: AsyncIterable<CaseSummary[]>): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('事件台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '序号', key: 'n', width: 8 },
    { header: '事件编号', key: 'id', width: 38 },
    { header: '上报时间', key: 'reportedAt', width: 18 },
    { header: '事项', key: 'matter', width: 16 },
    { header: '矛盾纠纷', key: 'dispute', width: 10 },
    { header: '问题描述', key: 'description', width: 40 },
    { header: '所在位置', key: 'place', width: 36 },
    { header: '紧急程度', key: 'urgency', width: 10 },
    { header: '状态', key: 'status', width: 12 },
    { header: '牵头岗位', key: 'post', width: 16 },
    { header: '本环节时限', key: 'due', width: 18 },
    { header: '超期', key: 'overdue', width: 8 },
    { header: '评价', key: 'rating', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    let n = 0;
    for await (const page of pages) {
      for (const c of page) {
        n += 1;
        sheet
          .addRow({
            n,
            id: c.id,
            reportedAt: shanghai(c.reportedAt),
            matter: c.matter.name,
            dispute: c.matter.isDispute ? '是' : '',
            description: c.description,
            place: c.unit.trail.join(' / '),
            urgency: URGENCY_LABELS[c.urgency].zh,
            status: CASE_STATUS_LABELS[c.status].zh,
            post: c.leadPost?.name ?? '',
            due: shanghai(c.stageDueAt),
            overdue: c.overdueLevel > 0 ? '是' : '',
            rating: c.rating ? RATING_LABELS[c.rating].zh : '',
          })
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error) => out.destroy(error));
  return out;
}
