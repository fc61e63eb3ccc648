import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles';
import type { Actor } from './scope';
import { authorizeUserManage, authorizeUserRead, canAssignRole, canListUsers, userReadScopes } from './users';

const actor = (role: Role, unitPath: string): Actor => ({
  userId: 'me',
  grants: [{ role, unitId: 'x', unitPath }],
});
const person = (role: Role, unitPath: string) => ({ id: 'them', grants: [{ role, unitPath }] });

describe('users policy', () => {
  it('a center operator hands out town-level roles in its own town, not elsewhere and not above its rank', () => {
    const op = actor('center_operator', '/D/A/');
    expect(canAssignRole(op, 'grid_worker', '/D/A/V/G/')).toBe('allow');
    expect(canAssignRole(op, 'post_staff', '/D/A/')).toBe('allow');
    expect(canAssignRole(op, 'grid_worker', '/D/B/V/G/')).toBe('not_found');
    expect(canAssignRole(op, 'admin', '/D/A/')).toBe('forbidden');
    expect(canAssignRole(op, 'center_operator', '/D/A/')).toBe('forbidden');
  });

  it('a district admin hands out any role anywhere in the district', () => {
    expect(canAssignRole(actor('admin', '/D/'), 'district_supervisor', '/D/')).toBe('allow');
    expect(canAssignRole(actor('admin', '/D/'), 'resident', '/D/B/V/G/C/')).toBe('allow');
  });

  it('roles without staff powers hand out nothing and list no one', () => {
    for (const role of [
      'grid_worker',
      'courtyard_head',
      'resident',
      'post_staff',
      'cleaner',
      'party_member',
    ] as const) {
      expect(canAssignRole(actor(role, '/D/A/V/G/'), 'resident', '/D/A/V/G/C/')).toBe('forbidden');
      expect(canListUsers(actor(role, '/D/A/'))).toBe(false);
    }
  });

  it('people of another town are not found; people of one own town can be read by staff, not by residents', () => {
    const op = actor('center_operator', '/D/A/');
    expect(authorizeUserRead(op, person('grid_worker', '/D/B/V/G/'))).toBe('not_found');
    expect(authorizeUserRead(op, person('grid_worker', '/D/A/V/G/'))).toBe('allow');
    expect(authorizeUserRead(actor('resident', '/D/A/V/G/C/'), person('resident', '/D/A/V/G/C/'))).toBe(
      'forbidden',
    );
    expect(authorizeUserRead(actor('district_supervisor', '/D/'), person('admin', '/D/'))).toBe('allow');
  });

  it('everyone may read their own account', () => {
    const me: Actor = {
      userId: 'them',
      grants: [{ role: 'resident', unitId: 'c', unitPath: '/D/A/V/G/C/' }],
    };
    expect(authorizeUserRead(me, person('resident', '/D/A/V/G/C/'))).toBe('allow');
  });

  it('managing an account needs the power over every role it holds', () => {
    const op = actor('center_operator', '/D/A/');
    expect(authorizeUserManage(op, person('grid_worker', '/D/A/V/G/'))).toBe('allow');
    expect(authorizeUserManage(op, person('center_operator', '/D/A/'))).toBe('forbidden');
    const twoTowns = {
      id: 'them',
      grants: [
        { role: 'grid_worker' as const, unitPath: '/D/A/V/G/' },
        { role: 'grid_worker' as const, unitPath: '/D/B/V/G/' },
      ],
    };
    expect(authorizeUserManage(op, twoTowns)).toBe('forbidden');
    expect(authorizeUserManage(actor('district_supervisor', '/D/'), person('grid_worker', '/D/A/V/G/'))).toBe(
      'forbidden',
    );
  });

  it('lists people only inside the subtrees where the actor holds a staff role', () => {
    const multi: Actor = {
      userId: 'me',
      grants: [
        { role: 'center_operator', unitId: 'a', unitPath: '/D/A/' },
        { role: 'resident', unitId: 'c', unitPath: '/D/B/V/G/C/' },
      ],
    };
    expect(userReadScopes(multi)).toEqual(['/D/A/']);
  });
});
