import { z } from 'zod';

/**
 * 找院长: a resident's ask goes to their courtyard head, who answers, mediates or hands it to the
 * town's command center. The resident has the last word on whether it is settled.
 */
export const ASK_STATUSES = [
  'asked',
  'answered',
  'mediated',
  'reopened',
  'settled',
  'handed_over',
  'closed',
] as const;
export const AskStatus = z.enum(ASK_STATUSES);
export type AskStatus = z.infer<typeof AskStatus>;

export const ASK_STATUS_LABELS: Record<AskStatus, { zh: string; en: string }> = {
  asked: { zh: '待答复', en: 'Waiting for the head' },
  answered: { zh: '已答复', en: 'Answered' },
  mediated: { zh: '已调解', en: 'Mediated' },
  reopened: { zh: '未化解', en: 'Not settled' },
  settled: { zh: '已化解', en: 'Settled' },
  handed_over: { zh: '已转指挥中心', en: 'Handed to the center' },
  closed: { zh: '已关闭', en: 'Closed' },
};

/** What the courtyard head does. */
export const HEAD_ACTIONS = ['answer', 'mediate', 'hand_over'] as const;
/** What the resident who asked does. */
export const RESIDENT_ACTIONS = ['confirm', 'reopen', 'close'] as const;
export const ASK_ACTIONS = [...HEAD_ACTIONS, ...RESIDENT_ACTIONS] as const;
export const AskAction = z.enum(ASK_ACTIONS);
export type AskAction = z.infer<typeof AskAction>;
export type HeadAction = (typeof HEAD_ACTIONS)[number];
export type ResidentAction = (typeof RESIDENT_ACTIONS)[number];

export const ASK_ACTION_LABELS: Record<AskAction | 'ask', { zh: string; en: string }> = {
  ask: { zh: '找院长', en: 'Asked the head' },
  answer: { zh: '答复', en: 'Answer' },
  mediate: { zh: '记录调解', en: 'Record a mediation' },
  hand_over: { zh: '转指挥中心', en: 'Hand to the center' },
  confirm: { zh: '已化解', en: 'Settled' },
  reopen: { zh: '未化解', en: 'Not settled' },
  close: { zh: '关闭', en: 'Close' },
};

/** Where each action may start and where it leads. Settled, handed over and closed are final. */
export const ASK_TRANSITIONS: Record<AskAction, { from: readonly AskStatus[]; to: AskStatus }> = {
  answer: { from: ['asked', 'answered', 'reopened'], to: 'answered' },
  mediate: { from: ['asked', 'answered', 'reopened'], to: 'mediated' },
  hand_over: { from: ['asked', 'answered', 'mediated', 'reopened'], to: 'handed_over' },
  confirm: { from: ['answered', 'mediated'], to: 'settled' },
  reopen: { from: ['answered', 'mediated'], to: 'reopened' },
  close: { from: ['asked', 'answered', 'mediated', 'reopened'], to: 'closed' },
};

export const OPEN_ASK_STATUSES: readonly AskStatus[] = ['asked', 'answered', 'mediated', 'reopened'];

export function canAskTransition(status: AskStatus, action: AskAction): boolean {
  return ASK_TRANSITIONS[action].from.includes(status);
}

/** The status after `action`; throws on a move the machine does not allow (callers check first). */
export function nextAskStatus(status: AskStatus, action: AskAction): AskStatus {
  if (!canAskTransition(status, action)) throw new Error(`${action} is not allowed from ${status}`);
  return ASK_TRANSITIONS[action].to;
}

export function isHeadAction(action: AskAction): action is HeadAction {
  return (HEAD_ACTIONS as readonly string[]).includes(action);
}
