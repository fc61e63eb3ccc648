import { describe, expect, it } from 'vitest';
import { isComplete, maxTotal, monthMayOpen, pointsAllowed, pointsFor, scoreProblem, totalOf } from './rules';
import { TemplateInput } from './schemas';

const criteria = [
  { key: 'hygiene', name: '环境卫生', max: 30 },
  { key: 'harmony', name: '邻里和睦', max: 25 },
  { key: 'customs', name: '移风易俗', max: 25 },
  { key: 'law', name: '遵纪守法', max: 20 },
];
const bands = [
  { minTotal: 90, points: 20 },
  { minTotal: 80, points: 10 },
  { minTotal: 60, points: 0 },
  { minTotal: 0, points: -10 },
];

describe('evaluation rules', () => {
  it('a score must name a criterion of the template and lie between 0 and its maximum', () => {
    expect(scoreProblem(criteria, [{ key: 'hygiene', score: 30 }])).toBeNull();
    expect(scoreProblem(criteria, [{ key: 'hygiene', score: 0 }])).toBeNull();
    expect(scoreProblem(criteria, [{ key: 'hygiene', score: 31 }])).toContain('环境卫生');
    expect(scoreProblem(criteria, [{ key: 'law', score: -1 }])).toContain('遵纪守法');
    expect(scoreProblem(criteria, [{ key: 'law', score: 2.5 }])).not.toBeNull();
    expect(scoreProblem(criteria, [{ key: 'smoking', score: 1 }])).toContain('smoking');
  });

  it('a scorecard is complete only when every criterion is scored, and its total is their sum', () => {
    const three = [
      { key: 'hygiene', score: 28 },
      { key: 'harmony', score: 20 },
      { key: 'customs', score: 22 },
    ];
    expect(isComplete(criteria, three)).toBe(false);
    const four = [...three, { key: 'law', score: 20 }];
    expect(isComplete(criteria, four)).toBe(true);
    expect(totalOf(four)).toBe(90);
    expect(maxTotal(criteria)).toBe(100);
  });

  it('a total converts through the highest band it reaches, edges included', () => {
    expect(pointsFor(bands, 100)).toBe(20);
    expect(pointsFor(bands, 90)).toBe(20);
    expect(pointsFor(bands, 89)).toBe(10);
    expect(pointsFor(bands, 60)).toBe(0);
    expect(pointsFor(bands, 59)).toBe(-10);
    // Bands may come in any order; a total below every band earns nothing.
    expect(pointsFor([...bands].reverse(), 85)).toBe(10);
    expect(pointsFor([{ minTotal: 50, points: 5 }], 49)).toBe(0);
  });

  it('a deduction takes at most what the household has free; an award is never cut', () => {
    expect(pointsAllowed(-10, 30, 0)).toBe(-10);
    expect(pointsAllowed(-10, 4, 0)).toBe(-4);
    expect(pointsAllowed(-10, 12, 10)).toBe(-2);
    expect(pointsAllowed(-10, 0, 0)).toBe(0);
    expect(pointsAllowed(20, 0, 0)).toBe(20);
  });

  it('a round opens for this month or a past one in China, never a month to come', () => {
    const now = new Date('2026-03-31T16:30:00Z'); // already 1 April in Chongqing
    expect(monthMayOpen('2026-04', now)).toBe(true);
    expect(monthMayOpen('2026-03', now)).toBe(true);
    expect(monthMayOpen('2026-05', now)).toBe(false);
  });

  it('a template refuses duplicate keys and a band above the highest possible total', () => {
    const base = { unitId: '01a22000-0000-7000-8000-000000000000', name: '月度考评', criteria, bands };
    expect(TemplateInput.safeParse(base).success).toBe(true);
    expect(
      TemplateInput.safeParse({ ...base, criteria: [...criteria, { key: 'law', name: '重复', max: 5 }] })
        .success,
    ).toBe(false);
    expect(TemplateInput.safeParse({ ...base, bands: [{ minTotal: 101, points: 5 }] }).success).toBe(false);
  });
});
