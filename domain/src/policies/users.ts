import { ROLES, type Role } from '../auth/roles';
import { type Actor, type Decision, type Grant, isWithin } from './scope';

/** Which roles a holder of each role may hand out, inside its own subtree. */
const ASSIGNABLE: Partial<Record<Role, readonly Role[]>> = {
  admin: ROLES,
  center_operator: ['post_staff', 'grid_worker', 'courtyard_head', 'party_member', 'resident', 'cleaner'],
};

const USER_READERS: readonly Role[] = ['admin', 'district_supervisor', 'center_operator'];

export interface UserTarget {
  id: string;
  grants: readonly Pick<Grant, 'role' | 'unitPath'>[];
}

export function canAssignRole(actor: Actor, role: Role, unitPath: string): Decision {
  const reaching = actor.grants.filter((g) => isWithin(unitPath, g.unitPath));
  if (reaching.length === 0) return 'not_found';
  return reaching.some((g) => ASSIGNABLE[g.role]?.includes(role)) ? 'allow' : 'forbidden';
}

function reachesUser(actor: Actor, user: UserTarget): boolean {
  return user.grants.some((ug) => actor.grants.some((g) => isWithin(ug.unitPath, g.unitPath)));
}

export function authorizeUserRead(actor: Actor, user: UserTarget): Decision {
  if (actor.userId === user.id) return 'allow';
  if (!reachesUser(actor, user)) return 'not_found';
  const readable = user.grants.some((ug) =>
    actor.grants.some((g) => USER_READERS.includes(g.role) && isWithin(ug.unitPath, g.unitPath)),
  );
  return readable ? 'allow' : 'forbidden';
}

/**
 * Changing a person's account (name, password reset, disabling) touches every role they hold,
 * so the actor must be able to hand out each of those roles where it is held.
 */
export function authorizeUserManage(actor: Actor, user: UserTarget): Decision {
  if (!reachesUser(actor, user)) return 'not_found';
  if (user.grants.length === 0) return 'forbidden';
  const all = user.grants.every((ug) => canAssignRole(actor, ug.role, ug.unitPath) === 'allow');
  return all ? 'allow' : 'forbidden';
}

export function canListUsers(actor: Actor): boolean {
  return actor.grants.some((g) => USER_READERS.includes(g.role));
}

/** The subtrees in which the actor may see user accounts. */
export function userReadScopes(actor: Actor): string[] {
  return actor.grants.filter((g) => USER_READERS.includes(g.role)).map((g) => g.unitPath);
}
