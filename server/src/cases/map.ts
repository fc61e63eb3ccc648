import type { CaseMap } from '@domain/cases/schemas';
import type { CaseStatus } from '@domain/cases/states';
import { OPEN_STATUSES } from '@domain/cases/states';
import type { Urgency } from '@domain/matters/schemas';
import type { UnitKind } from '@domain/org/kinds';
import type { Actor } from '@domain/policies/scope';
import { and, desc, eq, inArray, isNotNull, isNull, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { cases, matters, orgUnits } from '../db/schema';
import { likePrefix } from '../org/paths';
import { unitFor } from '../org/queries';
import { readableBy } from './list';

/** A map is for seeing where trouble is; past this many points a narrower unit is the better view. */
export const MAP_MAX_CASES = 2000;

/** The unit's children with their boundaries, and the open cases under it that the actor may read. */
export async function caseMap(db: Db, actor: Actor, unitId: string): Promise<CaseMap> {
  const unit = await unitFor(db, actor, unitId, 'read');
  const areas = await db
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind, boundary: orgUnits.boundary })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, unit.id), isNull(orgUnits.retiredAt), isNotNull(orgUnits.boundary)));
  const own = unit.boundary
    ? [{ id: unit.id, name: unit.name, kind: unit.kind, boundary: unit.boundary }]
    : [];
  const rows = await db
    .select({
      id: cases.id,
      lat: cases.lat,
      lng: cases.lng,
      status: cases.status,
      overdueLevel: cases.overdueLevel,
      urgency: cases.urgency,
      matter: matters.name,
    })
    .from(cases)
    .innerJoin(matters, eq(matters.id, cases.matterId))
    .where(
      and(
        like(cases.unitPath, likePrefix(unit.path)),
        inArray(cases.status, [...OPEN_STATUSES]),
        isNotNull(cases.lat),
        readableBy(actor),
      ),
    )
    .orderBy(desc(cases.reportedAt))
    .limit(MAP_MAX_CASES + 1);
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind },
    areas: [...own, ...areas].map((a) => ({ ...a, kind: a.kind as UnitKind })),
    cases: rows.slice(0, MAP_MAX_CASES).map((r) => ({
      id: r.id,
      lat: r.lat as number,
      lng: r.lng as number,
      status: r.status as CaseStatus,
      overdueLevel: r.overdueLevel,
      urgency: r.urgency as Urgency,
      matter: r.matter,
    })),
    truncated: rows.length > MAP_MAX_CASES,
  };
}
