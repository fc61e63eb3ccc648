import { setImmediate } from 'node:timers/promises';
import type { Actor } from '@domain/policies/scope';
import { parseRosterRow, REJECT_REASONS, type RejectReason, type RosterRow } from '@domain/registry/roster';
import { and, eq, inArray, isNull, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { households, orgUnits, registryImports, residents } from '../db/schema';
import { likePrefix } from '../org/paths';
import { writeAudit } from '../platform/audit';
import { newId } from '../platform/ids';
import { registryUnitFor, townOf } from './queries';
import { sealIdNumber, sealPhone } from './residentRecord';
import type { RejectedRow } from './rosterWorkbook';
import { readRoster } from './rosterWorkbook';
import type { RegistrySecrets } from './secrets';

export type ImportRow = typeof registryImports.$inferSelect;

/** Rows written per transaction: large enough to be quick, small enough to show progress. */
export const IMPORT_BATCH = 500;

interface Checked {
  line: number;
  row: RosterRow;
  courtyardId: string;
  courtyardPath: string;
  townId: string;
  idHmac: string;
}

function reject(
  line: number,
  row: { name: string; courtyard: string; address: string },
  codes: RejectReason[],
) {
  return {
    line,
    name: row.name,
    courtyard: row.courtyard,
    address: row.address,
    reasons: codes.map((code) => ({ code, ...REJECT_REASONS[code] })),
  };
}

/**
 * Takes a roster in: the file is read and checked as a whole before anything is written, then its
 * good rows go in one transaction per batch. The job row tells the console how far it has got.
 */
export async function startRosterImport(
  db: Db,
  secrets: RegistrySecrets,
  actor: Actor,
  unitId: string,
  file: { filename: string; data: Buffer },
): Promise<{ job: ImportRow; done: Promise<void> }> {
  const unit = await registryUnitFor(db, actor, unitId, 'keep');
  const roster = await readRoster(file.data);
  const [job] = await db
    .insert(registryImports)
    .values({
      id: newId(),
      townId: unit.kind === 'district' ? null : townOf(unit),
      unitId: unit.id,
      unitPath: unit.path,
      actorId: actor.userId,
      filename: file.filename.slice(0, 200),
      status: 'validating',
      total: roster.rows.length,
    })
    .returning();
  const row = job as ImportRow;
  const done = runImport(db, secrets, row, roster.rows).catch(async (error: unknown) => {
    await db
      .update(registryImports)
      .set({ status: 'failed', error: String(error).slice(0, 500), finishedAt: new Date() })
      .where(eq(registryImports.id, row.id));
  });
  return { job: row, done };
}

async function runImport(
  db: Db,
  secrets: RegistrySecrets,
  job: ImportRow,
  rows: Awaited<ReturnType<typeof readRoster>>['rows'],
): Promise<void> {
  const rejected: RejectedRow[] = [];
  const courtyards = await courtyardsUnder(db, job.unitPath);

  // Each row alone, then against the file, then against the database: the first reason wins a row.
  const checked: Checked[] = [];
  const seen = new Map<string, number>();
  for (const { line, raw } of rows) {
    const parsed = parseRosterRow(raw);
    if ('reasons' in parsed) {
      rejected.push(reject(line, raw, parsed.reasons));
      continue;
    }
    const courtyard = courtyards.get(parsed.row.courtyard);
    if (!courtyard) {
      rejected.push(reject(line, raw, ['UNKNOWN_COURTYARD']));
      continue;
    }
    if (seen.has(parsed.row.idNumber)) {
      rejected.push(reject(line, raw, ['DUPLICATE_IN_FILE']));
      continue;
    }
    seen.set(parsed.row.idNumber, line);
    checked.push({
      line,
      row: parsed.row,
      courtyardId: courtyard.id,
      courtyardPath: courtyard.path,
      townId: courtyard.townId,
      idHmac: secrets.hmac(parsed.row.idNumber),
    });
  }

  const existing = await existingByHmac(
    db,
    checked.map((c) => c.idHmac),
  );
  const fresh: Checked[] = [];
  let unchanged = 0;
  for (const c of checked) {
    const found = existing.get(c.idHmac);
    if (!found) fresh.push(c);
    else if (found.courtyardId === c.courtyardId && found.address === c.row.address) unchanged++;
    else rejected.push(reject(c.line, c.row, ['DUPLICATE_OF_EXISTING']));
  }
  rejected.sort((a, b) => a.line - b.line);
  const processed = rows.length - fresh.length;
  await db
    .update(registryImports)
    .set({ status: 'importing', processed, unchanged, rejected })
    .where(eq(registryImports.id, job.id));

  let imported = 0;
  for (let i = 0; i < fresh.length; i += IMPORT_BATCH) {
    const batch = fresh.slice(i, i + IMPORT_BATCH);
    imported += await importBatch(db, secrets, job, batch);
    await db
      .update(registryImports)
      .set({ processed: processed + i + batch.length, imported })
      .where(eq(registryImports.id, job.id));
    // Let waiting requests in between batches: PGlite has one connection, and the console polls.
    await setImmediate();
  }
  await db
    .update(registryImports)
    .set({ status: 'done', finishedAt: new Date() })
    .where(eq(registryImports.id, job.id));
}

/** Live courtyards under the unit by code and by name; a name two courtyards share names neither. */
async function courtyardsUnder(db: Db, unitPath: string) {
  const rows = await db
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      code: orgUnits.code,
      path: orgUnits.path,
      townId: orgUnits.townId,
    })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.kind, 'courtyard'),
        like(orgUnits.path, likePrefix(unitPath)),
        isNull(orgUnits.retiredAt),
      ),
    );
  const byKey = new Map<string, { id: string; path: string; townId: string }>();
  const names = new Map<string, number>();
  for (const r of rows) names.set(r.name, (names.get(r.name) ?? 0) + 1);
  for (const r of rows) {
    const yard = { id: r.id, path: r.path, townId: r.townId as string };
    if (names.get(r.name) === 1) byKey.set(r.name, yard);
    byKey.set(r.code, yard);
  }
  return byKey;
}

