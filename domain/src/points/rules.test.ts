import { describe, expect, it } from 'vitest';
import {
  available,
  awardableRules,
  balanceOf,
  capAllows,
  chinaDay,
  chinaMonthStart,
  mayApply,
  mayRedeem,
  type RuleOffer,
  ruleInForce,
} from './rules';

const version = (id: string, from: string, to: string | null, points = 5) => ({
  id,
  points,
  capPerDay: null,
  capPerMonth: null,
  validFrom: new Date(from),
  validTo: to ? new Date(to) : null,
});

describe('point rules', () => {
  it('an award uses the version in force at the event, not the one in force now', () => {
    const versions = [
      version('v1', '2026-01-01T00:00:00+08:00', '2026-06-01T00:00:00+08:00', 5),
      version('v2', '2026-06-01T00:00:00+08:00', null, 8),
    ];
    expect(ruleInForce(versions, new Date('2026-05-31T23:59:59+08:00'))?.id).toBe('v1');
    expect(ruleInForce(versions, new Date('2026-06-01T00:00:00+08:00'))?.id).toBe('v2');
    expect(ruleInForce(versions, new Date('2025-12-31T00:00:00+08:00'))).toBeNull();
  });

  it('days and months turn at midnight in China, not in UTC', () => {
    expect(chinaDay(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(chinaMonthStart(new Date('2026-02-28T16:30:00Z')).toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('a daily cap of 3 refuses the fourth award of the day and allows one the next day', () => {
    const rule = { capPerDay: 3, capPerMonth: null };
    const day = (h: number) => ({ at: new Date(`2026-03-02T0${h}:00:00+08:00`) });
    const three = [day(1), day(2), day(3)];
    expect(capAllows(rule, three.slice(0, 2), new Date('2026-03-02T09:00:00+08:00'))).toBe(true);
    expect(capAllows(rule, three, new Date('2026-03-02T23:59:00+08:00'))).toBe(false);
    expect(capAllows(rule, three, new Date('2026-03-03T00:00:00+08:00'))).toBe(true);
  });

  it('a monthly cap counts the whole month', () => {
    const rule = { capPerDay: null, capPerMonth: 2 };
    const entries = [
      { at: new Date('2026-03-01T08:00:00+08:00') },
      { at: new Date('2026-03-20T08:00:00+08:00') },
    ];
    expect(capAllows(rule, entries, new Date('2026-03-31T23:00:00+08:00'))).toBe(false);
    expect(capAllows(rule, entries, new Date('2026-04-01T00:00:00+08:00'))).toBe(true);
  });

  it('a balance is the sum of its entries, and held points cannot be spent twice', () => {
    expect(balanceOf([{ points: 5 }, { points: 5 }, { points: -3 }])).toBe(7);
    expect(available(7, 4)).toBe(3);
    expect(mayRedeem(7, 4, 3)).toBe(true);
    expect(mayRedeem(7, 4, 4)).toBe(false);
    expect(mayRedeem(7, 0, 0)).toBe(false);
  });

  it('no entry may take the balance below zero or below what is held', () => {
    expect(mayApply(5, 0, -5)).toBe(true);
    expect(mayApply(5, 0, -6)).toBe(false);
    expect(mayApply(5, 3, -3)).toBe(false);
    expect(mayApply(0, 0, 5)).toBe(true);
  });
});

describe('awardableRules', () => {
  const rule = (over: Partial<RuleOffer> & { id: string }) => ({
    actionCode: 'PATROL_SHIFT',
    unitKind: 'town' as const,
    automatic: false,
    awarders: ['grid_worker'],
    validFrom: '2026-01-01T00:00:00+08:00',
    validTo: null,
    ...over,
  });
  const now = new Date('2026-06-01T00:00:00Z');

  it('offers the village version over the town one, only in force, never automatic, only to its awarders', () => {
    const rules = [
      rule({ id: 'town-old', validTo: '2026-03-01T00:00:00Z' }),
      rule({ id: 'town', validFrom: '2026-03-01T00:00:00Z' }),
      rule({ id: 'village', unitKind: 'village', validFrom: '2026-04-01T00:00:00Z' }),
      rule({ id: 'future', actionCode: 'LATER', validFrom: '2026-07-01T00:00:00Z' }),
      rule({ id: 'auto', actionCode: 'REPORT_VERIFIED', automatic: true }),
      rule({ id: 'staff', actionCode: 'LITTERING', awarders: ['center_operator'] }),
    ];
    expect(awardableRules(rules, ['grid_worker'], now).map((r) => r.id)).toEqual(['village']);
    expect(awardableRules(rules, ['center_operator'], now).map((r) => r.id)).toEqual(['staff']);
    expect(awardableRules(rules, ['resident'], now)).toEqual([]);
  });
});
