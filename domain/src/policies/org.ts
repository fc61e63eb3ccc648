import { ROLES, type Role } from '../auth/roles';
import { type Actor, type Decision, decideByRole } from './scope';

export const ORG_ACTIONS = [
  'read',
  'create_child',
  'update',
  'move',
  'retire',
  'import_boundaries',
  'manage_posts',
] as const;
export type OrgAction = (typeof ORG_ACTIONS)[number];

export interface OrgTarget {
  path: string;
  kind: string;
}

const ORG_RULES: Record<OrgAction, readonly Role[]> = {
  read: ROLES,
  create_child: ['admin'],
  update: ['admin'],
  move: ['admin'],
  retire: ['admin'],
  import_boundaries: ['admin'],
  manage_posts: ['admin', 'center_operator'],
};

export function authorizeOrg(actor: Actor, action: OrgAction, unit: OrgTarget): Decision {
  const decision = decideByRole(actor, unit.path, ORG_RULES[action]);
  if (decision !== 'allow') return decision;
  // Moving or retiring the very unit one's power hangs from would take it out of one's own hands.
  if ((action === 'move' || action === 'retire') && actor.grants.some((g) => g.unitPath === unit.path)) {
    const reachesAbove = actor.grants.some(
      (g) =>
        g.unitPath !== unit.path && unit.path.startsWith(g.unitPath) && ORG_RULES[action].includes(g.role),
    );
    if (!reachesAbove) return 'forbidden';
  }
  if (action === 'manage_posts' && unit.kind !== 'town') return 'forbidden';
  return 'allow';
}

/** The actions the UI may offer on a unit: the server sends these, the web shows exactly these. */
export function allowedOrgActions(actor: Actor, unit: OrgTarget): OrgAction[] {
  return ORG_ACTIONS.filter((a) => authorizeOrg(actor, a, unit) === 'allow');
}
