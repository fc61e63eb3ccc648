/**
 * The life of one assignment (按单履责): handed out, worked on with evidence, submitted, then accepted
 * or returned for rework by the issuer, and finally scored (对单考核). Overdue is not a state: it is a
 * flag the clock sets once on an open assignment whose deadline has passed.
 */
export const ASSIGNMENT_STATUSES = [
  'assigned',
  'in_progress',
  'submitted',
  'returned',
  'accepted',
  'scored',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ASSIGNMENT_ACTIONS = ['record', 'submit', 'accept', 'return', 'score'] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

/** Who takes each step: the assignee fulfils, the issuer reviews. */
export const ACTION_SIDE: Record<AssignmentAction, 'assignee' | 'issuer'> = {
  record: 'assignee',
  submit: 'assignee',
  accept: 'issuer',
  return: 'issuer',
  score: 'issuer',
};

const TRANSITIONS: Record<AssignmentAction, Partial<Record<AssignmentStatus, AssignmentStatus>>> = {
  record: { assigned: 'in_progress', in_progress: 'in_progress', returned: 'in_progress' },
  submit: { assigned: 'submitted', in_progress: 'submitted', returned: 'submitted' },
  accept: { submitted: 'accepted' },
  return: { submitted: 'returned', accepted: 'returned' },
  // Scoring a submission accepts it in the same step; an accepted one is scored once.
  score: { submitted: 'scored', accepted: 'scored' },
};

/** The status after the action, or null when the action is not open from this status. */
export function nextStatus(status: AssignmentStatus, action: AssignmentAction): AssignmentStatus | null {
  return TRANSITIONS[action][status] ?? null;
}

/** The actions open from a status on one side, as the UI offers them. */
export function actionsFrom(status: AssignmentStatus, side: 'assignee' | 'issuer'): AssignmentAction[] {
  return ASSIGNMENT_ACTIONS.filter((a) => ACTION_SIDE[a] === side && nextStatus(status, a) !== null);
}

/** Still the assignee's to do: these become overdue when the deadline passes. */
export function isOpen(status: AssignmentStatus): boolean {
  return status === 'assigned' || status === 'in_progress' || status === 'returned';
}

/** Overdue now: open and past its deadline (the clock also stamps this once, for history). */
export function isOverdue(status: AssignmentStatus, dueAt: Date, now: Date): boolean {
  return isOpen(status) && now.getTime() >= dueAt.getTime();
}
