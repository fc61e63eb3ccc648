import { describe, expect, it } from 'vitest';
import { ASK_ACTIONS, ASK_STATUSES, canAskTransition, isHeadAction, nextAskStatus } from './states';

describe('the ask state machine', () => {
  it('runs asked → answered → mediated → settled', () => {
    let s = nextAskStatus('asked', 'answer');
    expect(s).toBe('answered');
    s = nextAskStatus(s, 'mediate');
    expect(s).toBe('mediated');
    expect(nextAskStatus(s, 'confirm')).toBe('settled');
  });

  it('lets the resident say it is not settled, after which the head tries again or hands it over', () => {
    const s = nextAskStatus('mediated', 'reopen');
    expect(s).toBe('reopened');
    expect(nextAskStatus(s, 'mediate')).toBe('mediated');
    expect(nextAskStatus(s, 'hand_over')).toBe('handed_over');
  });

  it('a head may answer more than once before anything is settled', () => {
    expect(nextAskStatus('answered', 'answer')).toBe('answered');
  });

  it('settled, handed over and closed asks take no further step', () => {
    for (const final of ['settled', 'handed_over', 'closed'] as const) {
      for (const action of ASK_ACTIONS) expect(canAskTransition(final, action)).toBe(false);
    }
  });

  it('the resident cannot confirm what nobody has answered yet, and an illegal step throws', () => {
    expect(canAskTransition('asked', 'confirm')).toBe(false);
    expect(() => nextAskStatus('asked', 'confirm')).toThrow();
  });

  it('every status but the final ones can still be closed by the resident', () => {
    const closable = ASK_STATUSES.filter((s) => canAskTransition(s, 'close'));
    expect(closable).toEqual(['asked', 'answered', 'mediated', 'reopened']);
  });

  it('answer, mediate and hand over are the head’s; confirm, reopen and close the resident’s', () => {
    expect(ASK_ACTIONS.filter(isHeadAction)).toEqual(['answer', 'mediate', 'hand_over']);
  });
});
