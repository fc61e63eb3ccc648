import type { Actor } from '@domain/policies/scope';
import type { ResidentInput } from '@domain/registry/schemas';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { residents } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { newId } from '../platform/ids';
import { householdFor, type ResidentRow, residentFor } from './queries';
import { assertIdNumberFree, residentColumns } from './residentRecord';
import type { RegistrySecrets } from './secrets';

/** Which fields changed, never their values: the audit log must not become a copy of the census. */
function changedFields(input: Partial<ResidentInput>): string[] {
  return Object.keys(input).sort();
}

export async function addResident(
  db: Db,
  secrets: RegistrySecrets,
  actor: Actor,
  householdId: string,
  input: ResidentInput,
): Promise<ResidentRow> {
  return db.transaction(async (tx) => {
    const household = await householdFor(tx, actor, householdId, 'keep');
    await assertIdNumberFree(tx, secrets, input.idNumber);
    const id = newId();
    const [row] = await tx
      .insert(residents)
      .values({
        id,
        townId: household.townId,
        householdId,
        ...residentColumns(secrets, input),
        name: input.name,
        relation: input.relation,
        gender: input.gender,
        birthDate: input.birthDate,
      })
      .returning();
    await writeAudit(tx, {
      townId: household.townId,
      actorId: actor.userId,
      subjectType: 'resident',
      subjectId: id,
      action: 'created',
      detail: { householdId },
    });
    return row as ResidentRow;
  });
}

export async function updateResident(
  db: Db,
  secrets: RegistrySecrets,
  actor: Actor,
  residentId: string,
  input: Partial<ResidentInput>,
): Promise<ResidentRow> {
  return db.transaction(async (tx) => {
    const { resident, household } = await residentFor(tx, actor, residentId, 'keep');
    await assertIdNumberFree(tx, secrets, input.idNumber, residentId);
    const [row] = await tx
      .update(residents)
      .set({ ...residentColumns(secrets, input), updatedAt: new Date() })
      .where(eq(residents.id, resident.id))
      .returning();
    await writeAudit(tx, {
      townId: household.townId,
      actorId: actor.userId,
      subjectType: 'resident',
      subjectId: residentId,
      action: 'updated',
      detail: { fields: changedFields(input) },
    });
    return row as ResidentRow;
  });
}
