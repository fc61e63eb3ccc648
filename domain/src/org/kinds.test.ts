import { describe, expect, it } from 'vitest';
import { roleFitsUnit } from '../auth/roles';
import { childKindOf } from './kinds';

describe('org levels', () => {
  it('each level has the next one below it, and a courtyard has none', () => {
    expect(childKindOf('district')).toBe('town');
    expect(childKindOf('town')).toBe('village');
    expect(childKindOf('village')).toBe('grid');
    expect(childKindOf('grid')).toBe('courtyard');
    expect(childKindOf('courtyard')).toBeNull();
  });
  it('roles are held only where the field holds them', () => {
    expect(roleFitsUnit('grid_worker', 'grid')).toBe(true);
    expect(roleFitsUnit('grid_worker', 'town')).toBe(false);
    expect(roleFitsUnit('center_operator', 'town')).toBe(true);
    expect(roleFitsUnit('courtyard_head', 'courtyard')).toBe(true);
  });
});
