import { authorizePoints } from '@domain/points/policy';
import {
  FACILITY_REPORT_RESOLVED,
  type PointRuleInput,
  type PointRuleView,
  REPORT_VERIFIED,
} from '@domain/points/schemas';
import { type Actor, isWithin } from '@domain/policies/scope';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits, pointRules } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { endCurrentVersion } from '../platform/versions';
import type { RuleRow } from './ruleLookup';

export function toRuleView(r: RuleRow): PointRuleView {
  return {
    id: r.id,
    unitId: r.unitId,
    // Rules belong to a village or a town only, and a town's rows carry its own id as town_id.
    unitKind: r.unitId === r.townId ? 'town' : 'village',
    actionCode: r.actionCode,
    name: r.name,
    points: r.points,
    awarders: r.awarders,
    evidence: r.evidence as PointRuleView['evidence'],
    capPerDay: r.capPerDay,
    capPerMonth: r.capPerMonth,
    automatic: r.automatic,
    validFrom: r.validFrom.toISOString(),
    validTo: r.validTo?.toISOString() ?? null,
  };
}

async function ruleUnit(db: Db, unitId: string) {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit) enforce('not_found');
  return unit as typeof orgUnits.$inferSelect;
}

/**
 * A new version of a village's or town's rule from its valid_from on: the version in force then ends
 * there, so what was awarded before keeps the rule it was awarded under. A version may not start
 * before the latest one does: history is not rewritten.
 */
export async function setPointRule(
  db: Db,
  actor: Actor,
  input: PointRuleInput,
  now = new Date(),
): Promise<RuleRow> {
  const unit = await ruleUnit(db, input.unitId);
  enforce(authorizePoints(actor, 'keep', unit.path));
  if (unit.kind !== 'village' && unit.kind !== 'town') enforce('forbidden');
  const validFrom = input.validFrom ? new Date(input.validFrom) : now;
  return db.transaction(async (tx) => {
    await endCurrentVersion(
      tx,
      pointRules,
      and(eq(pointRules.unitId, unit.id), eq(pointRules.actionCode, input.actionCode)),
      validFrom,
    );
    const [row] = await tx
      .insert(pointRules)
      .values({
        id: newId(),
        townId: unit.townId ?? unit.id,
        unitId: unit.id,
        unitPath: unit.path,
        actionCode: input.actionCode,
        name: input.name,
        points: input.points,
        awarders: input.awarders,
        evidence: input.evidence,
        capPerDay: input.capPerDay,
        capPerMonth: input.capPerMonth,
        automatic: input.automatic,
        validFrom,
        createdBy: actor.userId,
      })
      .returning();
    const rule = row as RuleRow;
    await writeAudit(tx, {
      townId: rule.townId,
      actorId: actor.userId,
      subjectType: 'point_rule',
      subjectId: rule.id,
      action: 'versioned',
      detail: { actionCode: rule.actionCode, points: rule.points, validFrom: validFrom.toISOString() },
    });
    return rule;
  });
}

/** Every version of the rules that apply at a unit: its own, its village's and its town's. */
export async function rulesAt(db: Db, actor: Actor, unitId: string): Promise<PointRuleView[]> {
  const unit = await ruleUnit(db, unitId);
  const related = actor.grants.some(
    (g) => isWithin(unit.path, g.unitPath) || isWithin(g.unitPath, unit.path),
  );
  if (!related) enforce('not_found');
  const rows = await db
    .select()
    .from(pointRules)
    .where(
      and(
        eq(pointRules.townId, unit.townId ?? unit.id),
        sql`${unit.path} like ${pointRules.unitPath} || '%'`,
      ),
    )
    .orderBy(asc(pointRules.actionCode), asc(pointRules.validFrom));
  return rows.map(toRuleView);
}

/** The rules each demo town starts with; real towns set their own through the console. */
const DEFAULT_RULES = [
  {
    actionCode: REPORT_VERIFIED,
    name: '随手拍被核实',
    points: 5,
    awarders: [],
    evidence: 'none',
    capPerDay: 3,
    capPerMonth: null,
    automatic: true,
  },
  {
    actionCode: FACILITY_REPORT_RESOLVED,
    name: '爱环境上报已处理',
    points: 2,
    awarders: [],
    evidence: 'none',
    capPerDay: 2,
    capPerMonth: null,
    automatic: true,
  },
  {
    actionCode: 'PATROL_SHIFT',
    name: '参加巡逻值守',
    points: 3,
    awarders: ['admin', 'center_operator', 'grid_worker', 'courtyard_head'],
    evidence: 'note',
    capPerDay: 1,
    capPerMonth: null,
    automatic: false,
  },
  {
    actionCode: 'CLEAN_COURTYARD',
    name: '庭院整洁',
    points: 10,
    awarders: ['grid_worker', 'courtyard_head'],
    evidence: 'photo',
    capPerDay: null,
    capPerMonth: 1,
    automatic: false,
  },
  {
    actionCode: 'LITTERING',
    name: '乱扔垃圾',
    points: -5,
    awarders: ['admin', 'center_operator', 'grid_worker'],
    evidence: 'photo',
    capPerDay: 1,
    capPerMonth: null,
    automatic: false,
  },
] as const;

export async function seedDemoPointRules(tx: Db): Promise<void> {
  const towns = await tx.select().from(orgUnits).where(eq(orgUnits.kind, 'town'));
  const validFrom = new Date('2026-01-01T00:00:00+08:00');
  const rows = towns.flatMap((town) =>
    DEFAULT_RULES.map((r) => ({
      ...r,
      awarders: [...r.awarders],
      id: newId(),
      townId: town.id,
      unitId: town.id,
      unitPath: town.path,
      validFrom,
    })),
  );
  if (rows.length > 0) await tx.insert(pointRules).values(rows);
}
