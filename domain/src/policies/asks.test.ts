import { describe, expect, it } from 'vitest';
import { allowedAskActions, authorizeAsk, canReadAsk } from './asks';
import type { Actor } from './scope';

const yard = '/d/t/v/g/y/';
const otherYard = '/d/t/v/g/z/';
const ask = { status: 'asked', residentId: 'r1', courtyardPath: yard } as const;
const actor = (userId: string, role: Actor['grants'][number]['role'], unitPath: string): Actor => ({
  userId,
  grants: [{ role, unitId: unitPath, unitPath }],
});

describe('who may read and act on an ask', () => {
  it('the head of the courtyard answers, mediates and hands over; the resident only closes', () => {
    expect(allowedAskActions(actor('h1', 'courtyard_head', yard), ask)).toEqual([
      'answer',
      'mediate',
      'hand_over',
    ]);
    expect(allowedAskActions(actor('r1', 'resident', yard), ask)).toEqual(['close']);
  });

  it('a head of another courtyard is told the ask does not exist', () => {
    expect(authorizeAsk(actor('h2', 'courtyard_head', otherYard), 'answer', ask)).toBe('not_found');
  });

  it('a neighbour of the same courtyard cannot read it; the grid worker and the town may read, not act', () => {
    expect(canReadAsk(actor('r2', 'resident', yard), ask)).toBe(false);
    expect(canReadAsk(actor('g1', 'grid_worker', '/d/t/v/g/'), ask)).toBe(true);
    expect(authorizeAsk(actor('o1', 'center_operator', '/d/t/'), 'answer', ask)).toBe('forbidden');
  });

  it('a step the state does not allow is a conflict for whoever could otherwise take it', () => {
    expect(authorizeAsk(actor('r1', 'resident', yard), 'confirm', ask)).toBe('conflict');
    const settled = { ...ask, status: 'settled' } as const;
    expect(authorizeAsk(actor('h1', 'courtyard_head', yard), 'answer', settled)).toBe('conflict');
  });
});
