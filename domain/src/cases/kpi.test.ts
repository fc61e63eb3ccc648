import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CaseFacts, formatRate, kpiPanel, type Period, periodOf, previousPeriod } from './kpi';

const at = (iso: string) => new Date(iso);
const base: CaseFacts = {
  reportedAt: at('2026-11-02T02:00:00Z'),
  acceptedAt: at('2026-11-02T03:00:00Z'),
  closedAt: null,
  rejectedAt: null,
  dueAt: at('2026-11-08T00:00:00Z'),
  isDispute: false,
  resolvedLevel: null,
  reworkCount: 0,
  everResolved: false,
  rating: null,
  open: true,
};
const closedCase = (o: Partial<CaseFacts>): CaseFacts => ({
  ...base,
  closedAt: at('2026-11-05T00:00:00Z'),
  open: false,
  everResolved: true,
  resolvedLevel: 'town',
  ...o,
});
const november: Period = { from: at('2026-10-31T16:00:00Z'), to: at('2026-11-30T16:00:00Z') };

describe('KPI formulas on a hand-computed month', () => {
  // Ten cases of November 2026 in one town, worked out by hand:
  const cases: CaseFacts[] = [
    closedCase({ rating: 'satisfied' }), // 1 on time
    closedCase({ rating: 'basically_satisfied' }), // 2 on time
    closedCase({ rating: 'dissatisfied', reworkCount: 1 }), // 3 on time, reworked
    closedCase({ closedAt: at('2026-11-10T00:00:00Z'), rating: 'satisfied' }), // 4 late
    closedCase({ isDispute: true, resolvedLevel: 'grid' }), // 5 dispute settled in the grid, unrated
    closedCase({ isDispute: true, resolvedLevel: 'district', reworkCount: 2 }), // 6 dispute that needed the district
    { ...base, dueAt: at('2026-11-20T00:00:00Z') }, // 7 open, due in November, late by the 28th
    { ...base, dueAt: at('2026-12-20T00:00:00Z') }, // 8 open, due in December: not yet due
    { ...base, acceptedAt: null, rejectedAt: at('2026-11-02T04:00:00Z'), open: false, dueAt: null }, // 9 rejected
    closedCase({
      reportedAt: at('2026-10-20T00:00:00Z'),
      acceptedAt: at('2026-10-20T01:00:00Z'),
      rating: 'satisfied',
    }), // 10 reported in October
  ];
  const panel = kpiPanel(cases, november, at('2026-11-28T08:00:00Z'));

  it('counts received, accepted and closed in the period', () => {
    expect(panel.received).toBe(9);
    expect(panel.accepted).toBe(8);
    expect(panel.closed).toBe(7);
  });
  it('按期办结率 = closed on time ÷ (closed + open already due) = 6 / 8', () => {
    expect(panel.onTimeRate).toBe(6 / 8);
  });
  it('群众满意率 = (满意 + 基本满意) ÷ rated = 4 / 5', () => {
    expect(panel.satisfactionRate).toBe(4 / 5);
  });
  it('返工率 = reworked ÷ resolved = 2 / 7', () => {
    expect(panel.reworkRate).toBe(2 / 7);
  });
  it('矛盾纠纷基层化解率 = disputes settled at town level or below ÷ disputes = 1 / 2', () => {
    expect(panel.grassrootsResolutionRate).toBe(1 / 2);
  });
  it('overdue now counts open cases past their deadline', () => {
    expect(panel.overdueNow).toBe(1);
  });
  it('a rate with nothing to divide by is no figure, not zero', () => {
    const empty = kpiPanel([], november, at('2026-11-28T00:00:00Z'));
    expect(empty).toMatchObject({ received: 0, onTimeRate: null, satisfactionRate: null, reworkRate: null });
    expect(empty.grassrootsResolutionRate).toBeNull();
    expect(formatRate(null)).toBe('—');
    expect(formatRate(null, 'en')).toBe('—');
    expect(formatRate(0.875)).toBe('87.5%');
    expect(formatRate(0.875, 'en')).toBe('87.5%');
    expect(formatRate(1)).toBe('100%');
  });
  it('each denominator is empty on its own: unrated, unresolved, no disputes, nothing due', () => {
    const unrated = [closedCase({ everResolved: false })];
    const p = kpiPanel(unrated, november, at('2026-11-28T00:00:00Z'));
    expect(p).toMatchObject({ satisfactionRate: null, reworkRate: null, grassrootsResolutionRate: null });
    expect(p.onTimeRate).toBe(1);
    const notYetDue = kpiPanel([{ ...base, dueAt: at('2026-12-20T00:00:00Z') }], november, november.to);
    expect(notYetDue.onTimeRate).toBeNull();
  });
});

