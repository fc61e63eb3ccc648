import { AppError } from '@domain/errors/codes';
import { maskIdNumber, maskPhone } from '@domain/registry/identity';
import type { ResidentInput } from '@domain/registry/schemas';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { residents } from '../db/schema';
import type { RegistrySecrets } from './secrets';

/** The columns an ID number or phone becomes: sealed, keyed for lookup, masked for screens. */
export function sealIdNumber(secrets: RegistrySecrets, idNumber: string | null) {
  return {
    idNumberEnc: idNumber ? secrets.encrypt(idNumber) : null,
    idNumberHmac: idNumber ? secrets.hmac(idNumber) : null,
    idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
  };
}

export function sealPhone(secrets: RegistrySecrets, phone: string | null) {
  return {
    phoneEnc: phone ? secrets.encrypt(phone) : null,
    phoneHmac: phone ? secrets.hmac(phone) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
  };
}

/** Everything but the ids, ready to insert or set. */
export function residentColumns(secrets: RegistrySecrets, input: Partial<ResidentInput>) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.relation !== undefined ? { relation: input.relation } : {}),
    ...(input.gender !== undefined ? { gender: input.gender } : {}),
    ...(input.birthDate !== undefined ? { birthDate: input.birthDate } : {}),
    ...(input.tags !== undefined ? { tags: input.tags } : {}),
    ...(input.idNumber !== undefined ? sealIdNumber(secrets, input.idNumber) : {}),
    ...(input.phone !== undefined ? sealPhone(secrets, input.phone) : {}),
  };
}

/** One person, one record: a second record of an ID number is refused before the unique index would. */
export async function assertIdNumberFree(
  tx: Db,
  secrets: RegistrySecrets,
  idNumber: string | null | undefined,
  exceptResidentId?: string,
): Promise<void> {
  if (!idNumber) return;
  const [taken] = await tx
    .select({ id: residents.id })
    .from(residents)
    .where(
      and(
        eq(residents.idNumberHmac, secrets.hmac(idNumber)),
        exceptResidentId ? ne(residents.id, exceptResidentId) : undefined,
      ),
    );
  if (taken) throw new AppError('REGISTRY_ID_NUMBER_TAKEN');
}
