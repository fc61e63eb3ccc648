import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../calendar/published';
import { buildCalendar, dueAt } from '../calendar/workingDays';
import type { RankingRow } from '../tasks/scoring';
import {
  buildReport,
  lastEndedPeriod,
  previousReportPeriod,
  type ReportAssignment,
  ReportBody,
  type ReportCase,
  type ReportSupervision,
  rankingSection,
  reportPeriod,
} from './report';

/** A wall-clock time in Chongqing. */
const sh = (local: string) => new Date(`${local}+08:00`);
const calendar = buildCalendar([CALENDAR_2026]);
const HOUR = 3600_000;

function kase(
  over: Partial<ReportCase> & Pick<ReportCase, 'reportedAt' | 'sector' | 'matterCode'>,
): ReportCase {
  return {
    acceptedAt: new Date(over.reportedAt.getTime() + HOUR),
    closedAt: null,
    rejectedAt: null,
    dueAt: null,
    isDispute: false,
    resolvedLevel: null,
    reworkCount: 0,
    everResolved: false,
    rating: null,
    matterName: { M1: '安全隐患', M2: '环境卫生', M3: '邻里纠纷' }[over.matterCode] ?? over.matterCode,
    ...over,
    open: over.closedAt == null && over.rejectedAt == null,
  };
}

describe('report periods (Asia/Shanghai)', () => {
  it('cuts days, ISO weeks and months at local midnight', () => {
    expect(reportPeriod('day', sh('2026-10-04T23:59:00'))).toEqual({
      from: sh('2026-10-04T00:00:00'),
      to: sh('2026-10-05T00:00:00'),
    });
    // 2026-10-01 is a Thursday: its ISO week runs Monday 09-28 to Sunday 10-04.
    const week = reportPeriod('week', sh('2026-10-01T12:00:00'));
    expect(week).toEqual({ from: sh('2026-09-28T00:00:00'), to: sh('2026-10-05T00:00:00') });
    expect(previousReportPeriod('week', week)).toEqual({
      from: sh('2026-09-21T00:00:00'),
      to: sh('2026-09-28T00:00:00'),
    });
  });

  it('steps back a calendar month, not a fixed number of days', () => {
    const march = reportPeriod('month', sh('2026-03-15T08:00:00'));
    expect(previousReportPeriod('month', march)).toEqual({
      from: sh('2026-02-01T00:00:00'),
      to: sh('2026-03-01T00:00:00'),
    });
    expect(previousReportPeriod('month', reportPeriod('month', sh('2026-01-01T00:00:00'))).from).toEqual(
      sh('2025-12-01T00:00:00'),
    );
  });

  it('reports on the period that has just ended', () => {
    // 00:30 on Monday 10-05 in Chongqing is still Sunday in UTC; the week that ended is 09-28..10-04.
    expect(lastEndedPeriod('week', sh('2026-10-05T00:30:00')).from).toEqual(sh('2026-09-28T00:00:00'));
    expect(lastEndedPeriod('day', sh('2026-10-05T00:30:00')).from).toEqual(sh('2026-10-04T00:00:00'));
    expect(lastEndedPeriod('month', sh('2026-10-01T00:05:00')).from).toEqual(sh('2026-09-01T00:00:00'));
  });
});

