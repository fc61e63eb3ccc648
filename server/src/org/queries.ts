import type { GeoBoundary } from '@domain/org/geo';
import type { UnitKind } from '@domain/org/kinds';
import type { OrgUnit, OrgUnitDetail } from '@domain/org/schemas';
import { allowedOrgActions, authorizeOrg, type OrgAction } from '@domain/policies/org';
import type { Actor } from '@domain/policies/scope';
import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema';
import { enforce } from '../platform/enforce';
import { idsOfPath } from './paths';

export type UnitRow = typeof orgUnits.$inferSelect;

export async function findUnit(db: Db, id: string): Promise<UnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

/** Loads a unit and applies the org policy: out of scope reads as "no such unit". */
export async function unitFor(db: Db, actor: Actor, id: string, action: OrgAction): Promise<UnitRow> {
  const unit = await findUnit(db, id);
  if (!unit) enforce('not_found');
  enforce(authorizeOrg(actor, action, unit as UnitRow));
  return unit as UnitRow;
}

export async function countLiveChildren(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ parentId: orgUnits.parentId, n: sql<number>`count(*)::int` })
    .from(orgUnits)
    .where(and(inArray(orgUnits.parentId, [...ids]), isNull(orgUnits.retiredAt)))
    .groupBy(orgUnits.parentId);
  return new Map(rows.map((r) => [r.parentId as string, Number(r.n)]));
}

export function toOrgUnit(actor: Actor, row: UnitRow, childCount: number): OrgUnit {
  return {
    id: row.id,
    parentId: row.parentId,
    kind: row.kind as UnitKind,
    name: row.name,
    code: row.code,
    depth: row.depth,
    townId: row.townId,
    center:
      row.centerLat != null && row.centerLng != null ? { lat: row.centerLat, lng: row.centerLng } : null,
    hasBoundary: row.boundary != null,
    retired: row.retiredAt != null,
    childCount,
    can: row.retiredAt ? [] : allowedOrgActions(actor, row),
  };
}

export async function toOrgUnits(db: Db, actor: Actor, rows: readonly UnitRow[]): Promise<OrgUnit[]> {
  const counts = await countLiveChildren(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toOrgUnit(actor, r, counts.get(r.id) ?? 0));
}

export async function toOrgUnitDetail(db: Db, actor: Actor, row: UnitRow): Promise<OrgUnitDetail> {
  const [view] = await toOrgUnits(db, actor, [row]);
  const ancestorIds = idsOfPath(row.path).slice(0, -1);
  const ancestors = ancestorIds.length
    ? await db
        .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, path: orgUnits.path })
        .from(orgUnits)
        .where(inArray(orgUnits.id, ancestorIds))
    : [];
  const visible = ancestors
    .filter((a) => authorizeOrg(actor, 'read', a as UnitRow) === 'allow')
    .sort((a, b) => a.path.length - b.path.length)
    .map((a) => ({ id: a.id, name: a.name, kind: a.kind as UnitKind }));
  return { ...(view as OrgUnit), boundary: (row.boundary as GeoBoundary | null) ?? null, ancestors: visible };
}

/** One page of a unit's children in name order; keyset on (name, id) so pages never skip or repeat. */
export async function listChildren(
  db: Db,
  parentId: string,
  options: { after: [string, string] | null; limit: number; includeRetired: boolean },
): Promise<UnitRow[]> {
  const conditions = [eq(orgUnits.parentId, parentId)];
  if (!options.includeRetired) conditions.push(isNull(orgUnits.retiredAt));
  if (options.after) {
    const [name, id] = options.after;
    const keyset = or(gt(orgUnits.name, name), and(eq(orgUnits.name, name), gt(orgUnits.id, id)));
    if (keyset) conditions.push(keyset);
  }
  return db
    .select()
    .from(orgUnits)
    .where(and(...conditions))
    .orderBy(asc(orgUnits.name), asc(orgUnits.id))
    .limit(options.limit);
}

/**
 * Re-reads a unit under a row lock. Creating a child takes a share lock on the parent and retiring
 * takes an update lock, so a child can never appear under a unit that is being retired.
 */
export async function lockUnit(db: Db, id: string, mode: 'share' | 'update'): Promise<UnitRow> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id)).for(mode);
  if (!row) enforce('not_found');
  return row as UnitRow;
}
