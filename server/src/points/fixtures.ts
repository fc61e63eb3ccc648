import type { Role } from '@domain/auth/roles';
import type { Actor } from '@domain/policies/scope';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { householdBindings, households, orgUnits, roleGrants, users } from '../db/schema';
import { newId } from '../platform/ids';

interface Courtyard {
  id: string;
  path: string;
  townId: string | null;
}

/** The actor a signed-in person would be, for calling commands directly in tests. */
export async function actorOf(db: Db, phone: string): Promise<Actor> {
  const rows = await db
    .select({ userId: users.id, role: roleGrants.role, unitId: orgUnits.id, unitPath: orgUnits.path })
    .from(users)
    .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
    .where(eq(users.phone, phone));
  return {
    userId: rows[0]?.userId as string,
    grants: rows.map((r) => ({ role: r.role as Role, unitId: r.unitId, unitPath: r.unitPath })),
  };
}

/** A household of the courtyard with `userId` bound to it, as a grid worker's approval leaves it. */
export async function bindToNewHousehold(db: Db, userId: string, yard: Courtyard): Promise<string> {
  const householdId = newId();
  await db.insert(households).values({
    id: householdId,
    townId: yard.townId as string,
    courtyardId: yard.id,
    unitPath: yard.path,
    address: `积分测试${householdId.slice(-8)}号`,
  });
  await db.insert(householdBindings).values({
    id: newId(),
    userId,
    townId: yard.townId as string,
    courtyardId: yard.id,
    unitPath: yard.path,
    householdId,
    status: 'bound',
    via: 'approval',
  });
  return householdId;
}

let phoneSeq = 0;

/** `n` people, each bound to a household of their own in the courtyard (no password: they never sign in). */
export async function boundPeople(db: Db, yard: Courtyard, n: number) {
  const people: { userId: string; householdId: string }[] = [];
  for (let i = 0; i < n; i++) {
    const userId = newId();
    phoneSeq += 1;
    await db.insert(users).values({
      id: userId,
      phone: `137${String(process.pid % 10_000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`,
      name: `积分测试户${phoneSeq}`,
      passwordHash: '!',
    });
    people.push({ userId, householdId: await bindToNewHousehold(db, userId, yard) });
  }
  return people;
}
