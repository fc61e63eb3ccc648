import { AppError } from '@domain/errors/codes';
import { authorizeTemplate } from '@domain/evaluations/policy';
import { maxTotal } from '@domain/evaluations/rules';
import type { TemplateInput, TemplateView } from '@domain/evaluations/schemas';
import { type Actor, isWithin } from '@domain/policies/scope';
import { and, asc, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { evaluationTemplates, orgUnits } from '../db/schema';
import { findUnit, type UnitRow } from '../org/queries';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { endCurrentVersion } from '../platform/versions';

export type TemplateRow = typeof evaluationTemplates.$inferSelect;

export function toTemplateView(t: TemplateRow, unitName: string): TemplateView {
  return {
    id: t.id,
    unitId: t.unitId,
    unitName,
    name: t.name,
    criteria: t.criteria,
    bands: [...t.bands].sort((a, b) => b.minTotal - a.minTotal),
    maxTotal: maxTotal(t.criteria),
    validFrom: t.validFrom.toISOString(),
    validTo: t.validTo?.toISOString() ?? null,
  };
}

/** A template with the name of the village or town that set it. */
export async function templateView(db: Db, templateId: string): Promise<TemplateView> {
  const [row] = await db
    .select({ t: evaluationTemplates, unitName: orgUnits.name })
    .from(evaluationTemplates)
    .innerJoin(orgUnits, eq(orgUnits.id, evaluationTemplates.unitId))
    .where(eq(evaluationTemplates.id, templateId));
  if (!row) throw new AppError('NOT_FOUND');
  return toTemplateView(row.t, row.unitName);
}

/**
 * A new version of a village's or town's template from its valid_from on; the version in force then
 * ends there. Rounds opened before keep the version they were opened under, bands and all.
 */
export async function setTemplate(
  db: Db,
  actor: Actor,
  input: TemplateInput,
  now = new Date(),
): Promise<TemplateView> {
  const unit = await findUnit(db, input.unitId);
  if (!unit || unit.retiredAt) enforce('not_found');
  const found = unit as UnitRow;
  enforce(authorizeTemplate(actor, found.path));
  if (found.kind !== 'village' && found.kind !== 'town')
    throw new AppError('VALIDATION_FAILED', {
      zh: '考评模板只能由村（社区）或镇街设定',
      en: 'Templates are set by a village or a town',
    });
  const validFrom = input.validFrom ? new Date(input.validFrom) : now;
  const row = await db.transaction(async (tx) => {
    await endCurrentVersion(tx, evaluationTemplates, eq(evaluationTemplates.unitId, found.id), validFrom);
    const [inserted] = await tx
      .insert(evaluationTemplates)
      .values({
        id: newId(),
        townId: found.townId ?? found.id,
        unitId: found.id,
        unitPath: found.path,
        name: input.name,
        criteria: input.criteria,
        bands: input.bands,
        validFrom,
        createdBy: actor.userId,
      })
      .returning();
    const t = inserted as TemplateRow;
    await writeAudit(tx, {
      townId: t.townId,
      actorId: actor.userId,
      subjectType: 'evaluation_template',
      subjectId: t.id,
      action: 'versioned',
      detail: { unitId: t.unitId, criteria: t.criteria, bands: t.bands, validFrom: validFrom.toISOString() },
    });
    return t;
  });
  return toTemplateView(row, found.name);
}

/** Every version of the templates that apply at a unit (its own, its village's, its town's), newest first. */
export async function templatesAt(db: Db, actor: Actor, unitId: string): Promise<TemplateView[]> {
  const unit = await findUnit(db, unitId);
  if (!unit) enforce('not_found');
  const found = unit as UnitRow;
  const related = actor.grants.some(
    (g) => isWithin(found.path, g.unitPath) || isWithin(g.unitPath, found.path),
  );
  if (!related) enforce('not_found');
  const rows = await db
    .select({ t: evaluationTemplates, unitName: orgUnits.name })
    .from(evaluationTemplates)
    .innerJoin(orgUnits, eq(orgUnits.id, evaluationTemplates.unitId))
    .where(
      and(
        eq(evaluationTemplates.townId, found.townId ?? found.id),
        sql`${found.path} like ${evaluationTemplates.unitPath} || '%'`,
      ),
    )
    .orderBy(desc(sql`length(${evaluationTemplates.unitPath})`), desc(evaluationTemplates.validFrom));
  return rows.map((r) => toTemplateView(r.t, r.unitName));
}

/** The template in force for a courtyard at a time: its village's when one is in force, else its town's. */
export async function templateInForce(db: Db, courtyard: UnitRow, at: Date): Promise<TemplateRow | null> {
  const [row] = await db
    .select()
    .from(evaluationTemplates)
    .where(
      and(
        eq(evaluationTemplates.townId, courtyard.townId ?? courtyard.id),
        sql`${courtyard.path} like ${evaluationTemplates.unitPath} || '%'`,
        lte(evaluationTemplates.validFrom, at),
        or(isNull(evaluationTemplates.validTo), gt(evaluationTemplates.validTo, at)),
      ),
    )
    .orderBy(desc(sql`length(${evaluationTemplates.unitPath})`), asc(evaluationTemplates.id))
    .limit(1);
  return row ?? null;
}

/** 月度自治考评 as the demo towns start with it: four criteria out of 100, and four bands. */
export const DEFAULT_TEMPLATE = {
  name: '院落月度自治考评',
  criteria: [
    { key: 'hygiene', name: '环境卫生', max: 30 },
    { key: 'harmony', name: '邻里和睦', max: 25 },
    { key: 'customs', name: '移风易俗', max: 25 },
    { key: 'law', name: '遵纪守法', max: 20 },
  ],
  bands: [
    { minTotal: 90, points: 20 },
    { minTotal: 80, points: 10 },
    { minTotal: 60, points: 0 },
    { minTotal: 0, points: -10 },
  ],
};

export async function seedDemoEvaluationTemplates(tx: Db): Promise<void> {
  const towns = await tx.select().from(orgUnits).where(eq(orgUnits.kind, 'town'));
  const validFrom = new Date('2026-01-01T00:00:00+08:00');
  const rows = towns.map((town) => ({
    ...DEFAULT_TEMPLATE,
    id: newId(),
    townId: town.id,
    unitId: town.id,
    unitPath: town.path,
    validFrom,
  }));
  if (rows.length > 0) await tx.insert(evaluationTemplates).values(rows);
}
