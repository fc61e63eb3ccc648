import { type CaseFacts, GRASSROOTS, type KpiPanel, type Period } from '../cases/kpi';

/** A dispute that a courtyard head mediated and the resident confirmed settled, never handed over. */
export interface MediationFacts {
  settledAt: Date;
}

const within = (d: Date | null, p: Period) => d !== null && d >= p.from && d < p.to;

/**
 * 矛盾纠纷基层化解率 with the courtyard level counted: a dispute settled by mediation in the courtyard
 * is a dispute settled at the grassroots, in the numerator and the denominator alike. An ask handed to
 * the center became a case and counts there, as that case ends; it is never a settled mediation.
 */
export function grassrootsResolutionRateWithMediations(
  cases: readonly CaseFacts[],
  mediations: readonly MediationFacts[],
  p: Period,
): number | null {
  const disputes = cases.filter((c) => c.isDispute && within(c.closedAt, p));
  const local = disputes.filter((c) => c.resolvedLevel !== null && GRASSROOTS.has(c.resolvedLevel));
  const settled = mediations.filter((m) => within(m.settledAt, p)).length;
  const all = disputes.length + settled;
  return all === 0 ? null : (local.length + settled) / all;
}

/** The panel's rate, recounted with the courtyard's mediations. */
export function withCourtyardMediations(
  panel: KpiPanel,
  cases: readonly CaseFacts[],
  mediations: readonly MediationFacts[],
  p: Period,
): KpiPanel {
  return { ...panel, grassrootsResolutionRate: grassrootsResolutionRateWithMediations(cases, mediations, p) };
}
