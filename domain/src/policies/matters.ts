import type { Role } from '../auth/roles';
import { type Actor, type Decision, isWithin } from './scope';

const MANAGERS: readonly Role[] = ['center_operator', 'admin'];

/**
 * Everyone who lives or works in a town reads its catalogue (a resident picks a matter when
 * reporting); only its command center and admins change it.
 */
export function authorizeMatters(actor: Actor, action: 'read' | 'manage', townPath: string): Decision {
  const related = actor.grants.filter(
    (g) => isWithin(g.unitPath, townPath) || isWithin(townPath, g.unitPath),
  );
  if (related.length === 0) return 'not_found';
  if (action === 'read') return 'allow';
  return related.some((g) => MANAGERS.includes(g.role) && isWithin(townPath, g.unitPath))
    ? 'allow'
    : 'forbidden';
}
