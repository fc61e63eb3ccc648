/**
 * Pure point rules: which version of a rule is in force, whether a cap still has room, what a balance
 * is, and whether a household may spend. Server and phone both decide with these.
 */

export interface RuleVersion {
  id: string;
  points: number;
  capPerDay: number | null;
  capPerMonth: number | null;
  validFrom: Date;
  validTo: Date | null;
}

/** The version whose [valid_from, valid_to) holds the event's time: an award never uses a later rule. */
export function ruleInForce<R extends RuleVersion>(versions: readonly R[], at: Date): R | null {
  const t = at.getTime();
  return (
    versions.find((v) => v.validFrom.getTime() <= t && (v.validTo === null || t < v.validTo.getTime())) ??
    null
  );
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar day in Asia/Shanghai (no daylight saving), the unit of daily caps. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function chinaMonth(at: Date): string {
  return chinaDay(at).slice(0, 7);
}

/** The first instant of the Asia/Shanghai month holding `at`: the earliest entry a monthly cap counts. */
export function chinaMonthStart(at: Date): Date {
  return new Date(`${chinaMonth(at)}-01T00:00:00+08:00`);
}

/**
 * Caps count awards of the same action to the same household that still stand (a reversed award frees
 * its place) on the event's day and in its month.
 */
export function capAllows(
  rule: Pick<RuleVersion, 'capPerDay' | 'capPerMonth'>,
  standing: readonly { at: Date }[],
  at: Date,
): boolean {
  const day = chinaDay(at);
  const month = chinaMonth(at);
  if (rule.capPerDay !== null && standing.filter((e) => chinaDay(e.at) === day).length >= rule.capPerDay)
    return false;
  if (
    rule.capPerMonth !== null &&
    standing.filter((e) => chinaMonth(e.at) === month).length >= rule.capPerMonth
  )
    return false;
  return true;
}

export function balanceOf(entries: readonly { points: number }[]): number {
  return entries.reduce((sum, e) => sum + e.points, 0);
}

/** Points held by redemptions awaiting hand-over are promised already: they cannot be spent twice. */
export function available(balance: number, held: number): number {
  return balance - held;
}

export function mayRedeem(balance: number, held: number, price: number): boolean {
  return price > 0 && available(balance, held) >= price;
}

/**
 * An entry (an award, a deduction, a reversal) may be written only if the balance stays at or above
 * what is held, so the ledger never goes negative and a held redemption can always be paid.
 */
export function mayApply(balance: number, held: number, points: number): boolean {
  return balance + points >= held && balance + points >= 0;
}

export interface RuleOffer {
  actionCode: string;
  unitKind: 'village' | 'town';
  automatic: boolean;
  awarders: readonly string[];
  validFrom: string;
  validTo: string | null;
}

/**
 * The rules a person may award by hand at a household now, one per action: the version in force, the
 * village's own over its town's (as the server picks), neither automatic nor without one of the
 * person's roles among its awarders. The phone offers exactly these; the server still decides.
 */
export function awardableRules<R extends RuleOffer>(
  rules: readonly R[],
  roles: readonly string[],
  at: Date,
): R[] {
  const t = at.getTime();
  const inForce = (r: R) =>
    new Date(r.validFrom).getTime() <= t && (r.validTo === null || t < new Date(r.validTo).getTime());
  const byAction = new Map<string, R>();
  for (const r of rules.filter(inForce)) {
    const seen = byAction.get(r.actionCode);
    if (!seen || (seen.unitKind === 'town' && r.unitKind === 'village')) byAction.set(r.actionCode, r);
  }
  return [...byAction.values()].filter((r) => !r.automatic && r.awarders.some((a) => roles.includes(a)));
}
