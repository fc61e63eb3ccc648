import { z } from 'zod';

/**
 * The closed loop (问题化解闭环): 上报 → 受理/不予受理 → 派遣 → 处置 → 办结 → 核查 → 结案 → 评价,
 * with 上报上级 to the district when the town cannot settle it alone.
 */
export const CASE_STATUSES = [
  'reported',
  'rejected',
  'accepted',
  'dispatched',
  'in_progress',
  'resolved',
  'verified',
  'closed',
  'escalated',
] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CASE_STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  reported: { zh: '待受理', en: 'Reported' },
  rejected: { zh: '不予受理', en: 'Rejected' },
  accepted: { zh: '待派遣', en: 'Accepted' },
  dispatched: { zh: '已派遣', en: 'Dispatched' },
  in_progress: { zh: '处置中', en: 'In progress' },
  resolved: { zh: '待核查', en: 'Resolved' },
  verified: { zh: '待结案', en: 'Verified' },
  closed: { zh: '已结案', en: 'Closed' },
  escalated: { zh: '已上报上级', en: 'Escalated' },
};

export const CASE_ACTIONS = [
  'accept',
  'reject',
  'dispatch',
  'return',
  'handle',
  'resolve',
  'verify',
  'rework',
  'close',
  'rate',
  'object',
  'escalate',
  'instruct',
  'settle',
  'whistle',
  'check_in',
  'pause',
  'resume',
] as const;
export const CaseAction = z.enum(CASE_ACTIONS);
export type CaseAction = z.infer<typeof CaseAction>;

export const CASE_ACTION_LABELS: Record<CaseAction, { zh: string; en: string }> = {
  accept: { zh: '受理', en: 'Accept' },
  reject: { zh: '不予受理', en: 'Reject' },
  dispatch: { zh: '派遣', en: 'Dispatch' },
  return: { zh: '退回', en: 'Return to center' },
  handle: { zh: '处置进展', en: 'Add progress' },
  resolve: { zh: '办结', en: 'Resolve' },
  verify: { zh: '核查通过', en: 'Verify' },
  rework: { zh: '返工', en: 'Send back for rework' },
  close: { zh: '结案', en: 'Close' },
  rate: { zh: '评价', en: 'Rate' },
  object: { zh: '异议重办', en: 'Object and reopen' },
  escalate: { zh: '上报上级', en: 'Escalate' },
  instruct: { zh: '批示交办', en: 'Instruct and return' },
  settle: { zh: '自办自结', en: 'Settle on the spot' },
  whistle: { zh: '网格吹哨', en: 'Whistle' },
  check_in: { zh: '部门报到', en: 'Check in' },
  pause: { zh: '暂停计时', en: 'Pause the clock' },
  resume: { zh: '恢复计时', en: 'Resume the clock' },
};

/** Where each action may start, and where it leads; null keeps the status (a note on the timeline). */
export const TRANSITIONS: Record<CaseAction, { from: readonly CaseStatus[]; to: CaseStatus | null }> = {
  accept: { from: ['reported'], to: 'accepted' },
  reject: { from: ['reported'], to: 'rejected' },
  dispatch: { from: ['accepted'], to: 'dispatched' },
  return: { from: ['dispatched', 'in_progress'], to: 'accepted' },
  handle: { from: ['dispatched', 'in_progress'], to: 'in_progress' },
  resolve: { from: ['dispatched', 'in_progress'], to: 'resolved' },
  verify: { from: ['resolved'], to: 'verified' },
  rework: { from: ['resolved', 'verified'], to: 'in_progress' },
  close: { from: ['verified'], to: 'closed' },
  rate: { from: ['closed'], to: null },
  object: { from: ['closed'], to: 'accepted' },
  escalate: { from: ['accepted', 'dispatched', 'in_progress'], to: 'escalated' },
  instruct: { from: ['escalated'], to: 'accepted' },
  settle: { from: ['reported'], to: 'closed' },
  whistle: { from: ['reported', 'accepted'], to: 'accepted' },
  check_in: { from: ['dispatched', 'in_progress'], to: null },
  pause: { from: ['dispatched', 'in_progress'], to: null },
  resume: { from: ['dispatched', 'in_progress'], to: null },
};

export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(
  (s) => s !== 'closed' && s !== 'rejected',
);

/** How long after closing a reporter may object and have the case reopened. */
export const OBJECTION_WINDOW_DAYS = 7;

export function canTransition(status: CaseStatus, action: CaseAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status after `action`; throws on a move the machine does not allow (callers check first). */
export function nextStatus(status: CaseStatus, action: CaseAction): CaseStatus {
  if (!canTransition(status, action)) throw new Error(`${action} is not allowed from ${status}`);
  return TRANSITIONS[action].to ?? status;
}

/** The clock stage running in each status; none while the case waits on nobody (closed, rejected). */
export function clockStageOf(
  status: CaseStatus,
): 'accept' | 'dispatch' | 'handle' | 'verify' | 'close' | null {
  switch (status) {
    case 'reported':
      return 'accept';
    case 'accepted':
    case 'escalated':
      return 'dispatch';
    case 'dispatched':
    case 'in_progress':
      return 'handle';
    case 'resolved':
      return 'verify';
    case 'verified':
      return 'close';
    default:
      return null;
  }
}

export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const Rating = z.enum(RATINGS);
export type Rating = z.infer<typeof Rating>;
export const RATING_LABELS: Record<Rating, { zh: string; en: string }> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
};

/** Timeline steps that no person takes: the report itself and what the clock records. */
export const SYSTEM_EVENT_LABELS: Record<string, { zh: string; en: string }> = {
  report: { zh: '上报事件', en: 'Reported' },
  overdue: { zh: '超期', en: 'Overdue' },
  overdue_twice: { zh: '二次超期，已提级督办', en: 'Overdue twice: raised to the supervisor' },
  check_in_missed: { zh: '未按时报到', en: 'Check-in missed' },
  also_reported: { zh: '又有人上报', en: 'Also reported' },
};

/** A timeline step's label, whether a person's action or the system's. */
export function eventLabel(action: string): { zh: string; en: string } {
  return (
    CASE_ACTION_LABELS[action as CaseAction] ?? SYSTEM_EVENT_LABELS[action] ?? { zh: action, en: action }
  );
}
