import type { Figure, RankedRow, ReportBody } from '@domain/reports/report';
import { RANKING_LEVELS, type RankingLevel } from '@domain/tasks/schemas';
import ExcelJS from 'exceljs';

const KIND_TITLE = { day: '日通报', week: '周小结', month: '月总结' } as const;
const RANKING_LEVEL_TITLE: Record<RankingLevel, string> = {
  grid_workers: '网格员',
  grids: '网格',
  villages: '村社',
  sectors: '板块',
};
const SHANGHAI = 8 * 3600_000;
/** A local (Asia/Shanghai) date, as YYYY-MM-DD. */
export const localDate = (iso: string) =>
  new Date(new Date(iso).getTime() + SHANGHAI).toISOString().slice(0, 10);
/** The last local day of a half-open period. */
export const lastLocalDay = (iso: string) => localDate(new Date(new Date(iso).getTime() - 1).toISOString());

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : Number.isInteger(v) ? v : Number(v.toFixed(1)));

export function reportTitle(body: ReportBody): string {
  return `${body.unit.name}${KIND_TITLE[body.kind]}（${localDate(body.period.from)} 至 ${lastLocalDay(body.period.to)}）`;
}

/** The report as a workbook: one sheet of figures and one each for the breakdowns and the supervised list. */
export async function reportWorkbook(body: ReportBody, generatedAt: Date, version: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = generatedAt;
  const summary = wb.addWorksheet('概况');
  summary.columns = [{ width: 26 }, { width: 14 }, { width: 14 }, { width: 14 }];
  summary.addRow([reportTitle(body)]).font = { bold: true, size: 14 };
  summary.addRow([`生成于 ${generatedAt.toISOString()}（第 ${version} 版）`]);
  summary.addRow(['指标', '本期', '上期', '变化']).font = { bold: true };
  const rows: [string, Figure, 'n' | '%'][] = [
    ['受理（上报）', body.kpi.received, 'n'],
    ['受理确认', body.kpi.accepted, 'n'],
    ['办结', body.kpi.closed, 'n'],
    ['按期办结率', body.kpi.onTimeRate, '%'],
    ['群众满意率', body.kpi.satisfactionRate, '%'],
    ['返工率', body.kpi.reworkRate, '%'],
    ['矛盾纠纷基层化解率', body.kpi.grassrootsResolutionRate, '%'],
    ['超期未办结', body.kpi.overdue, 'n'],
    ['新挂牌督办', body.supervision.placed, 'n'],
    ['督办办结', body.supervision.closed, 'n'],
    ['督办超期', body.supervision.overdue, 'n'],
    ['到期任务', body.tasks.due, 'n'],
    ['按期完成任务', body.tasks.completedOnTime, 'n'],
    ['任务完成率', body.tasks.completionRate, '%'],
    ['任务平均得分', body.tasks.averageScore, 'n'],
  ];
  for (const [label, f, unit] of rows) {
    const fmt = unit === '%' ? pct : num;
    summary.addRow([label, fmt(f.value), fmt(f.previous), fmt(f.delta)]);
  }
  const sectors = wb.addWorksheet('按板块');
  sectors.addRow(['板块', '上报', '上期上报', '办结', '上期办结']).font = { bold: true };
  for (const s of body.bySector)
    sectors.addRow([s.sector, s.received.value, s.received.previous, s.closed.value, s.closed.previous]);
  const matters = wb.addWorksheet('按事项');
  matters.addRow(['编码', '事项', '上报', '上期上报', '办结', '上期办结']).font = { bold: true };
  for (const m of body.byMatter)
    matters.addRow([
      m.code,
      m.name,
      m.received.value,
      m.received.previous,
      m.closed.value,
      m.closed.previous,
    ]);
  const supervised = wb.addWorksheet('督办');
  supervised.addRow(['级别', '对象', '要求', '期限', '状态', '超期']).font = { bold: true };
  for (const s of body.supervision.list)
    supervised.addRow([
      s.level,
      s.subjectType,
      s.requiredOutcome,
      localDate(s.dueAt),
      s.status,
      s.overdue ? '是' : '否',
    ]);
  const tasks = wb.addWorksheet('任务得分');
  tasks.addRow(['责任方', '得分']).font = { bold: true };
  for (const t of body.tasks.top) tasks.addRow([t.assigneeName, t.percent]);
  if (body.rankings) {
    // One flat table (a level column rather than four blocks) so that Excel's filter and sort work on it.
    const ranked = wb.addWorksheet('考核排名');
    ranked.columns = [{ width: 10 }, { width: 8 }, { width: 24 }, ...Array(7).fill({ width: 12 })];
    ranked.addRow([
      '层级',
      '名次',
      '名称',
      '得分',
      '上期名次',
      '上期得分',
      '按期提交率',
      '计分单数',
      '参评总数',
      '位置',
    ]).font = { bold: true };
    for (const level of RANKING_LEVELS) {
      const section = body.rankings[level];
      const part = (rows: RankedRow[], where: string) => {
        for (const r of rows)
          ranked.addRow([
            RANKING_LEVEL_TITLE[level],
            r.rank.value,
            r.name,
            r.score.value,
            r.rank.previous,
            r.score.previous,
            r.onTimeRate === null ? null : r.onTimeRate / 100,
            r.counted,
            section.total,
            where,
          ]);
      };
      part(section.top, '前十');
      part(section.bottom, '后三');
    }
    ranked.getColumn(7).numFmt = '0.0%';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
