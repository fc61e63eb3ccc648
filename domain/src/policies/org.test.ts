import { describe, expect, it } from 'vitest';
import { ROLE_UNIT_KINDS, ROLES, type Role } from '../auth/roles';
import type { UnitKind } from '../org/kinds';
import { allowedOrgActions, authorizeOrg, type OrgAction } from './org';
import type { Actor } from './scope';

// A small tree: district D with towns A and B; A has village V (and sibling village W), grid G, courtyard C.
const units: Record<string, { path: string; kind: UnitKind }> = {
  D: { path: '/D/', kind: 'district' },
  A: { path: '/D/A/', kind: 'town' },
  B: { path: '/D/B/', kind: 'town' },
  V: { path: '/D/A/V/', kind: 'village' },
  W: { path: '/D/A/W/', kind: 'village' },
  G: { path: '/D/A/V/G/', kind: 'grid' },
  G2: { path: '/D/A/W/G2/', kind: 'grid' },
  C: { path: '/D/A/V/G/C/', kind: 'courtyard' },
  C2: { path: '/D/A/W/G2/C2/', kind: 'courtyard' },
};
// For each level: the unit a role is held at, one above, one beside (a sibling), one below.
const positions: Record<
  UnitKind,
  { at: string; above: string | null; beside: string; below: string | null }
> = {
  district: { at: 'D', above: null, beside: 'D', below: 'A' },
  town: { at: 'A', above: 'D', beside: 'B', below: 'V' },
  village: { at: 'V', above: 'A', beside: 'W', below: 'G' },
  grid: { at: 'G', above: 'V', beside: 'G2', below: 'C' },
  courtyard: { at: 'C', above: 'G', beside: 'C2', below: null },
};

const actorAt = (role: Role, unit: string): Actor => ({
  userId: 'u1',
  grants: [{ role, unitId: unit, unitPath: units[unit]?.path as string }],
});
const WRITES: OrgAction[] = ['create_child', 'update', 'import_boundaries'];
const target = (name: string) => units[name] as { path: string; kind: UnitKind };

describe('org policy: every role at, above, beside and below its unit', () => {
  for (const role of ROLES) {
    for (const kind of ROLE_UNIT_KINDS[role]) {
      const p = positions[kind];
      const actor = actorAt(role, p.at);
      describe(`${role} held at a ${kind}`, () => {
        it('reads its own unit and everything below it', () => {
          expect(authorizeOrg(actor, 'read', target(p.at))).toBe('allow');
          if (p.below) expect(authorizeOrg(actor, 'read', target(p.below))).toBe('allow');
        });
        it('cannot see the unit above it or a sibling: they read as not found', () => {
          if (p.above) expect(authorizeOrg(actor, 'read', target(p.above))).toBe('not_found');
          if (p.beside !== p.at) expect(authorizeOrg(actor, 'read', target(p.beside))).toBe('not_found');
        });
        it('changes the tree only if it is an admin', () => {
          for (const action of WRITES) {
            const expected = role === 'admin' ? 'allow' : 'forbidden';
            expect(authorizeOrg(actor, action, target(p.at))).toBe(expected);
            if (p.below) expect(authorizeOrg(actor, action, target(p.below))).toBe(expected);
            if (p.above) expect(authorizeOrg(actor, action, target(p.above))).toBe('not_found');
          }
        });
      });
    }
  }
});

describe('org policy: special cases', () => {
  it('a town admin may not retire or move the town its power hangs from, but may below it', () => {
    const townAdmin = actorAt('admin', 'A');
    expect(authorizeOrg(townAdmin, 'retire', target('A'))).toBe('forbidden');
    expect(authorizeOrg(townAdmin, 'move', target('A'))).toBe('forbidden');
    expect(authorizeOrg(townAdmin, 'retire', target('V'))).toBe('allow');
    expect(authorizeOrg(actorAt('admin', 'D'), 'retire', target('A'))).toBe('allow');
  });

  it('posts are managed by the town center operator and admins, and only on towns', () => {
    expect(authorizeOrg(actorAt('center_operator', 'A'), 'manage_posts', target('A'))).toBe('allow');
    expect(authorizeOrg(actorAt('center_operator', 'A'), 'manage_posts', target('V'))).toBe('forbidden');
    expect(authorizeOrg(actorAt('center_operator', 'A'), 'manage_posts', target('B'))).toBe('not_found');
    expect(authorizeOrg(actorAt('post_staff', 'A'), 'manage_posts', target('A'))).toBe('forbidden');
  });

  it('a path prefix that is not an ancestor does not grant scope', () => {
    const actor: Actor = { userId: 'u', grants: [{ role: 'admin', unitId: 'A', unitPath: '/D/A/' }] };
    expect(authorizeOrg(actor, 'read', { path: '/D/AB/', kind: 'town' })).toBe('not_found');
  });

  it('tells the UI exactly the actions allowed', () => {
    expect(allowedOrgActions(actorAt('grid_worker', 'G'), target('G'))).toEqual(['read']);
    expect(allowedOrgActions(actorAt('admin', 'D'), target('A'))).toEqual([
      'read',
      'create_child',
      'update',
      'move',
      'retire',
      'import_boundaries',
      'manage_posts',
    ]);
  });
});
