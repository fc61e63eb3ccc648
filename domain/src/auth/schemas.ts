import { z } from 'zod';
import { UnitKind } from '../org/kinds';
import { Id, Name, Phone } from '../shared/schemas';
import { Role } from './roles';

export const LoginInput = z.object({
  phone: Phone,
  password: z.string().min(1).max(128),
});

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const GrantView = z.object({
  id: Id,
  role: Role,
  unitId: Id,
  unitName: z.string(),
  unitKind: UnitKind,
  /** Names from the district down to the unit, e.g. 荣昌区 / 直升镇 / 万宝村. */
  unitTrail: z.array(z.string()),
  postId: Id.nullable(),
  postName: z.string().nullable(),
});
export type GrantView = z.infer<typeof GrantView>;

export const Me = z.object({
  id: Id,
  phone: Phone,
  name: Name,
  locale: z.enum(['zh-CN', 'en']),
  grants: z.array(GrantView),
  /** Sent back in the x-csrf-token header on every change the session makes. */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;
