import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIONS_NEEDING_REASON } from './schemas';
import {
  CASE_ACTIONS,
  CASE_STATUSES,
  type CaseAction,
  type CaseStatus,
  canTransition,
  clockStageOf,
  nextStatus,
  OPEN_STATUSES,
} from './states';

describe('case state machine', () => {
  it('walks the whole loop: report → accept → dispatch → handle → resolve → verify → close', () => {
    const path: [CaseAction, CaseStatus][] = [
      ['accept', 'accepted'],
      ['dispatch', 'dispatched'],
      ['handle', 'in_progress'],
      ['resolve', 'resolved'],
      ['verify', 'verified'],
      ['close', 'closed'],
      ['rate', 'closed'],
    ];
    let status: CaseStatus = 'reported';
    for (const [action, expected] of path) {
      status = nextStatus(status, action);
      expect(status).toBe(expected);
    }
  });

  it('sends rework back to the post, returns go back to the center, objections reopen', () => {
    expect(nextStatus('resolved', 'rework')).toBe('in_progress');
    expect(nextStatus('dispatched', 'return')).toBe('accepted');
    expect(nextStatus('closed', 'object')).toBe('accepted');
    expect(nextStatus('escalated', 'instruct')).toBe('accepted');
    expect(nextStatus('reported', 'settle')).toBe('closed');
  });

  it('refuses what the loop does not allow', () => {
    expect(canTransition('reported', 'dispatch')).toBe(false);
    expect(canTransition('closed', 'resolve')).toBe(false);
    expect(canTransition('rejected', 'accept')).toBe(false);
    expect(canTransition('dispatched', 'close')).toBe(false);
    expect(() => nextStatus('closed', 'dispatch')).toThrow();
  });

  it('a rejected case is final; a closed one only takes a rating or an objection', () => {
    expect(CASE_ACTIONS.filter((a) => canTransition('rejected', a))).toEqual([]);
    expect(CASE_ACTIONS.filter((a) => canTransition('closed', a))).toEqual(['rate', 'object']);
  });

  it('any sequence of allowed actions stays inside the known statuses, and the clock runs exactly while open', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CASE_ACTIONS), { maxLength: 40 }), (actions) => {
        let status: CaseStatus = 'reported';
        for (const action of actions) {
          if (canTransition(status, action)) status = nextStatus(status, action);
          expect(CASE_STATUSES).toContain(status);
          expect(clockStageOf(status) !== null).toBe(OPEN_STATUSES.includes(status));
        }
      }),
    );
  });
});

describe('action forms', () => {
  it('the actions that need a reason are exactly those whose schema requires a note', () => {
    expect([...ACTIONS_NEEDING_REASON].sort()).toEqual(
      [
        'escalate',
        'handle',
        'instruct',
        'object',
        'pause',
        'reject',
        'resolve',
        'return',
        'rework',
        'settle',
        'whistle',
      ].sort(),
    );
  });
});
