import { AppError } from '@domain/errors/codes';
import { and, gt, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';

/** A table of versions that each hold from `validFrom` until the next one starts (`validTo`). */
type Versioned = PgTable & { id: PgColumn; validFrom: PgColumn; validTo: PgColumn };

/**
 * Makes room for a version starting at `validFrom` among the versions picked by `line` (one rule, one
 * template): the one in force then ends there, so what happened under it keeps it. A version may not
 * start at or before the latest one does, which would rewrite history; the latest is locked first so
 * that two editors racing get one new version and a clear refusal.
 */
export async function endCurrentVersion(
  tx: Db,
  table: Versioned,
  line: SQL | undefined,
  validFrom: Date,
): Promise<void> {
  const later = await tx
    .select({ id: table.id })
    .from(table as PgTable)
    .where(and(line, sql`${table.validFrom} >= ${validFrom.toISOString()}`))
    .for('update');
  if (later.length > 0)
    throw new AppError('VALIDATION_FAILED', {
      zh: '新版本的生效时间须晚于现行版本',
      en: 'A new version must start after the latest one',
    });
  await tx
    .update(table as PgTable)
    .set({ validTo: validFrom } as never)
    .where(and(line, or(isNull(table.validTo), gt(table.validTo, validFrom))));
}
