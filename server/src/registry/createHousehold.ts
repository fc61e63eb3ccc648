import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import type { HouseholdInput, ResidentInput } from '@domain/registry/schemas';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client';
import { households, residents } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { newId } from '../platform/ids';
import { courtyardFor, type HouseholdRow, townOf } from './queries';
import { assertIdNumberFree, residentColumns } from './residentRecord';
import type { RegistrySecrets } from './secrets';

/** A grid worker opens a household at a doorplate of a courtyard, with its people if known. */
export async function createHousehold(
  db: Db,
  secrets: RegistrySecrets,
  actor: Actor,
  input: z.infer<typeof HouseholdInput> & { residents?: ResidentInput[] },
): Promise<HouseholdRow> {
  return db.transaction(async (tx) => {
    const courtyard = await courtyardFor(tx, actor, input.courtyardId, 'keep');
    const [taken] = await tx
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.courtyardId, courtyard.id), eq(households.address, input.address)));
    if (taken) throw new AppError('REGISTRY_HOUSEHOLD_EXISTS', undefined, { householdId: taken.id });
    const townId = townOf(courtyard);
    const id = newId();
    const [row] = await tx
      .insert(households)
      .values({ id, townId, courtyardId: courtyard.id, unitPath: courtyard.path, address: input.address })
      .returning();
    const people = input.residents ?? [];
    const ids = people.map((p) => p.idNumber).filter(Boolean);
    if (new Set(ids).size !== ids.length) throw new AppError('REGISTRY_ID_NUMBER_TAKEN');
    for (const person of people) await assertIdNumberFree(tx, secrets, person.idNumber);
    if (people.length > 0) {
      await tx.insert(residents).values(
        people.map((p) => ({
          id: newId(),
          townId,
          householdId: id,
          ...residentColumns(secrets, p),
          name: p.name,
          relation: p.relation,
          gender: p.gender,
          birthDate: p.birthDate,
        })),
      );
    }
    await writeAudit(tx, {
      townId,
      actorId: actor.userId,
      subjectType: 'household',
      subjectId: id,
      action: 'created',
      detail: { courtyardId: courtyard.id, address: input.address, residents: people.length },
    });
    return row as HouseholdRow;
  });
}
