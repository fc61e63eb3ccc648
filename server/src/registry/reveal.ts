import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import type { RevealField } from '@domain/registry/schemas';
import type { Db } from '../db/client';
import { registryReveals } from '../db/schema';
import { newId } from '../platform/ids';
import { residentFor } from './queries';
import type { RegistrySecrets } from './secrets';

/**
 * The one way to read a full ID number or phone. The reveal row is written in the same
 * transaction that reads the value, so no value leaves without its record (PIPL).
 */
export async function revealResidentField(
  db: Db,
  secrets: RegistrySecrets,
  actor: Actor,
  residentId: string,
  input: { field: RevealField; reason: string },
): Promise<string> {
  return db.transaction(async (tx) => {
    const { resident, household } = await residentFor(tx, actor, residentId, 'reveal');
    const sealed = input.field === 'idNumber' ? resident.idNumberEnc : resident.phoneEnc;
    if (!sealed) throw new AppError('REGISTRY_FIELD_EMPTY');
    await tx.insert(registryReveals).values({
      id: newId(),
      townId: household.townId,
      unitPath: household.unitPath,
      actorId: actor.userId,
      residentId,
      field: input.field,
      reason: input.reason,
    });
    return secrets.decrypt(sealed);
  });
}
