import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../calendar/published';
import { buildCalendar } from '../calendar/workingDays';
import type { TimeLimits } from '../matters/schemas';
import { applyAction, type CaseState, initialClock, totalLimitHours } from './effects';

const limits: TimeLimits = {
  normal: { accept: 2, dispatch: 4, handle: 72, verify: 24, close: 24 },
  urgent: { accept: 0.5, dispatch: 1, handle: 24, verify: 4, close: 8 },
};
const t0 = new Date('2026-11-28T00:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * 3600_000);

function fresh(): CaseState {
  return {
    status: 'reported',
    urgency: 'normal',
    ...initialClock(limits, 'normal', t0),
    overdueLevel: 0,
    pausedSince: null,
    pausedMs: 0,
    reworkCount: 0,
    reopenCount: 0,
    everResolved: false,
    resolvedLevel: null,
    whistled: false,
    rating: null,
    ratingComment: null,
    acceptedAt: null,
    dispatchedAt: null,
    resolvedAt: null,
    verifiedAt: null,
    closedAt: null,
    rejectedAt: null,
    ratedAt: null,
  };
}
const step = (s: CaseState, input: Parameters<typeof applyAction>[1], hours: number, extra = {}) => ({
  ...s,
  ...applyAction(s, input, { now: at(hours), limits, ...extra }),
});

describe('case effects', () => {
  it('a report starts the accept clock, and the whole case is due after the sum of its stage limits', () => {
    const s = fresh();
    expect(s.stageDueAt).toEqual(at(2));
    expect(totalLimitHours(limits, 'normal')).toBe(126);
    expect(s.dueAt).toEqual(at(126));
  });

  it('each stage change restarts the stage clock with that stage’s limit; handling goes on within a stage', () => {
    let s = step(fresh(), { action: 'accept', photoIds: [] }, 1);
    expect(s).toMatchObject({ status: 'accepted', stage: 'dispatch', stageDueAt: at(5), acceptedAt: at(1) });
    s = step(s, { action: 'dispatch', photoIds: [], assistPostIds: [] }, 2);
    expect(s).toMatchObject({ stage: 'handle', stageDueAt: at(74) });
    s = step(s, { action: 'handle', note: '已到现场', photoIds: [] }, 10);
    expect(s).toMatchObject({ status: 'in_progress', stageDueAt: at(74) });
  });

  it('paused time pushes both deadlines back and is kept', () => {
    let s = step(
      step(fresh(), { action: 'accept', photoIds: [] }, 0),
      { action: 'dispatch', photoIds: [], assistPostIds: [] },
      0,
    );
    s = step(s, { action: 'pause', note: '等待天晴', photoIds: [] }, 10);
    expect(s.pausedSince).toEqual(at(10));
    s = step(s, { action: 'resume', photoIds: [] }, 40);
    expect(s).toMatchObject({
      pausedSince: null,
      pausedMs: 30 * 3600_000,
      stageDueAt: at(102),
      dueAt: at(156),
    });
  });

  it('resolving while paused settles the pause first', () => {
    let s = step(
      step(fresh(), { action: 'accept', photoIds: [] }, 0),
      { action: 'dispatch', photoIds: [], assistPostIds: [] },
      0,
    );
    s = step(s, { action: 'pause', note: '等待材料', photoIds: [] }, 1);
    s = step(s, { action: 'resolve', note: '已修复', photoIds: [] }, 3);
    expect(s).toMatchObject({
      status: 'resolved',
      pausedSince: null,
      pausedMs: 2 * 3600_000,
      stage: 'verify',
      resolvedLevel: 'town',
    });
  });

  it('rework counts, objections reopen and clear the rating, settling closes at grid level at once', () => {
    let s = step(
      step(fresh(), { action: 'accept', photoIds: [] }, 0),
      { action: 'dispatch', photoIds: [], assistPostIds: [] },
      0,
    );
    s = step(s, { action: 'resolve', note: '好了', photoIds: [] }, 1);
    s = step(s, { action: 'rework', note: '没修好', photoIds: [] }, 2);
    expect(s).toMatchObject({ status: 'in_progress', reworkCount: 1, stage: 'handle', stageDueAt: at(74) });
    s = step(s, { action: 'resolve', note: '修好了', photoIds: [] }, 3);
    s = step(s, { action: 'verify', photoIds: [] }, 4);
    s = step(s, { action: 'close', photoIds: [] }, 5);
    s = step(s, { action: 'rate', rating: 'dissatisfied' }, 6);
    expect(s).toMatchObject({ status: 'closed', stage: null, stageDueAt: null, rating: 'dissatisfied' });
    s = step(s, { action: 'object', note: '又坏了', photoIds: [] }, 7);
    expect(s).toMatchObject({ status: 'accepted', reopenCount: 1, closedAt: null, rating: null });

    const settled = step(
      fresh(),
      { action: 'settle', note: '当场清理', photoIds: ['01900000-0000-7000-8000-000000000001'] },
      0.5,
    );
    expect(settled).toMatchObject({
      status: 'closed',
      resolvedLevel: 'grid',
      closedAt: at(0.5),
      everResolved: true,
    });
  });

  it('a case that went to the district counts as resolved there', () => {
    let s = step(fresh(), { action: 'accept', photoIds: [] }, 0);
    s = step(s, { action: 'escalate', note: '超出镇街权限', photoIds: [] }, 1);
    s = step(s, { action: 'instruct', note: '请住建委协同', photoIds: [] }, 5);
    expect(s).toMatchObject({ status: 'accepted', stageDueAt: at(9) });
    s = step(
      step(s, { action: 'dispatch', photoIds: [], assistPostIds: [] }, 6),
      { action: 'resolve', note: '完成', photoIds: [] },
      7,
    );
    expect(s.resolvedLevel).toBe('district');
  });
});

describe('working-day limits', () => {
  const calendar = buildCalendar([CALENDAR_2026]);
  const sh = (local: string) => new Date(`${local}+08:00`);

  it('a report filed on a holiday starts its clock on the next working day', () => {
    const clock = initialClock(limits, 'normal', sh('2026-10-03T15:00:00'), calendar);
    expect(clock.stageDueAt).toEqual(sh('2026-10-08T02:00:00'));
    // 126 h of working time from Thursday 8 Oct: 8, 9, 10 (Sat, 调休), 12, 13 Oct and 6 h of the 14th.
    expect(clock.dueAt).toEqual(sh('2026-10-14T06:00:00'));
  });

  it('a stage started on Friday evening skips the weekend', () => {
    const s = { ...fresh(), status: 'accepted' as const, stage: 'dispatch' };
    const patch = applyAction(
      s,
      { action: 'dispatch', leadPostId: '01a22000-0000-7000-8000-000000000000', assistPostIds: [] } as never,
      { now: sh('2026-11-27T20:00:00'), limits, calendar },
    );
    // 72 h to handle = three working days: Friday's last 4 h, Monday, Tuesday and 20 h of Wednesday;
    // the weekend does not count, so due Wednesday 2 Dec at 20:00 (not Monday at 20:00).
    expect(patch.stageDueAt).toEqual(sh('2026-12-02T20:00:00'));
  });
});
