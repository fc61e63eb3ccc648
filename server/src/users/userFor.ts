import type { Actor } from '@domain/policies/scope';
import { authorizeUserManage, authorizeUserRead } from '@domain/policies/users';
import type { Db } from '../db/client';
import { enforce } from '../platform/enforce';
import { findUser, grantsOfUsers, targetOf, type UserRow } from './queries';

/** Loads a person's account under the users policy: outside the actor's scope it does not exist. */
export async function userFor(db: Db, actor: Actor, id: string, action: 'read' | 'manage'): Promise<UserRow> {
  const user = await findUser(db, id);
  if (!user) enforce('not_found');
  const target = targetOf(user as UserRow, await grantsOfUsers(db, [id]));
  enforce(action === 'read' ? authorizeUserRead(actor, target) : authorizeUserManage(actor, target));
  return user as UserRow;
}