describe('the weekly summary of a small fixed town (hand-computed)', () => {
  // Week of National Day 2026: Mon 09-28 .. Sun 10-04; the week before ends with 中秋 (09-25..27).
  const cases: ReportCase[] = [
    // A: reported one minute before the week began (last week's), on a holiday: the working-day clock
    // starts on Monday 09-28, so 72 working hours end 10-01 00:00. Closed Monday morning, on time.
    kase({
      reportedAt: sh('2026-09-27T23:59:00'),
      sector: 'safety',
      matterCode: 'M1',
      dueAt: dueAt(sh('2026-09-27T23:59:00'), 72, calendar),
      closedAt: sh('2026-09-28T08:00:00'),
      everResolved: true,
      rating: 'basically_satisfied',
    }),
    // B: one minute into the week; a 24-hour wall-clock limit, still open: overdue at the week's end.
    kase({
      reportedAt: sh('2026-09-28T00:01:00'),
      sector: 'safety',
      matterCode: 'M1',
      dueAt: sh('2026-09-29T00:01:00'),
    }),
    // C: a working-day matter (48 working hours) reported the day before the holiday: the deadline
    // jumps the seven holidays to 10-09 10:00, so closing on 10-04 is on time (a wall clock says late).
    kase({
      reportedAt: sh('2026-09-30T10:00:00'),
      sector: 'environment',
      matterCode: 'M2',
      dueAt: dueAt(sh('2026-09-30T10:00:00'), 48, calendar),
      closedAt: sh('2026-10-04T12:00:00'),
      everResolved: true,
      rating: 'satisfied',
    }),
    // D: a dispute sent back once, settled only by the district.
    kase({
      reportedAt: sh('2026-09-29T09:00:00'),
      sector: 'environment',
      matterCode: 'M3',
      isDispute: true,
      dueAt: sh('2026-10-05T09:00:00'),
      closedAt: sh('2026-10-02T09:00:00'),
      resolvedLevel: 'district',
      reworkCount: 1,
      everResolved: true,
      rating: 'dissatisfied',
    }),
    // E: the week's last minute (accepted an hour later, so next week's acceptance).
    kase({
      reportedAt: sh('2026-10-04T23:59:00'),
      sector: 'safety',
      matterCode: 'M1',
      dueAt: sh('2026-10-06T12:00:00'),
    }),
    // F: one minute after the week: not in it.
    kase({
      reportedAt: sh('2026-10-05T00:01:00'),
      sector: 'safety',
      matterCode: 'M1',
      dueAt: sh('2026-10-06T12:00:00'),
    }),
  ];
  const supervisions: ReportSupervision[] = [
    {
      id: 's1',
      level: 'town',
      subjectType: 'case',
      subjectId: 'c1',
      requiredOutcome: '三日内清运',
      status: 'closed',
      createdAt: sh('2026-09-29T10:00:00'),
      dueAt: sh('2026-10-02T10:00:00'),
      overdueAt: null,
      closedAt: sh('2026-10-01T10:00:00'),
    },
    {
      id: 's2',
      level: 'district',
      subjectType: 'task',
      subjectId: 't1',
      requiredOutcome: '节前排查完毕',
      status: 'open',
      createdAt: sh('2026-09-22T10:00:00'),
      dueAt: sh('2026-09-30T10:00:00'),
      overdueAt: sh('2026-09-30T10:00:00'),
      closedAt: null,
    },
    {
      id: 's3',
      level: 'town',
      subjectType: 'case',
      subjectId: 'c9',
      requiredOutcome: '旧事',
      status: 'closed',
      createdAt: sh('2026-09-10T10:00:00'),
      dueAt: sh('2026-09-14T10:00:00'),
      overdueAt: null,
      closedAt: sh('2026-09-13T10:00:00'),
    },
  ];
  const task = (
    name: string,
    due: string,
    submitted: string | null,
    percent: number | null,
  ): ReportAssignment => ({
    assigneeName: name,
    status: percent === null ? 'assigned' : 'scored',
    dueAt: sh(due),
    submittedAt: submitted ? sh(submitted) : null,
    overdueAt: null,
    percent,
  });
  const assignments = [
    task('第一网格', '2026-10-02T18:00:00', '2026-10-01T09:00:00', 90),
    task('第二网格', '2026-10-03T18:00:00', '2026-10-04T09:00:00', 60),
    task('第三网格', '2026-10-04T23:59:00', null, null),
    task('第四网格', '2026-09-25T18:00:00', '2026-09-24T09:00:00', 80),
  ];
  const report = buildReport({
    kind: 'week',
    unit: { id: 'town', name: '直升镇' },
    period: reportPeriod('week', sh('2026-10-01T00:00:00')),
    cases,
    mediations: [{ settledAt: sh('2026-10-03T15:00:00') }],
    supervisions,
    assignments,
  });

  it('counts cases on the right side of local midnight', () => {
    expect(report.period).toEqual({ from: '2026-09-27T16:00:00.000Z', to: '2026-10-04T16:00:00.000Z' });
    expect(report.kpi.received).toEqual({ value: 4, previous: 1, delta: 3 });
    expect(report.kpi.accepted).toEqual({ value: 4, previous: 0, delta: 4 });
    expect(report.kpi.closed).toEqual({ value: 3, previous: 0, delta: 3 });
  });

  it('computes the rates with the shared formulas, holidays included', () => {
    // Due: A, C, D closed + B open and past due in the week = 4; on time A, C (over the holiday), D.
    expect(report.kpi.onTimeRate).toEqual({ value: 0.75, previous: null, delta: null });
    expect(report.kpi.satisfactionRate.value).toBeCloseTo(2 / 3);
    expect(report.kpi.reworkRate.value).toBeCloseTo(1 / 3);
    // One dispute settled by the district, one mediated in a courtyard: 1 of 2.
    expect(report.kpi.grassrootsResolutionRate.value).toBe(0.5);
    expect(report.kpi.overdue).toEqual({ value: 1, previous: 0, delta: 1 });
  });

  it('breaks received and closed down by sector and by matter', () => {
    expect(report.bySector).toEqual([
      {
        sector: 'environment',
        received: { value: 2, previous: 0, delta: 2 },
        closed: { value: 2, previous: 0, delta: 2 },
      },
      {
        sector: 'safety',
        received: { value: 2, previous: 1, delta: 1 },
        closed: { value: 1, previous: 0, delta: 1 },
      },
    ]);
    expect(report.byMatter.map((m) => [m.code, m.name, m.received.value, m.closed.value])).toEqual([
      ['M1', '安全隐患', 2, 1],
      ['M2', '环境卫生', 1, 1],
      ['M3', '邻里纠纷', 1, 1],
    ]);
  });

  it('lists the supervisions placed, closed or overdue in the week', () => {
    expect(report.supervision.placed).toEqual({ value: 1, previous: 1, delta: 0 });
    expect(report.supervision.closed).toEqual({ value: 1, previous: 0, delta: 1 });
    expect(report.supervision.overdue).toEqual({ value: 1, previous: 0, delta: 1 });
    expect(report.supervision.list.map((s) => [s.id, s.status, s.overdue])).toEqual([
      ['s2', 'open', true],
      ['s1', 'closed', false],
    ]);
  });

  it('scores the tasks due in the week against the week before', () => {
    expect(report.tasks.due).toEqual({ value: 3, previous: 1, delta: 2 });
    expect(report.tasks.completedOnTime).toEqual({ value: 1, previous: 1, delta: 0 });
    expect(report.tasks.completionRate.value).toBeCloseTo(1 / 3);
    expect(report.tasks.averageScore).toEqual({ value: 75, previous: 80, delta: -5 });
    expect(report.tasks.top).toEqual([
      { assigneeName: '第一网格', percent: 90 },
      { assigneeName: '第二网格', percent: 60 },
    ]);
  });
});

