import { AppError } from '@domain/errors/codes';
import { centroidOf } from '@domain/org/geo';
import { childKindOf, SECTOR_KINDS } from '@domain/org/kinds';
import type { CreateUnitInput } from '@domain/org/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, eq, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits, sectors } from '../db/schema';
import { seedMatterCatalogue } from '../matters/seed';
import { writeAudit } from '../platform/audit';
import { newId } from '../platform/ids';
import { announceReferenceChange } from '../platform/referenceChanges';
import { boundaryColumns } from './boundaryColumns';
import { childPath, likePrefix } from './paths';
import { lockUnit, type UnitRow, unitFor } from './queries';

const CODE_LETTER = { village: 'V', grid: 'G', courtyard: 'Y' } as const;

/** A new unit goes one level below its parent; a new town comes with its four sectors. */
export async function createUnit(db: Db, actor: Actor, input: CreateUnitInput): Promise<UnitRow> {
  return db.transaction(async (tx) => {
    await unitFor(tx, actor, input.parentId, 'create_child');
    const parent = await lockUnit(tx, input.parentId, 'share');
    if (parent.retiredAt) throw new AppError('ORG_UNIT_RETIRED');
    const kind = childKindOf(parent.kind as never);
    if (!kind) {
      throw new AppError('ORG_UNIT_KIND_MISMATCH', {
        zh: '小院下不能再建下级单元',
        en: 'A courtyard has no sub-units',
      });
    }
    const id = newId();
    const code = input.code ?? (await nextCode(tx, parent, kind));
    await assertCodeFree(tx, code);
    const center = input.center ?? (input.boundary ? centroidOf(input.boundary) : null);
    const [row] = await tx
      .insert(orgUnits)
      .values({
        id,
        parentId: parent.id,
        kind,
        name: input.name,
        code,
        path: childPath(parent.path, id),
        depth: parent.depth + 1,
        townId: kind === 'town' ? id : parent.townId,
        centerLat: center?.lat ?? null,
        centerLng: center?.lng ?? null,
        ...boundaryColumns(input.boundary ?? null),
      })
      .returning();
    if (kind === 'town') {
      await tx.insert(sectors).values(SECTOR_KINDS.map((k) => ({ id: newId(), townId: id, kind: k })));
      await seedMatterCatalogue(tx, id);
    }
    await announceReferenceChange(tx);
    await writeAudit(tx, {
      townId: kind === 'town' ? id : parent.townId,
      actorId: actor.userId,
      subjectType: 'org_unit',
      subjectId: id,
      action: 'created',
      detail: { parentId: parent.id, kind, name: input.name, code },
    });
    return row as UnitRow;
  });
}

export async function assertCodeFree(tx: Db, code: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.code, code), isNull(orgUnits.retiredAt)));
  if (taken && taken.id !== exceptId) throw new AppError('ORG_CODE_TAKEN', undefined, { field: 'code' });
}

/**
 * Towns and villages carry official 12-digit codes, which only a person can supply; when none is
 * given, a unit gets `<parent code>-<letter><serial>`, the scheme we use below the village.
 */
async function nextCode(tx: Db, parent: UnitRow, kind: string): Promise<string> {
  const letter = CODE_LETTER[kind as keyof typeof CODE_LETTER] ?? 'U';
  const prefix = `${parent.code}-${letter}`;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, parent.id), like(orgUnits.code, likePrefix(prefix))));
  let serial = Number(row?.n ?? 0) + 1;
  for (;;) {
    const code = `${prefix}${String(serial).padStart(2, '0')}`;
    const [taken] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, code));
    if (!taken) return code;
    serial += 1;
  }
}
