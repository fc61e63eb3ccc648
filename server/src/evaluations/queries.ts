import { authorizeEvaluation, authorizeRoundRead } from '@domain/evaluations/policy';
import { isComplete, maxTotal } from '@domain/evaluations/rules';
import type {
  MyEvaluations,
  RoundList,
  RoundSummary,
  RoundView,
  ScorecardView,
} from '@domain/evaluations/schemas';
import { chinaMonth } from '@domain/points/rules';
import type { Actor } from '@domain/policies/scope';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  evaluationRounds,
  evaluationScorecards,
  evaluationTemplates,
  households,
  orgUnits,
  residents,
} from '../db/schema';
import { findUnit } from '../org/queries';
import { enforce } from '../platform/enforce';
import { boundHouseholdOf } from '../points/queries';
import { type RoundWithYard, roundFor } from './rounds';
import { templateView } from './templates';

type CardRow = typeof evaluationScorecards.$inferSelect;

/** The round with every household's card, as the committee scores it (drafts included). */
export async function roundView(db: Db, actor: Actor, id: string): Promise<RoundView> {
  const { round, courtyardName } = await roundFor(db, actor, id, 'read');
  const template = await templateView(db, round.templateId);
  const published = round.status === 'published';
  // A published round shows the households it was published with; an open one, the courtyard's now.
  const rows = await db
    .select({
      householdId: households.id,
      address: households.address,
      headName: residents.name,
      card: evaluationScorecards,
    })
    .from(households)
    .leftJoin(
      evaluationScorecards,
      and(eq(evaluationScorecards.householdId, households.id), eq(evaluationScorecards.roundId, round.id)),
    )
    .leftJoin(residents, and(eq(residents.householdId, households.id), eq(residents.relation, 'head')))
    .where(
      published
        ? sql`${households.id} in (select ${evaluationScorecards.householdId} from ${evaluationScorecards} where ${evaluationScorecards.roundId} = ${round.id})`
        : eq(households.courtyardId, round.courtyardId),
    )
    .orderBy(asc(households.address), asc(households.id));
  const seen = new Set<string>();
  const scorecards = rows
    .filter((r) => !seen.has(r.householdId) && seen.add(r.householdId))
    .map((r): ScorecardView => cardView(r.householdId, r.address, r.headName, r.card, template.criteria));
  const mayScore = !published && authorizeEvaluation(actor, 'score', round.unitPath) === 'allow';
  return {
    ...summaryOf({ round, courtyardName }, scorecards),
    template,
    scorecards,
    can: { score: mayScore, publish: mayScore },
  };
}

function cardView(
  householdId: string,
  address: string,
  headName: string | null,
  card: CardRow | null,
  criteria: RoundView['template']['criteria'],
): ScorecardView {
  return {
    id: card?.id ?? null,
    householdId,
    address,
    headName,
    status: (card?.status as ScorecardView['status']) ?? 'pending',
    complete: isComplete(criteria, card?.scores ?? []),
    scores: card?.scores ?? [],
    total:
      card?.status === 'unscored'
        ? null
        : (card?.total ?? (card ? card.scores.reduce((s, x) => s + x.score, 0) : null)),
    pointsComputed: card?.pointsComputed ?? null,
    pointsAwarded: card?.pointsAwarded ?? null,
  };
}

