import type { Role } from '../auth/roles';
import type { UnitKind } from '../org/kinds';
import { type Actor, type Decision, decideByRole, isWithin } from '../policies/scope';

/**
 * Who publishes notices: the town's staff anywhere in the subtree they hold, and a courtyard head in
 * their own courtyard only (a head's grant reaches nothing but that courtyard).
 */
export const NOTICE_PUBLISHERS: readonly Role[] = [
  'admin',
  'center_operator',
  'post_staff',
  'courtyard_head',
];
/** Who publishes a courtyard's charter (院规院约): its head, or the staff above it. */
export const CHARTER_EDITORS: readonly Role[] = NOTICE_PUBLISHERS;

/** A notice is addressed to a whole courtyard, village or town; never to a grid or a district. */
export const NOTICE_TARGET_KINDS: readonly UnitKind[] = ['courtyard', 'village', 'town'];

export function isNoticeTarget(kind: UnitKind): boolean {
  return NOTICE_TARGET_KINDS.includes(kind);
}

/** Publishing, listing, withdrawing and counting reads: the org-scope check, then the role. */
export function authorizeNoticePublishing(actor: Actor, unitPath: string): Decision {
  return decideByRole(actor, unitPath, NOTICE_PUBLISHERS);
}

export function authorizeCharterEditing(actor: Actor, courtyardPath: string): Decision {
  return decideByRole(actor, courtyardPath, CHARTER_EDITORS);
}

/**
 * A notice reaches everyone at or under its unit (the audience: by a role there or a household bound
 * there) and is visible to whoever holds a role above it (the staff who oversee it). Once withdrawn,
 * only those who may publish there still see it, as history.
 */
export function authorizeNoticeReading(
  actor: Actor,
  boundPaths: readonly string[],
  notice: { unitPath: string; status: 'published' | 'withdrawn' },
): Decision {
  if (notice.status === 'withdrawn') {
    return authorizeNoticePublishing(actor, notice.unitPath) === 'allow' ? 'allow' : 'not_found';
  }
  const inAudience = [...actor.grants.map((g) => g.unitPath), ...boundPaths].some((p) =>
    isWithin(p, notice.unitPath),
  );
  const above = actor.grants.some((g) => isWithin(notice.unitPath, g.unitPath));
  return inAudience || above ? 'allow' : 'not_found';
}

/** Whether a notice at `noticePath` reaches a person whose unit (grant or household) lies at `path`. */
export function noticeReaches(noticePath: string, path: string): boolean {
  return isWithin(path, noticePath);
}

export const ADULT_AGE = 18;

/** Full years between a YYYY-MM-DD birth date and a YYYY-MM-DD day (both as written in China). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export type AcknowledgeDecision = 'allow' | 'not_bound' | 'minor' | 'superseded';

/**
 * A household acknowledges the current charter of its own courtyard, through any adult member bound to
 * it. The census record matched to the person (by phone) gives the age; a person bound by a grid
 * worker's approval without a census match was vouched for in person, so is taken as an adult.
 */
export function decideAcknowledge(input: {
  boundCourtyardId: string | null;
  charterCourtyardId: string;
  charterIsCurrent: boolean;
  memberBirthDate: string | null;
  today: string;
}): AcknowledgeDecision {
  if (input.boundCourtyardId !== input.charterCourtyardId) return 'not_bound';
  if (input.memberBirthDate && ageOn(input.memberBirthDate, input.today) < ADULT_AGE) return 'minor';
  if (!input.charterIsCurrent) return 'superseded';
  return 'allow';
}

/** The Asia/Shanghai calendar day of an instant, YYYY-MM-DD: the day ages are counted on. */
export function dayInChina(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
