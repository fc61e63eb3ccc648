import { boundaryWithin, centroidOf, type GeoBoundary } from '@domain/org/geo';
import type { GeoFeatureCollection } from '@domain/org/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, eq, isNull, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema';
import { type AuditEntry, writeAudits } from '../platform/audit';
import { announceReferenceChange } from '../platform/referenceChanges';
import { boundaryColumns } from './boundaryColumns';
import { likePrefix } from './paths';
import { type UnitRow, unitFor } from './queries';

export interface ImportResult {
  updated: number;
  unmatched: { index: number; code: string | null; name: string | null }[];
  outsideParent: { id: string; name: string }[];
}

/**
 * Sets boundaries of the unit and its descendants from a GeoJSON FeatureCollection, matching each
 * feature by `properties.code`, else by a `properties.name` that is unique in the subtree. All or
 * nothing: one transaction.
 */
export async function importBoundaries(
  db: Db,
  actor: Actor,
  unitId: string,
  collection: GeoFeatureCollection,
): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    const root = await unitFor(tx, actor, unitId, 'import_boundaries');
    const subtree = await tx
      .select()
      .from(orgUnits)
      .where(and(like(orgUnits.path, likePrefix(root.path)), isNull(orgUnits.retiredAt)));
    const byCode = new Map(subtree.map((u) => [u.code, u]));
    const byName = new Map<string, UnitRow | null>();
    for (const u of subtree) byName.set(u.name, byName.has(u.name) ? null : u);

    const matched = new Map<string, { unit: UnitRow; boundary: GeoBoundary }>();
    const unmatched: ImportResult['unmatched'] = [];
    collection.features.forEach((feature, index) => {
      const code = feature.properties?.code ?? null;
      const name = feature.properties?.name ?? null;
      const unit = (code ? byCode.get(code) : undefined) ?? (name ? byName.get(name) : undefined);
      if (unit) matched.set(unit.id, { unit, boundary: feature.geometry });
      else unmatched.push({ index, code, name });
    });

    const audits: AuditEntry[] = [];
    for (const { unit, boundary } of matched.values()) {
      const center = unit.centerLat == null ? centroidOf(boundary) : null;
      await tx
        .update(orgUnits)
        .set({
          ...boundaryColumns(boundary),
          ...(center ? { centerLat: center.lat, centerLng: center.lng } : {}),
          updatedAt: new Date(),
        })
        .where(eq(orgUnits.id, unit.id));
      audits.push({
        townId: unit.townId,
        actorId: actor.userId,
        subjectType: 'org_unit',
        subjectId: unit.id,
        action: 'boundary_imported',
        detail: { importedAt: root.id },
      });
    }
    await announceReferenceChange(tx);
    await writeAudits(tx, audits);

    const boundaryOf = (u: UnitRow) => matched.get(u.id)?.boundary ?? (u.boundary as GeoBoundary | null);
    const byId = new Map(subtree.map((u) => [u.id, u]));
    const outsideParent = [...matched.values()]
      .filter(({ unit, boundary }) => {
        const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
        const parentBoundary = parent ? boundaryOf(parent) : null;
        return parentBoundary != null && !boundaryWithin(boundary, parentBoundary);
      })
      .map(({ unit }) => ({ id: unit.id, name: unit.name }));
    return { updated: matched.size, unmatched, outsideParent };
  });
}