function summaryOf({ round, courtyardName }: RoundWithYard, cards: ScorecardView[]): RoundSummary {
  return {
    id: round.id,
    courtyardId: round.courtyardId,
    courtyardName,
    month: round.month,
    status: round.status as RoundSummary['status'],
    households: cards.length,
    scored: cards.filter((c) => (round.status === 'published' ? c.status === 'scored' : c.complete)).length,
    pointsAwarded: cards.reduce((s, c) => s + (c.pointsAwarded ?? 0), 0),
    openedAt: round.openedAt.toISOString(),
    publishedAt: round.publishedAt?.toISOString() ?? null,
  };
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * Rounds at or under a unit (a courtyard for its head, a grid, village or town for staff), newest
 * month first, and the courtyards under it with whether this month's round may be opened.
 */
export async function listRounds(
  db: Db,
  actor: Actor,
  unitId: string,
  month: string | undefined,
  now = new Date(),
): Promise<RoundList> {
  const unit = await findUnit(db, unitId);
  if (!unit) enforce('not_found');
  const found = unit as NonNullable<typeof unit>;
  enforce(authorizeRoundRead(actor, found.path));
  const town = found.townId ?? found.id;
  const rows = await db
    .select({
      round: evaluationRounds,
      courtyardName: orgUnits.name,
      households: sql<number>`case when ${evaluationRounds.status} = 'published'
        then (select count(*) from ${evaluationScorecards} s where s.round_id = ${evaluationRounds.id})
        else (select count(*) from ${households} h where h.courtyard_id = ${evaluationRounds.courtyardId}) end`,
      scored: sql<number>`case when ${evaluationRounds.status} = 'published'
        then (select count(*) from ${evaluationScorecards} s where s.round_id = ${evaluationRounds.id} and s.status = 'scored')
        else (select count(*) from ${evaluationScorecards} s where s.round_id = ${evaluationRounds.id}
          and jsonb_array_length(s.scores) = jsonb_array_length(${evaluationTemplates.criteria})) end`,
      pointsAwarded: sql<number>`(select coalesce(sum(s.points_awarded), 0) from ${evaluationScorecards} s where s.round_id = ${evaluationRounds.id})`,
    })
    .from(evaluationRounds)
    .innerJoin(orgUnits, eq(orgUnits.id, evaluationRounds.courtyardId))
    .innerJoin(evaluationTemplates, eq(evaluationTemplates.id, evaluationRounds.templateId))
    .where(
      and(
        eq(evaluationRounds.townId, town),
        sql`${evaluationRounds.unitPath} like ${found.path} || '%'`,
        month ? eq(evaluationRounds.month, month) : undefined,
      ),
    )
    .orderBy(desc(evaluationRounds.month), asc(orgUnits.name))
    .limit(500);
  const rounds = rows.map(
    (r): RoundSummary => ({
      id: r.round.id,
      courtyardId: r.round.courtyardId,
      courtyardName: r.courtyardName,
      month: r.round.month,
      status: r.round.status as RoundSummary['status'],
      households: n(r.households),
      scored: n(r.scored),
      pointsAwarded: n(r.pointsAwarded),
      openedAt: r.round.openedAt.toISOString(),
      publishedAt: r.round.publishedAt?.toISOString() ?? null,
    }),
  );
  const thisMonth = chinaMonth(now);
  const yards = await db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path, roundId: evaluationRounds.id })
    .from(orgUnits)
    .leftJoin(
      evaluationRounds,
      and(eq(evaluationRounds.courtyardId, orgUnits.id), eq(evaluationRounds.month, thisMonth)),
    )
    .where(
      and(
        eq(orgUnits.kind, 'courtyard'),
        sql`${orgUnits.retiredAt} is null`,
        sql`${orgUnits.path} like ${found.path} || '%'`,
      ),
    )
    .orderBy(asc(orgUnits.name))
    .limit(300);
  return {
    month: month ?? thisMonth,
    rounds,
    courtyards: yards.map((y) => ({
      id: y.id,
      name: y.name,
      roundId: y.roundId ?? null,
      canOpen: !y.roundId && authorizeEvaluation(actor, 'score', y.path) === 'allow',
    })),
  };
}

/** A household's published scorecards, newest month first: drafts never show here. */
export async function myEvaluations(db: Db, userId: string): Promise<MyEvaluations> {
  const householdId = await boundHouseholdOf(db, userId);
  if (!householdId) return { bound: false, scorecards: [] };
  const rows = await db
    .select({
      card: evaluationScorecards,
      round: evaluationRounds,
      criteria: evaluationTemplates.criteria,
      courtyardName: orgUnits.name,
    })
    .from(evaluationScorecards)
    .innerJoin(evaluationRounds, eq(evaluationRounds.id, evaluationScorecards.roundId))
    .innerJoin(evaluationTemplates, eq(evaluationTemplates.id, evaluationRounds.templateId))
    .innerJoin(orgUnits, eq(orgUnits.id, evaluationRounds.courtyardId))
    .where(and(eq(evaluationScorecards.householdId, householdId), eq(evaluationRounds.status, 'published')))
    .orderBy(desc(evaluationRounds.month))
    .limit(36);
  return {
    bound: true,
    scorecards: rows.map(({ card, round, criteria, courtyardName }) => ({
      roundId: round.id,
      month: round.month,
      courtyardName,
      status: card.status === 'unscored' ? 'unscored' : 'scored',
      criteria,
      scores: card.status === 'unscored' ? [] : card.scores,
      total: card.total,
      maxTotal: maxTotal(criteria),
      pointsComputed: card.pointsComputed,
      pointsAwarded: card.pointsAwarded,
      publishedAt: (round.publishedAt as Date).toISOString(),
    })),
  };
}