describe('rankings in a report', () => {
  const row = (rank: number, key: string, score: number | null): RankingRow => ({
    rank,
    key,
    name: `第${key}网格`,
    score,
    counted: score === null ? 0 : 1,
    assigned: 1,
    onTimeRate: null,
  });

  it('keeps the ten best and the three last scored, each beside its rank and score the period before', () => {
    // 15 grids scored 100, 95, … 30; two more with nothing counted yet, ranked last by rank().
    const current = [
      ...Array.from({ length: 15 }, (_, i) => row(i + 1, `g${i + 1}`, 100 - i * 5)),
      row(16, 'g16', null),
      row(16, 'g17', null),
    ];
    // Last period g2 was first, g1 fourth; g15 was ranked but unscored; g14 had nothing due.
    const previous = [row(1, 'g2', 98), row(4, 'g1', 70), row(9, 'g15', null)];
    const section = rankingSection(current, previous);
    expect(section.total).toBe(17);
    expect(section.top.map((r) => r.key)).toEqual(Array.from({ length: 10 }, (_, i) => `g${i + 1}`));
    expect(section.bottom.map((r) => r.key)).toEqual(['g13', 'g14', 'g15']);
    expect(section.top[0]).toMatchObject({
      rank: { value: 1, previous: 4, delta: -3 },
      score: { value: 100, previous: 70, delta: 30 },
    });
    expect(section.top[1]).toMatchObject({
      rank: { value: 2, previous: 1, delta: 1 },
      score: { value: 95, previous: 98, delta: -3 },
    });
    expect(section.bottom[1]).toMatchObject({
      rank: { value: 14, previous: null, delta: null },
      score: { value: 35, previous: null, delta: null },
    });
    expect(section.bottom[2]).toMatchObject({ score: { value: 30, previous: null, delta: null } });
  });

  it('a short ranking is kept whole, with no tail repeated', () => {
    const section = rankingSection([row(1, 'a', 90), row(2, 'b', 80)], []);
    expect(section.top.map((r) => r.key)).toEqual(['a', 'b']);
    expect(section.bottom).toEqual([]);
  });

  it('a report built with rankings carries each level, and one built before them still parses', () => {
    const period = reportPeriod('week', sh('2026-10-01T00:00:00'));
    const ranking = (level: 'grid_workers' | 'grids' | 'villages' | 'sectors', rows: RankingRow[]) => ({
      level,
      period: { key: '2026-W40', start: period.from.toISOString(), end: period.to.toISOString() },
      rows,
    });
    const input = {
      kind: 'week' as const,
      unit: { id: 'town', name: '直升镇' },
      period,
      cases: [],
      mediations: [],
      supervisions: [],
      assignments: [],
    };
    const withRankings = buildReport({
      ...input,
      rankings: {
        current: [ranking('grids', [row(1, 'a', 90)])],
        previous: [ranking('grids', [row(1, 'a', 70)])],
      },
    });
    expect(withRankings.rankings?.grids.top[0]?.score).toEqual({ value: 90, previous: 70, delta: 20 });
    expect(withRankings.rankings?.villages).toEqual({ total: 0, top: [], bottom: [] });
    expect(ReportBody.parse(withRankings)).toEqual(withRankings);

    // A snapshot stored before rankings were reported: the same body without the field.
    const old = JSON.parse(JSON.stringify(buildReport(input))) as Record<string, unknown>;
    expect('rankings' in old).toBe(false);
    expect(ReportBody.parse(old).rankings).toBeUndefined();
  });
});
