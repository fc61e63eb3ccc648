import { describe, expect, it } from 'vitest';
import type { Actor } from '../policies/scope';
import { authorizeRegistry } from './policy';

const yardX = '/d/t/v/g/x/';
const yardY = '/d/t/v/g/y/';
const head: Actor = { userId: 'h', grants: [{ role: 'courtyard_head', unitId: 'x', unitPath: yardX }] };
const gridWorker: Actor = {
  userId: 'g',
  grants: [{ role: 'grid_worker', unitId: 'g', unitPath: '/d/t/v/g/' }],
};

describe('registry policy', () => {
  it('lets a courtyard head read their own courtyard and not another', () => {
    expect(authorizeRegistry(head, 'read', yardX)).toBe('allow');
    expect(authorizeRegistry(head, 'read', yardY)).toBe('not_found');
  });
  it('lets a courtyard head see but not reveal or edit', () => {
    expect(authorizeRegistry(head, 'reveal', yardX)).toBe('forbidden');
    expect(authorizeRegistry(head, 'keep', yardX)).toBe('forbidden');
    expect(authorizeRegistry(head, 'bind', yardX)).toBe('allow');
  });
  it('lets a grid worker keep and reveal in every courtyard of the grid, but not read the audit', () => {
    expect(authorizeRegistry(gridWorker, 'keep', yardY)).toBe('allow');
    expect(authorizeRegistry(gridWorker, 'reveal', yardX)).toBe('allow');
    expect(authorizeRegistry(gridWorker, 'audit', yardX)).toBe('forbidden');
  });
});
