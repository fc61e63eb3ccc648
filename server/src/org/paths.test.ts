import { describe, expect, it } from 'vitest';
import { ancestorPath, childPath, districtIdOfPath, likePrefix, townIdOfPath } from './paths';

describe('materialised paths', () => {
  const grid = childPath(childPath(childPath(childPath(null, 'D1'), 'T1'), 'V1'), 'G1');

  it('reads the district and the town a unit lies in', () => {
    expect(grid).toBe('/D1/T1/V1/G1/');
    expect(districtIdOfPath(grid)).toBe('D1');
    expect(townIdOfPath(grid)).toBe('T1');
    expect(townIdOfPath('/D1/')).toBeUndefined();
  });

  it('gives the path of an ancestor, or the path itself when it is shallower', () => {
    expect(ancestorPath(grid, 2)).toBe('/D1/T1/');
    expect(ancestorPath(grid, 1)).toBe('/D1/');
    expect(ancestorPath('/D1/', 2)).toBe('/D1/');
  });

  it('escapes LIKE wildcards in a prefix', () => {
    expect(likePrefix('/a_b%/')).toBe('/a\\_b\\%/%');
  });
});