describe('periods in Asia/Shanghai', () => {
  it('a moment late on 31 March UTC belongs to 1 April in Shanghai', () => {
    const day = periodOf('day', at('2026-03-31T16:30:00Z'));
    expect(day).toEqual({ from: at('2026-03-31T16:00:00Z'), to: at('2026-04-01T16:00:00Z') });
    expect(periodOf('month', at('2026-03-31T16:30:00Z')).from).toEqual(at('2026-03-31T16:00:00Z'));
  });
  it('a day is half-open: its first instant counts, the first instant of the next day does not', () => {
    const april1 = periodOf('day', at('2026-03-31T16:30:00Z'));
    const c: CaseFacts = { ...base, reportedAt: at('2026-03-31T16:00:00Z') };
    expect(kpiPanel([c], april1, april1.to).received).toBe(1);
    expect(kpiPanel([{ ...c, reportedAt: april1.to }], april1, april1.to).received).toBe(0);
    expect(kpiPanel([{ ...c, reportedAt: at('2026-03-31T15:59:59Z') }], april1, april1.to).received).toBe(0);
  });
  it('a month runs from the 1st to the 1st of the next month, across the year end', () => {
    expect(periodOf('month', at('2026-12-31T15:59:00Z'))).toEqual({
      from: at('2026-11-30T16:00:00Z'),
      to: at('2026-12-31T16:00:00Z'),
    });
    expect(periodOf('month', at('2026-12-31T16:00:00Z')).from).toEqual(at('2026-12-31T16:00:00Z'));
    // February 2028 has 29 days.
    const feb = periodOf('month', at('2028-02-15T00:00:00Z'));
    expect(feb.to.getTime() - feb.from.getTime()).toBe(29 * 24 * 3600_000);
  });
  it('a Monday just after midnight in Shanghai starts its own week', () => {
    // Monday 23 Nov 2026, 00:00:30 in Shanghai.
    expect(periodOf('week', at('2026-11-22T16:00:30Z')).from).toEqual(at('2026-11-22T16:00:00Z'));
  });
  it('weeks start on Monday in Shanghai', () => {
    // Sunday 29 Nov 2026, 01:00 in Shanghai.
    const week = periodOf('week', at('2026-11-28T17:00:00Z'));
    expect(week).toEqual({ from: at('2026-11-22T16:00:00Z'), to: at('2026-11-29T16:00:00Z') });
    expect(previousPeriod(week)).toEqual({
      from: at('2026-11-15T16:00:00Z'),
      to: at('2026-11-22T16:00:00Z'),
    });
  });
  it('every rate is either no figure or between 0 and 1, whatever the cases', () => {
    const date = fc.date({
      min: at('2026-01-01T00:00:00Z'),
      max: at('2026-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    const facts = fc.record({
      reportedAt: date,
      acceptedAt: fc.option(date),
      closedAt: fc.option(date),
      rejectedAt: fc.option(date),
      dueAt: fc.option(date),
      isDispute: fc.boolean(),
      resolvedLevel: fc.option(fc.constantFrom('grid', 'village', 'town', 'district')),
      reworkCount: fc.nat(3),
      everResolved: fc.boolean(),
      rating: fc.option(fc.constantFrom('satisfied', 'basically_satisfied', 'dissatisfied')),
      open: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 30 }), date, (cases, now) => {
        const p = kpiPanel(cases, periodOf('month', now), now);
        for (const r of [p.onTimeRate, p.satisfactionRate, p.reworkRate, p.grassrootsResolutionRate]) {
          expect(r === null || (r >= 0 && r <= 1)).toBe(true);
        }
      }),
    );
  });
});