async function existingByHmac(db: Db, hmacs: readonly string[]) {
  const found = new Map<string, { courtyardId: string; address: string }>();
  for (let i = 0; i < hmacs.length; i += 1000) {
    const rows = await db
      .select({
        hmac: residents.idNumberHmac,
        courtyardId: households.courtyardId,
        address: households.address,
      })
      .from(residents)
      .innerJoin(households, eq(households.id, residents.householdId))
      .where(inArray(residents.idNumberHmac, hmacs.slice(i, i + 1000)));
    for (const r of rows) found.set(r.hmac as string, r);
  }
  return found;
}

/**
 * One transaction: the batch's households (made if new), its residents and the history row. A row
 * is all in or all out; a second import of the same people finds them by their ID numbers' HMACs.
 */
async function importBatch(
  db: Db,
  secrets: RegistrySecrets,
  job: ImportRow,
  batch: Checked[],
): Promise<number> {
  return db.transaction(async (tx) => {
    const keyOf = (courtyardId: string, address: string) => `${courtyardId}|${address}`;
    const wanted = new Map<
      string,
      { courtyardId: string; unitPath: string; townId: string; address: string }
    >();
    for (const c of batch)
      wanted.set(keyOf(c.courtyardId, c.row.address), {
        courtyardId: c.courtyardId,
        unitPath: c.courtyardPath,
        townId: c.townId,
        address: c.row.address,
      });
    await tx
      .insert(households)
      .values([...wanted.values()].map((h) => ({ id: newId(), ...h })))
      .onConflictDoNothing({ target: [households.courtyardId, households.address] });
    const ids = await tx
      .select({ id: households.id, courtyardId: households.courtyardId, address: households.address })
      .from(households)
      .where(inArray(households.courtyardId, [...new Set(batch.map((c) => c.courtyardId))]));
    const householdOf = new Map(ids.map((h) => [keyOf(h.courtyardId, h.address), h.id]));
    const inserted = await tx
      .insert(residents)
      .values(
        batch.map((c) => ({
          id: newId(),
          townId: c.townId,
          householdId: householdOf.get(keyOf(c.courtyardId, c.row.address)) as string,
          name: c.row.name,
          relation: c.row.relation,
          gender: c.row.gender,
          birthDate: c.row.birthDate,
          tags: c.row.tags,
          ...sealIdNumber(secrets, c.row.idNumber),
          ...sealPhone(secrets, c.row.phone),
        })),
      )
      .onConflictDoNothing({ target: residents.idNumberHmac })
      .returning({ id: residents.id });
    await writeAudit(tx, {
      townId: job.townId,
      actorId: job.actorId,
      subjectType: 'registry_import',
      subjectId: job.id,
      action: 'imported',
      detail: { rows: batch.length, residents: inserted.length, firstLine: batch[0]?.line ?? null },
    });
    return inserted.length;
  });
}
