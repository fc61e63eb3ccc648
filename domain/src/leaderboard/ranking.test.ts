import { describe, expect, it } from 'vitest';
import { householdLabel } from './label';
import { byNameThenId, perHousehold, rankWithTies } from './ranking';

const row = (id: string, name: string, score: number | null) => ({ id, name, score });

describe('ranking with ties', () => {
  it('equal scores share a place and the next place skips (1, 1, 3)', () => {
    const ranked = rankWithTies(
      [row('a', '乙', 10), row('b', '甲', 20), row('c', '丙', 20), row('d', '丁', 5)],
      (r) => r.score,
      byNameThenId,
    );
    expect(ranked.map((r) => [r.item.id, r.rank])).toEqual([
      ['c', 1],
      ['b', 1],
      ['a', 3],
      ['d', 4],
    ]);
  });

  it('ties keep a stable order whatever order the rows came in', () => {
    const rows = [row('3', '张家', 7), row('1', '张家', 7), row('2', '王家', 7)];
    const once = rankWithTies(rows, (r) => r.score, byNameThenId).map((r) => r.item.id);
    const reversed = rankWithTies([...rows].reverse(), (r) => r.score, byNameThenId).map((r) => r.item.id);
    expect(once).toEqual(reversed);
    expect(once).toEqual(['2', '1', '3']);
  });

  it('negative totals rank below zero, and units without a figure come last without a place', () => {
    const ranked = rankWithTies(
      [row('x', '甲', null), row('y', '乙', -5), row('z', '丙', 0)],
      (r) => r.score,
      byNameThenId,
    );
    expect(ranked.map((r) => [r.item.id, r.rank])).toEqual([
      ['z', 1],
      ['y', 2],
      ['x', null],
    ]);
  });
});

describe('per-household figure', () => {
  it('a big courtyard does not win by size: 60 points over 20 households is below 30 over 5', () => {
    expect(perHousehold(60, 20)).toBe(3);
    expect(perHousehold(30, 5)).toBe(6);
  });
  it('is rounded to one decimal, and none without households', () => {
    expect(perHousehold(10, 3)).toBe(3.3);
    expect(perHousehold(10, 0)).toBeNull();
  });
});

describe('household labels on a public board', () => {
  it('are the head’s surname and the door, never the given name', () => {
    expect(householdLabel('刘德明', '3组12号')).toBe('刘家 · 3组12号');
    expect(householdLabel('欧阳娜娜', '7号')).toBe('欧阳家 · 7号');
  });
  it('keep only the door of a full address', () => {
    expect(householdLabel('张建国', '重庆市永川区直升镇万宝村3组15号')).toBe('张家 · 3组15号');
    const long = householdLabel(null, '重庆市永川区直升镇万宝村大湾');
    expect(long.length).toBeLessThanOrEqual(8);
    expect(long).not.toContain('重庆');
  });
});
