import { describe, expect, it } from 'vitest';
import type { Actor } from '../policies/scope';
import { authorizeAward, authorizePoints } from './policy';

const yard = '/d/t/v/g/y/';
const actor = (role: Actor['grants'][number]['role'], unitPath: string): Actor => ({
  userId: 'u',
  grants: [{ role, unitId: 'x', unitPath }],
});

describe('points policy', () => {
  it('a courtyard head awards in their courtyard only what the rule lets heads award', () => {
    expect(authorizeAward(actor('courtyard_head', yard), yard, ['courtyard_head'])).toBe('allow');
    expect(authorizeAward(actor('courtyard_head', yard), yard, ['grid_worker'])).toBe('forbidden');
    expect(authorizeAward(actor('courtyard_head', '/d/t/v/g/other/'), yard, ['courtyard_head'])).toBe(
      'not_found',
    );
  });

  it('a rule naming a role that may never award by hand gives that role nothing', () => {
    expect(authorizeAward(actor('resident', yard), yard, ['resident'])).toBe('forbidden');
  });

  it('only the center and admins reverse entries; post staff read them', () => {
    expect(authorizePoints(actor('center_operator', '/d/t/'), 'keep', yard)).toBe('allow');
    expect(authorizePoints(actor('grid_worker', '/d/t/v/g/'), 'keep', yard)).toBe('forbidden');
    expect(authorizePoints(actor('post_staff', '/d/t/'), 'read', yard)).toBe('allow');
  });
});
