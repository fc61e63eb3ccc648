import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { maskPhone } from '@domain/registry/identity';
import { authorizeRegistry } from '@domain/registry/policy';
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { courtyardInvites, householdBindings, households, orgUnits, residents, users } from '../db/schema';
import { likePrefix } from '../org/paths';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { householdFor, registryUnitFor } from './queries';
import type { RegistrySecrets } from './secrets';

export type BindingRow = typeof householdBindings.$inferSelect;

/**
 * A signed-in person types their courtyard's invite code. If the census lists their phone in a
 * household of that courtyard they are bound at once; otherwise a request waits for a grid worker.
 */
export async function joinByInvite(
  db: Db,
  secrets: RegistrySecrets,
  user: { id: string; phone: string },
  code: string,
): Promise<BindingRow> {
  return db.transaction(async (tx) => {
    const [live] = await tx
      .select({ id: householdBindings.id })
      .from(householdBindings)
      .where(
        and(eq(householdBindings.userId, user.id), inArray(householdBindings.status, ['pending', 'bound'])),
      );
    if (live) throw new AppError('REGISTRY_ALREADY_BOUND');
    const [invite] = await tx
      .select({
        courtyardId: courtyardInvites.courtyardId,
        townId: courtyardInvites.townId,
        path: orgUnits.path,
      })
      .from(courtyardInvites)
      .innerJoin(orgUnits, eq(orgUnits.id, courtyardInvites.courtyardId))
      .where(eq(courtyardInvites.code, code.trim().toUpperCase()));
    if (!invite) throw new AppError('REGISTRY_INVITE_UNKNOWN');
    const [listed] = await tx
      .select({ householdId: households.id })
      .from(residents)
      .innerJoin(households, eq(households.id, residents.householdId))
      .where(
        and(
          eq(households.courtyardId, invite.courtyardId),
          eq(residents.phoneHmac, secrets.hmac(user.phone)),
        ),
      );
    const id = newId();
    const [row] = await tx
      .insert(householdBindings)
      .values({
        id,
        userId: user.id,
        townId: invite.townId,
        courtyardId: invite.courtyardId,
        unitPath: invite.path,
        householdId: listed?.householdId ?? null,
        status: listed ? 'bound' : 'pending',
        via: 'invite',
        decidedAt: listed ? new Date() : null,
      })
      .returning();
    await writeAudit(tx, {
      townId: invite.townId,
      actorId: user.id,
      subjectType: 'household_binding',
      subjectId: id,
      action: listed ? 'bound' : 'requested',
      detail: { courtyardId: invite.courtyardId, householdId: listed?.householdId ?? null },
    });
    return row as BindingRow;
  });
}

export interface BindRequestView {
  id: string;
  user: { id: string; name: string; phone: string };
  courtyard: { id: string; name: string };
  createdAt: string;
}

/** Requests waiting under a unit, oldest first: the grid worker's to-do list. */
export async function pendingBindRequests(db: Db, actor: Actor, unitId: string): Promise<BindRequestView[]> {
  const unit = await registryUnitFor(db, actor, unitId, 'bind');
  const rows = await db
    .select({ b: householdBindings, userName: users.name, phone: users.phone, courtyardName: orgUnits.name })
    .from(householdBindings)
    .innerJoin(users, eq(users.id, householdBindings.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, householdBindings.courtyardId))
    .where(
      and(like(householdBindings.unitPath, likePrefix(unit.path)), eq(householdBindings.status, 'pending')),
    )
    .orderBy(asc(householdBindings.createdAt))
    .limit(200);
  return rows.map((r) => ({
    id: r.b.id,
    user: { id: r.b.userId, name: r.userName, phone: maskPhone(r.phone) },
    courtyard: { id: r.b.courtyardId, name: r.courtyardName },
    createdAt: r.b.createdAt.toISOString(),
  }));
}

/** The grid worker binds the requester to a household of the same courtyard, or turns them down. */
export async function decideBindRequest(
  db: Db,
  actor: Actor,
  bindingId: string,
  decision: { approve: true; householdId: string } | { approve: false },
): Promise<BindingRow> {
  return db.transaction(async (tx) => {
    const [binding] = await tx
      .select()
      .from(householdBindings)
      .where(eq(householdBindings.id, bindingId))
      .for('update');
    if (!binding) enforce('not_found');
    const b = binding as BindingRow;
    enforce(authorizeRegistry(actor, 'bind', b.unitPath));
    if (b.status !== 'pending') throw new AppError('REGISTRY_REQUEST_DECIDED');
    let householdId: string | null = null;
    if (decision.approve) {
      const household = await householdFor(tx, actor, decision.householdId, 'bind');
      if (household.courtyardId !== b.courtyardId) enforce('not_found');
      householdId = household.id;
    }
    const [row] = await tx
      .update(householdBindings)
      .set({
        status: decision.approve ? 'bound' : 'rejected',
        householdId,
        via: 'approval',
        decidedBy: actor.userId,
        decidedAt: new Date(),
      })
      .where(eq(householdBindings.id, b.id))
      .returning();
    await writeAudit(tx, {
      townId: b.townId,
      actorId: actor.userId,
      subjectType: 'household_binding',
      subjectId: b.id,
      action: decision.approve ? 'approved' : 'rejected',
      detail: { householdId },
    });
    return row as BindingRow;
  });
}

/** The household a person is bound to, if any: what votes and points will check. */
export async function boundHouseholdOf(db: Db, userId: string): Promise<BindingRow | null> {
  const [row] = await db
    .select()
    .from(householdBindings)
    .where(
      and(eq(householdBindings.userId, userId), inArray(householdBindings.status, ['pending', 'bound'])),
    );
  return row ?? null;
}
