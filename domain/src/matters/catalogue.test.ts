import { describe, expect, it } from 'vitest';
import { DEFAULT_MATTER_CATALOGUE } from './catalogue';
import { CLOCK_STAGES, MatterInput } from './schemas';

describe('default matter catalogue', () => {
  it('every entry is a valid matter with a unique code under an existing category', () => {
    const codes = DEFAULT_MATTER_CATALOGUE.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    const categories = new Set(DEFAULT_MATTER_CATALOGUE.filter((m) => !m.parentCode).map((m) => m.code));
    for (const entry of DEFAULT_MATTER_CATALOGUE) {
      expect(MatterInput.safeParse({ ...entry, parentId: null }).success, entry.code).toBe(true);
      if (entry.parentCode) expect(categories.has(entry.parentCode), entry.code).toBe(true);
    }
  });

  it('has matters for each level, disputes, and facility matters that go straight to the worker', () => {
    const leaves = DEFAULT_MATTER_CATALOGUE.filter((m) => m.parentCode);
    for (const level of ['grid', 'village', 'town'] as const)
      expect(leaves.some((m) => m.level === level)).toBe(true);
    expect(leaves.filter((m) => m.isDispute).length).toBeGreaterThanOrEqual(3);
    expect(leaves.find((m) => m.name === '垃圾桶满溢')?.directToFacilityWorker).toBe(true);
    expect(leaves.find((m) => m.name === '路灯损坏')?.directToFacilityWorker).toBe(true);
  });

  it('each category holds three to six matters, and a matter holds none', () => {
    const leaves = DEFAULT_MATTER_CATALOGUE.filter((m) => m.parentCode);
    for (const category of DEFAULT_MATTER_CATALOGUE.filter((m) => !m.parentCode)) {
      const children = leaves.filter((m) => m.parentCode === category.code).length;
      expect(children, category.code).toBeGreaterThanOrEqual(3);
      expect(children, category.code).toBeLessThanOrEqual(6);
    }
    const leafCodes = new Set(leaves.map((m) => m.code));
    expect(DEFAULT_MATTER_CATALOGUE.some((m) => m.parentCode && leafCodes.has(m.parentCode))).toBe(false);
  });

  it('urgent limits are never longer than normal ones', () => {
    for (const entry of DEFAULT_MATTER_CATALOGUE) {
      for (const stage of CLOCK_STAGES)
        expect(entry.limits.urgent[stage]).toBeLessThanOrEqual(entry.limits.normal[stage]);
    }
  });
});
