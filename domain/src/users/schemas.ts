import { z } from 'zod';
import { Role } from '../auth/roles';
import { GrantView } from '../auth/schemas';
import { Id, Name, PageQuery, Phone } from '../shared/schemas';

export const GrantInput = z.object({
  role: Role,
  unitId: Id,
  postId: Id.optional(),
});
export type GrantInput = z.infer<typeof GrantInput>;

export const USER_ACTIONS = ['manage'] as const;

export const UserView = z.object({
  id: Id,
  phone: Phone,
  name: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
  grants: z.array(GrantView),
  can: z.array(z.enum(USER_ACTIONS)),
});
export type UserView = z.infer<typeof UserView>;

export const CreateUserInput = z.object({
  phone: Phone,
  name: Name,
  password: z.string().min(1).max(128),
  grants: z.array(GrantInput).min(1).max(20),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z
  .object({
    name: Name.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

export const ResetPasswordInput = z.object({ newPassword: z.string().min(1).max(128) });

export const ListUsersQuery = PageQuery.extend({
  q: z.string().trim().max(40).optional(),
  unitId: Id.optional(),
  role: Role.optional(),
});
