import { z } from 'zod';
import type { UnitKind } from '../org/kinds';

export const ROLES = [
  'admin',
  'district_supervisor',
  'center_operator',
  'post_staff',
  'grid_worker',
  'courtyard_head',
  'party_member',
  'resident',
  'cleaner',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  district_supervisor: { zh: '区县督导', en: 'District supervisor' },
  center_operator: { zh: '指挥中心坐席', en: 'Command center operator' },
  post_staff: { zh: '板块岗位人员', en: 'Post staff' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  courtyard_head: { zh: '院长', en: 'Courtyard head' },
  party_member: { zh: '党员', en: 'Party member' },
  resident: { zh: '村民', en: 'Resident' },
  cleaner: { zh: '保洁员', en: 'Cleaner' },
};

/**
 * Where in the tree each role may be held. A grid worker looks after a grid, a courtyard head a
 * courtyard; the center and its posts belong to a town. Admin may be delegated at any level.
 */
export const ROLE_UNIT_KINDS: Record<Role, readonly UnitKind[]> = {
  admin: ['district', 'town'],
  district_supervisor: ['district'],
  center_operator: ['town'],
  post_staff: ['town'],
  grid_worker: ['grid'],
  courtyard_head: ['courtyard'],
  party_member: ['village', 'grid', 'courtyard'],
  resident: ['courtyard'],
  cleaner: ['village', 'grid'],
};

/** Roles whose holder works from the desktop console; the others use the phone app. */
export const CONSOLE_ROLES: readonly Role[] = [
  'admin',
  'district_supervisor',
  'center_operator',
  'post_staff',
];

export function roleFitsUnit(role: Role, kind: UnitKind): boolean {
  return ROLE_UNIT_KINDS[role].includes(kind);
}

/** post_staff is always held for one post of the town; no other role names a post. */
export function roleNeedsPost(role: Role): boolean {
  return role === 'post_staff';
}
