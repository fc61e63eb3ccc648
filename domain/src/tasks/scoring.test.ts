import { describe, expect, it } from 'vitest';
import { checkinWithin, distanceMeters } from './checkin';
import { authorizeAssignmentReading, isFulfiller } from './policy';
import { percentOf, rank, rankingResult, validScores } from './scoring';

const items = [{ maxScore: 10 }, { maxScore: 30 }];

describe('scoring against the criteria (对单考核)', () => {
  it('takes one whole score per item within 0..max', () => {
    expect(validScores(items, [10, 30])).toBe(true);
    expect(validScores(items, [11, 0])).toBe(false);
    expect(validScores(items, [5])).toBe(false);
    expect(validScores(items, [5, 2.5])).toBe(false);
  });

  it('turns item scores into a percentage of full marks', () => {
    expect(percentOf(items, [10, 20])).toBe(75);
    expect(percentOf(items, [0, 0])).toBe(0);
    expect(percentOf([{ maxScore: 3 }], [1])).toBe(33.3);
  });

  it('counts scored work by its percentage, undone overdue work as 0, and pending work not at all', () => {
    const dueAt = new Date('2026-11-29T16:00:00Z');
    const before = new Date('2026-11-29T10:00:00Z');
    const after = new Date('2026-11-30T10:00:00Z');
    expect(rankingResult({ status: 'scored', percent: 80, dueAt, now: before })).toBe(80);
    expect(rankingResult({ status: 'in_progress', percent: null, dueAt, now: after })).toBe(0);
    expect(rankingResult({ status: 'in_progress', percent: null, dueAt, now: before })).toBeNull();
    expect(rankingResult({ status: 'submitted', percent: null, dueAt, now: after })).toBeNull();
  });

  it('ranks by mean result, shares ranks on ties, and puts the uncounted last', () => {
    const rows = rank([
      { key: 'a', name: '甲', results: [80, 100], assigned: 2, settled: 2, onTime: 2 },
      { key: 'b', name: '乙', results: [95], assigned: 1, settled: 1, onTime: 1 },
      { key: 'c', name: '丙', results: [90], assigned: 1, settled: 1, onTime: 0 },
      { key: 'd', name: '丁', results: [], assigned: 1, settled: 0, onTime: 0 },
      { key: 'e', name: '戊', results: [90], assigned: 1, settled: 1, onTime: 1 },
    ]);
    expect(rows.map((r) => [r.key, r.rank, r.score])).toEqual([
      ['b', 1, 95],
      ['a', 2, 90],
      ['c', 3, 90],
      ['e', 3, 90],
      ['d', 5, null],
    ]);
    expect(rows.find((r) => r.key === 'c')?.onTimeRate).toBe(0);
    expect(rows.find((r) => r.key === 'd')?.onTimeRate).toBeNull();
  });
});

describe('check-ins and who fulfils', () => {
  it('measures distances on the ground', () => {
    // One thousandth of a degree of latitude is about 111 m.
    expect(Math.round(distanceMeters({ lat: 29.4, lng: 105.6 }, { lat: 29.401, lng: 105.6 }))).toBe(111);
    expect(checkinWithin({ lat: 29.401, lng: 105.6 }, { lat: 29.4, lng: 105.6 }, 100).ok).toBe(false);
    expect(checkinWithin({ lat: 29.4005, lng: 105.6 }, { lat: 29.4, lng: 105.6 }, 100).ok).toBe(true);
    expect(checkinWithin({ lat: 29.4, lng: 105.6 }, null, 100).ok).toBe(false);
  });

  const grid = {
    kind: 'grid',
    unitPath: '/d/t/v/g/',
    workerId: null,
    sectorPostIds: [],
    postId: null,
  } as const;
  it('a grid assignment is fulfilled by a grid worker of that grid, and hidden from the next grid', () => {
    const worker = {
      userId: 'w',
      grants: [{ role: 'grid_worker', unitId: 'g', unitPath: '/d/t/v/g/' }],
    } as const;
    const other = {
      userId: 'o',
      grants: [{ role: 'grid_worker', unitId: 'h', unitPath: '/d/t/v/h/' }],
    } as const;
    const operator = {
      userId: 'c',
      grants: [{ role: 'center_operator', unitId: 't', unitPath: '/d/t/' }],
    } as const;
    const post = {
      userId: 'p',
      grants: [{ role: 'post_staff', unitId: 't', unitPath: '/d/t/', postId: 'x' }],
    } as const;
    expect(isFulfiller(worker, grid)).toBe(true);
    expect(authorizeAssignmentReading(other, grid)).toBe('not_found');
    expect(isFulfiller(operator, grid)).toBe(false);
    expect(authorizeAssignmentReading(operator, grid)).toBe('allow');
    expect(authorizeAssignmentReading(post, grid)).toBe('not_found');
    expect(
      isFulfiller(post, {
        kind: 'sector',
        unitPath: '/d/t/',
        workerId: null,
        sectorPostIds: ['x'],
        postId: null,
      }),
    ).toBe(true);
    expect(
      isFulfiller(post, { kind: 'post', unitPath: '/d/t/', workerId: null, sectorPostIds: [], postId: 'y' }),
    ).toBe(false);
  });
});
