import { describe, expect, it } from 'vitest';
import { type CaseFacts, grassrootsResolutionRate } from '../cases/kpi';
import { grassrootsResolutionRateWithMediations } from './kpi';

const p = { from: new Date('2026-11-01T00:00:00+08:00'), to: new Date('2026-12-01T00:00:00+08:00') };
const inside = new Date('2026-11-10T10:00:00+08:00');
const before = new Date('2026-10-20T10:00:00+08:00');
const dispute = (resolvedLevel: string | null, closedAt: Date | null = inside): CaseFacts => ({
  reportedAt: before,
  acceptedAt: before,
  closedAt,
  rejectedAt: null,
  dueAt: null,
  isDispute: true,
  resolvedLevel,
  reworkCount: 0,
  everResolved: true,
  rating: null,
  open: closedAt === null,
});

describe('矛盾纠纷基层化解率 with courtyard mediations', () => {
  it('counts settled mediations as disputes settled at the grassroots (hand-worked: 5 of 6)', () => {
    // Cases: 4 disputes closed in November, 3 at town level or below, 1 by the district; one still open
    // and one closed in October do not count. Mediations: 2 settled in November, 1 in October.
    const cases = [
      dispute('town'),
      dispute('village'),
      dispute('grid'),
      dispute('district'),
      dispute(null, null),
      dispute('town', before),
    ];
    expect(grassrootsResolutionRate(cases, p)).toBe(3 / 4);
    const mediations = [{ settledAt: inside }, { settledAt: inside }, { settledAt: before }];
    expect(grassrootsResolutionRateWithMediations(cases, mediations, p)).toBe(5 / 6);
  });

  it('with no cases, settled mediations alone make the rate 100%; with neither it is unknown', () => {
    expect(grassrootsResolutionRateWithMediations([], [{ settledAt: inside }], p)).toBe(1);
    expect(grassrootsResolutionRateWithMediations([], [], p)).toBeNull();
  });

  it('without mediations it is exactly the case figure', () => {
    const cases = [dispute('town'), dispute('district')];
    expect(grassrootsResolutionRateWithMediations(cases, [], p)).toBe(grassrootsResolutionRate(cases, p));
  });
});
