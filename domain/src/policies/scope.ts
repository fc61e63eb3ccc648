import type { Role } from '../auth/roles';

/** A role held at one unit of the org tree; it reaches that unit's whole subtree and nothing else. */
export interface Grant {
  role: Role;
  unitId: string;
  /** Materialised path of the unit, `/<id>/<id>/…/`, so a subtree is a prefix. */
  unitPath: string;
  postId?: string | null;
}

export interface Actor {
  userId: string;
  grants: readonly Grant[];
}

/**
 * not_found is answered when the target lies outside every subtree the actor holds a role in:
 * the actor must not even learn that it exists. forbidden is for a target the actor can see but
 * may not act on.
 */
export type Decision = 'allow' | 'forbidden' | 'not_found';

export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export function grantsReaching(actor: Actor, targetPath: string): Grant[] {
  return actor.grants.filter((g) => isWithin(targetPath, g.unitPath));
}

/** The org-scope check every rule starts with, then the role check. */
export function decideByRole(actor: Actor, targetPath: string, roles: readonly Role[]): Decision {
  const reaching = grantsReaching(actor, targetPath);
  if (reaching.length === 0) return 'not_found';
  return reaching.some((g) => roles.includes(g.role)) ? 'allow' : 'forbidden';
}

/** The top-most units the actor reaches: the roots of the tree as this actor sees it. */
export function scopeRoots(actor: Actor): Grant[] {
  return actor.grants.filter(
    (g) => !actor.grants.some((o) => o.unitPath !== g.unitPath && isWithin(g.unitPath, o.unitPath)),
  );
}
