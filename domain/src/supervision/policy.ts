import type { Role } from '../auth/roles';
import { type Actor, type Decision, decideByRole, grantsReaching } from '../policies/scope';
import type { SupervisionLevel } from './schemas';

/** Who places, lists and closes supervision (挂牌督办): district and town officials over the subject. */
export const SUPERVISION_OFFICIALS: readonly Role[] = ['admin', 'district_supervisor', 'center_operator'];
/** Who sees that a case is supervised: the officials, and the post staff who handle it. */
export const SUPERVISION_READERS: readonly Role[] = [...SUPERVISION_OFFICIALS, 'post_staff'];

export function authorizeSupervising(actor: Actor, subjectPath: string): Decision {
  return decideByRole(actor, subjectPath, SUPERVISION_OFFICIALS);
}

export function authorizeSupervisionReading(actor: Actor, subjectPath: string): Decision {
  return decideByRole(actor, subjectPath, SUPERVISION_READERS);
}

/**
 * 区级督办 when the official placing it holds their role above the subject's town (the district),
 * 镇级督办 when at the town itself.
 */
export function supervisionLevel(actor: Actor, townPath: string, subjectPath: string): SupervisionLevel {
  const officials = grantsReaching(actor, subjectPath).filter((g) => SUPERVISION_OFFICIALS.includes(g.role));
  return officials.some((g) => g.unitPath.length < townPath.length) ? 'district' : 'town';
}

/** Overdue: still open after its due date. */
export function isSupervisionOverdue(s: { status: string; dueAt: Date }, now: Date): boolean {
  return s.status === 'open' && s.dueAt.getTime() < now.getTime();
}

const HOUR = 3_600_000;

/** Reminded once, a day before the due date (or at once when placed with less than a day to go). */
export function isSupervisionDueSoon(
  s: { status: string; dueAt: Date; remindedAt: Date | null },
  now: Date,
): boolean {
  if (s.status !== 'open' || s.remindedAt) return false;
  const left = s.dueAt.getTime() - now.getTime();
  return left > 0 && left <= 24 * HOUR;
}
