import { describe, expect, it } from 'vitest';
import type { Actor } from '../policies/scope';
import { authorizeEvaluation, authorizeRoundRead, authorizeTemplate } from './policy';

const yard = '/d/t/v/g/y/';
const actor = (role: Actor['grants'][number]['role'], unitPath: string): Actor => ({
  userId: 'u',
  grants: [{ role, unitId: 'x', unitPath }],
});

describe('evaluation policy', () => {
  it('a head scores their own courtyard and no other', () => {
    expect(authorizeEvaluation(actor('courtyard_head', yard), 'score', yard)).toBe('allow');
    expect(authorizeEvaluation(actor('courtyard_head', '/d/t/v/g/z/'), 'score', yard)).toBe('not_found');
    expect(authorizeEvaluation(actor('grid_worker', '/d/t/v/g/'), 'score', yard)).toBe('allow');
  });

  it('a resident never reads a round, not even of their own courtyard: 404, as for a stranger', () => {
    expect(authorizeRoundRead(actor('resident', yard), yard)).toBe('not_found');
    expect(authorizeRoundRead(actor('district_supervisor', '/d/'), yard)).toBe('allow');
  });

  it('only the center and admins keep templates; a supervisor reads but does not score', () => {
    expect(authorizeTemplate(actor('center_operator', '/d/t/'), '/d/t/v/')).toBe('allow');
    expect(authorizeTemplate(actor('courtyard_head', yard), '/d/t/v/')).toBe('not_found');
    expect(authorizeTemplate(actor('grid_worker', '/d/t/v/g/'), '/d/t/')).toBe('not_found');
    expect(authorizeEvaluation(actor('district_supervisor', '/d/'), 'score', yard)).toBe('forbidden');
  });
});
