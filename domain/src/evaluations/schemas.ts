import { z } from 'zod';
import { Id } from '../shared/schemas';

/** A criterion's key: stable inside one template version, so a score names what it scores. */
export const CriterionKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,29}$/, 'lower-case letters, digits and underscores, up to 30');

/** One line of a scorecard, e.g. 环境卫生 out of 30. */
export const Criterion = z
  .object({
    key: CriterionKey,
    name: z.string().trim().min(1).max(30),
    max: z.number().int().min(1).max(100),
  })
  .strict();
export type Criterion = z.infer<typeof Criterion>;

/**
 * How a published total becomes points: the first band (highest `minTotal` first) the total reaches
 * gives its points; a total below every band earns nothing. Bands may deduct (negative points).
 */
export const ConversionBand = z
  .object({
    minTotal: z.number().int().min(0).max(1200),
    points: z.number().int().min(-1000).max(1000),
  })
  .strict();
export type ConversionBand = z.infer<typeof ConversionBand>;

export const TemplateInput = z
  .object({
    /** The village or town whose courtyards use the template. */
    unitId: Id,
    name: z.string().trim().min(1).max(60),
    criteria: z
      .array(Criterion)
      .min(1)
      .max(12)
      .refine((cs) => new Set(cs.map((c) => c.key)).size === cs.length, 'criterion keys must differ'),
    bands: z
      .array(ConversionBand)
      .min(1)
      .max(10)
      .refine((bs) => new Set(bs.map((b) => b.minTotal)).size === bs.length, 'band thresholds must differ'),
    validFrom: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((t) => t.bands.every((b) => b.minTotal <= t.criteria.reduce((s, c) => s + c.max, 0)), {
    message: 'a band threshold cannot exceed the highest possible total',
    path: ['bands'],
  });
export type TemplateInput = z.infer<typeof TemplateInput>;

export const TemplateView = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  name: z.string(),
  criteria: z.array(Criterion),
  bands: z.array(ConversionBand),
  maxTotal: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type TemplateView = z.infer<typeof TemplateView>;

/** A calendar month in Asia/Shanghai, `YYYY-MM`. */
export const Month = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const OpenRoundInput = z.object({ courtyardId: Id, month: Month }).strict();
export type OpenRoundInput = z.infer<typeof OpenRoundInput>;

export const ScoreLine = z
  .object({
    key: CriterionKey,
    score: z.number().int().min(0).max(100),
    note: z.string().trim().max(200).optional(),
  })
  .strict();
export type ScoreLine = z.infer<typeof ScoreLine>;

/** A household's scores so far: saved as the head goes, the same save repeated is the same draft. */
export const ScoreInput = z
  .object({
    householdId: Id,
    scores: z
      .array(ScoreLine)
      .max(12)
      .refine((ss) => new Set(ss.map((s) => s.key)).size === ss.length, 'one score per criterion'),
  })
  .strict();
export type ScoreInput = z.infer<typeof ScoreInput>;

/** Publishing names the households left unscored, so none is skipped by accident. */
export const PublishInput = z.object({ unscoredHouseholdIds: z.array(Id).max(500).default([]) }).strict();
export type PublishInput = z.infer<typeof PublishInput>;

export const SCORECARD_STATUSES = ['draft', 'scored', 'unscored'] as const;
export type ScorecardStatus = (typeof SCORECARD_STATUSES)[number];

export const ScorecardView = z.object({
  id: Id.nullable(),
  householdId: Id,
  address: z.string(),
  headName: z.string().nullable(),
  status: z.enum(['pending', ...SCORECARD_STATUSES]),
  /** Every criterion has a score: the household is ready for publishing. */
  complete: z.boolean(),
  scores: z.array(ScoreLine),
  total: z.number().nullable(),
  /** What the bands give for the total; what the ledger took may be less (see pointsAwarded). */
  pointsComputed: z.number().nullable(),
  pointsAwarded: z.number().nullable(),
});
export type ScorecardView = z.infer<typeof ScorecardView>;

export const ROUND_STATUSES = ['open', 'published'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const RoundSummary = z.object({
  id: Id,
  courtyardId: Id,
  courtyardName: z.string(),
  month: z.string(),
  status: z.enum(ROUND_STATUSES),
  households: z.number(),
  scored: z.number(),
  pointsAwarded: z.number(),
  openedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type RoundSummary = z.infer<typeof RoundSummary>;

export const RoundView = RoundSummary.extend({
  template: TemplateView,
  scorecards: z.array(ScorecardView),
  /** What the asker may do with the round now: the phone shows exactly these buttons. */
  can: z.object({ score: z.boolean(), publish: z.boolean() }),
});
export type RoundView = z.infer<typeof RoundView>;

/** Rounds at or under a unit, and its courtyards with whether the asker may open this month's round. */
export const RoundList = z.object({
  month: z.string(),
  rounds: z.array(RoundSummary),
  courtyards: z.array(z.object({ id: Id, name: z.string(), roundId: Id.nullable(), canOpen: z.boolean() })),
});
export type RoundList = z.infer<typeof RoundList>;

export const RoundListQuery = z.object({ unitId: Id, month: Month.optional() }).strict();

/** A household's published scorecard of one month, as its members see it. */
export const MyScorecard = z.object({
  roundId: Id,
  month: z.string(),
  courtyardName: z.string(),
  status: z.enum(['scored', 'unscored']),
  criteria: z.array(Criterion),
  scores: z.array(ScoreLine),
  total: z.number().nullable(),
  maxTotal: z.number(),
  pointsComputed: z.number().nullable(),
  pointsAwarded: z.number().nullable(),
  publishedAt: z.string(),
});
export type MyScorecard = z.infer<typeof MyScorecard>;

export const MyEvaluations = z.object({
  bound: z.boolean(),
  scorecards: z.array(MyScorecard),
});
export type MyEvaluations = z.infer<typeof MyEvaluations>;
