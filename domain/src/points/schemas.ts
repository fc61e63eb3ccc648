import { z } from 'zod';
import { Role } from '../auth/roles';
import { Id } from '../shared/schemas';

/** What a rule asks for before an award counts: nothing, a photo, or a written note. */
export const POINT_EVIDENCE = ['none', 'photo', 'note'] as const;
export const PointEvidence = z.enum(POINT_EVIDENCE);
export type PointEvidence = z.infer<typeof PointEvidence>;

/** Where an entry came from; with the source id it names the one event that may award once. */
export const POINT_SOURCE_TYPES = ['case', 'manual', 'redemption', 'reversal', 'evaluation'] as const;
export type PointSourceType = (typeof POINT_SOURCE_TYPES)[number];

/** A rule's action, e.g. REPORT_VERIFIED, PATROL_SHIFT: kept across versions so history reads as one rule. */
export const ActionCode = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'capital letters, digits and underscores, up to 40');

/** The action automatic awards look for when a resident's report is verified (随手拍被核实). */
export const REPORT_VERIFIED = 'REPORT_VERIFIED';

/** The action automatic awards look for when a facility a villager reported is seen to (爱环境上报已处理). */
export const FACILITY_REPORT_RESOLVED = 'FACILITY_REPORT_RESOLVED';

/** One version of a rule; a change is a new version from its valid_from, the old one ends there. */
export const PointRuleInput = z
  .object({
    /** The village or town whose households the rule applies to. */
    unitId: Id,
    actionCode: ActionCode,
    name: z.string().trim().min(1).max(60),
    points: z
      .number()
      .int()
      .min(-1000)
      .max(1000)
      .refine((p) => p !== 0, 'a rule moves points'),
    awarders: z.array(Role).max(9).default([]),
    evidence: PointEvidence.default('none'),
    capPerDay: z.number().int().min(1).max(1000).nullable().default(null),
    capPerMonth: z.number().int().min(1).max(10_000).nullable().default(null),
    automatic: z.boolean().default(false),
    validFrom: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type PointRuleInput = z.infer<typeof PointRuleInput>;

export const PointRuleView = z.object({
  id: Id,
  unitId: Id,
  /** A village's own version wins over its town's for the same action. */
  unitKind: z.enum(['village', 'town']),
  actionCode: z.string(),
  name: z.string(),
  points: z.number(),
  awarders: z.array(z.string()),
  evidence: PointEvidence,
  capPerDay: z.number().nullable(),
  capPerMonth: z.number().nullable(),
  automatic: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type PointRuleView = z.infer<typeof PointRuleView>;

/** A manual award: the id is minted by the phone, so a retry after a lost answer is the same award. */
export const AwardInput = z
  .object({
    id: Id,
    householdId: Id,
    actionCode: ActionCode,
    reason: z.string().trim().min(1).max(500),
    photoId: Id.optional(),
  })
  .strict();
export type AwardInput = z.infer<typeof AwardInput>;

export const ReverseInput = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export type ReverseInput = z.infer<typeof ReverseInput>;

export const PointEntryView = z.object({
  id: Id,
  householdId: Id,
  points: z.number(),
  ruleId: Id.nullable(),
  /** The name of the rule version it was awarded under (随手拍被核实…), which a reversal shares; null for spending. */
  ruleName: z.string().nullable(),
  /** For spending, the store item the points went on. */
  itemName: z.string().nullable(),
  actionCode: z.string().nullable(),
  sourceType: z.string(),
  sourceId: Id,
  actorId: Id.nullable(),
  reversesEntryId: Id.nullable(),
  reversedBy: Id.nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});
export type PointEntryView = z.infer<typeof PointEntryView>;

export const HouseholdPoints = z.object({
  householdId: Id,
  balance: z.number(),
  held: z.number(),
  available: z.number(),
  entries: z.array(PointEntryView),
});
export type HouseholdPoints = z.infer<typeof HouseholdPoints>;

export const MyPoints = z.object({
  bound: z.boolean(),
  points: HouseholdPoints.nullable(),
});
export type MyPoints = z.infer<typeof MyPoints>;
