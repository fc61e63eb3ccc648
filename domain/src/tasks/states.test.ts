import { describe, expect, it } from 'vitest';
import { actionsFrom, isOverdue, nextStatus } from './states';

describe('the assignment state machine', () => {
  it('runs assigned → in progress → submitted → accepted → scored', () => {
    expect(nextStatus('assigned', 'record')).toBe('in_progress');
    expect(nextStatus('in_progress', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'accept')).toBe('accepted');
    expect(nextStatus('accepted', 'score')).toBe('scored');
  });

  it('a returned submission goes back to work and may be submitted again', () => {
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('returned', 'record')).toBe('in_progress');
    expect(nextStatus('returned', 'submit')).toBe('submitted');
  });

  it('nothing moves a scored assignment, and an unsubmitted one cannot be reviewed', () => {
    for (const a of ['record', 'submit', 'accept', 'return', 'score'] as const) {
      expect(nextStatus('scored', a)).toBeNull();
    }
    expect(nextStatus('in_progress', 'accept')).toBeNull();
    expect(nextStatus('assigned', 'score')).toBeNull();
    expect(nextStatus('submitted', 'record')).toBeNull();
  });

  it('offers each side only its own steps', () => {
    expect(actionsFrom('submitted', 'issuer')).toEqual(['accept', 'return', 'score']);
    expect(actionsFrom('submitted', 'assignee')).toEqual([]);
    expect(actionsFrom('returned', 'assignee')).toEqual(['record', 'submit']);
  });

  it('overdue is open work past its deadline, never submitted work', () => {
    const due = new Date('2026-11-29T16:00:00Z');
    const after = new Date('2026-11-29T16:00:01Z');
    expect(isOverdue('in_progress', due, after)).toBe(true);
    expect(isOverdue('returned', due, after)).toBe(true);
    expect(isOverdue('submitted', due, after)).toBe(false);
    expect(isOverdue('assigned', due, new Date('2026-11-29T15:59:59Z'))).toBe(false);
  });
});
