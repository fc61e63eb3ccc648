import { shanghaiMidnight } from '@domain/calendar/workingDays';
import { AppError } from '@domain/errors/codes';
import { authorizeFieldVisits } from '@domain/fieldVisits/policy';
import { FIELD_VISIT_KINDS, type FieldVisitInput, type FieldVisitView } from '@domain/fieldVisits/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, desc, gte, inArray, like, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { fieldVisits, orgUnits, users } from '../db/schema';
import { findUnit, type UnitRow } from '../org/queries';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { townOf } from '../registry/queries';

type FieldVisitRow = typeof fieldVisits.$inferSelect;
const DAY = 86_400_000;
/** A visit written up a little ahead of the clock (phones drift) is fine; a day ahead is not. */
const CLOCK_SLACK = 10 * 60_000;

/** Records a visit at a village or grid within the official's area; its audit row commits with it. */
export async function recordFieldVisit(
  db: Db,
  actor: Actor,
  input: FieldVisitInput,
  now: Date,
): Promise<FieldVisitView> {
  const unit = await findUnit(db, input.unitId);
  if (!unit || unit.retiredAt) enforce('not_found');
  const target = unit as UnitRow;
  enforce(authorizeFieldVisits(actor, target.path));
  if (!(FIELD_VISIT_KINDS as readonly string[]).includes(target.kind))
    throw new AppError('FIELD_VISIT_TARGET_KIND');
  const visitedAt = new Date(input.visitedAt);
  if (visitedAt.getTime() > now.getTime() + CLOCK_SLACK) throw new AppError('FIELD_VISIT_IN_FUTURE');
  const id = newId();
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(fieldVisits)
      .values({
        id,
        townId: townOf(target),
        unitId: target.id,
        unitPath: target.path,
        visitorId: actor.userId,
        companions: input.companions,
        visitedAt,
        findings: input.findings,
        followUps: input.followUps,
        createdAt: now,
      })
      .returning();
    await writeAudit(tx, {
      townId: townOf(target),
      actorId: actor.userId,
      subjectType: 'field_visit',
      subjectId: id,
      action: 'recorded',
      detail: { unitId: target.id, visitedAt: visitedAt.toISOString(), followUps: input.followUps.length },
    });
    return inserted as FieldVisitRow;
  });
  const [view] = await toViews(db, [row]);
  return view as FieldVisitView;
}

/** Visits at or under a unit, latest first, optionally between two Shanghai dates (inclusive). */
export async function listFieldVisits(
  db: Db,
  actor: Actor,
  query: { unitId: string; from?: string; to?: string },
): Promise<FieldVisitView[]> {
  const unit = await findUnit(db, query.unitId);
  if (!unit) enforce('not_found');
  enforce(authorizeFieldVisits(actor, (unit as UnitRow).path));
  const where: SQL[] = [like(fieldVisits.unitPath, `${(unit as UnitRow).path}%`)];
  if (query.from) where.push(gte(fieldVisits.visitedAt, shanghaiMidnight(query.from)));
  if (query.to) where.push(lt(fieldVisits.visitedAt, new Date(shanghaiMidnight(query.to).getTime() + DAY)));
  const rows = await db
    .select()
    .from(fieldVisits)
    .where(and(...where))
    .orderBy(desc(fieldVisits.visitedAt))
    .limit(500);
  return toViews(db, rows);
}

async function toViews(db: Db, rows: readonly FieldVisitRow[]): Promise<FieldVisitView[]> {
  if (rows.length === 0) return [];
  const units = new Map(
    (
      await db
        .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
        .from(orgUnits)
        .where(inArray(orgUnits.id, [...new Set(rows.map((r) => r.unitId))]))
    ).map((u) => [u.id, u]),
  );
  const people = new Map(
    (
      await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, [...new Set(rows.map((r) => r.visitorId))]))
    ).map((u) => [u.id, u.name]),
  );
  return rows.map((r) => ({
    id: r.id,
    unit: units.get(r.unitId) ?? { id: r.unitId, name: '', kind: '' },
    visitor: { id: r.visitorId, name: people.get(r.visitorId) ?? '' },
    companions: r.companions,
    visitedAt: r.visitedAt.toISOString(),
    findings: r.findings,
    followUps: (typeof r.followUps === 'string' ? JSON.parse(r.followUps) : r.followUps) as string[],
    createdAt: r.createdAt.toISOString(),
  }));
}
