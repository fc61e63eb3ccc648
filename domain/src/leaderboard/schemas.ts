import { z } from 'zod';
import { Id } from '../shared/schemas';
import { PERIOD_KINDS } from './periods';

/** What is ranked: households (in a courtyard or a village), courtyards (in a village), villages (in a town). */
export const LEADERBOARD_LEVELS = ['households', 'courtyards', 'villages'] as const;
export type LeaderboardLevel = (typeof LEADERBOARD_LEVELS)[number];

/** The kinds of unit each level may be scoped to. */
export const SCOPE_KINDS: Record<LeaderboardLevel, readonly string[]> = {
  households: ['courtyard', 'village'],
  courtyards: ['village'],
  villages: ['town'],
};

export const LeaderboardQuery = z
  .object({
    level: z.enum(LEADERBOARD_LEVELS),
    scope: Id,
    period: z.enum(PERIOD_KINDS).default('month'),
    /** A day (`2026-11-29`, in Asia/Shanghai) or an instant inside the wanted period; default now. */
    at: z
      .string()
      .max(40)
      .regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?$/, 'a date YYYY-MM-DD or an ISO instant')
      .optional(),
  })
  .strict();
export type LeaderboardQuery = z.infer<typeof LeaderboardQuery>;

export const LeaderboardRow = z.object({
  id: Id,
  /** A unit's name, or a household's privacy-safe label (刘家 · 3组12号). */
  label: z.string(),
  /** Competition rank (1, 1, 3); null for a unit without households. */
  rank: z.number().nullable(),
  /** Points earned in the period: awards, deductions and reversals; spending never lowers it. */
  points: z.number(),
  /** Households counted (courtyards and villages); null for a household row. */
  households: z.number().nullable(),
  /** Points per household, one decimal: what courtyards and villages are ranked by. */
  perHousehold: z.number().nullable(),
  /** The signed-in person's own household, courtyard or village. */
  mine: z.boolean(),
});
export type LeaderboardRow = z.infer<typeof LeaderboardRow>;

export const PeriodView = z.object({
  kind: z.enum(PERIOD_KINDS),
  key: z.string(),
  start: z.string(),
  end: z.string(),
});

export const Leaderboard = z.object({
  level: z.enum(LEADERBOARD_LEVELS),
  scope: z.object({ id: Id, name: z.string(), kind: z.string() }),
  period: PeriodView,
  previousKey: z.string(),
  rows: z.array(LeaderboardRow),
});
export type Leaderboard = z.infer<typeof Leaderboard>;

/** A signed link for a village's TV: made by staff, shown once, revocable. */
export const BoardInput = z.object({ villageId: Id, name: z.string().trim().min(1).max(40) }).strict();
export type BoardInput = z.infer<typeof BoardInput>;

export const BoardView = z.object({
  id: Id,
  villageId: Id,
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type BoardView = z.infer<typeof BoardView>;

/** The new board with its token, which is never shown again (only its hash is kept). */
export const BoardCreated = BoardView.extend({ token: z.string() });

export const BoardToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a board token');

/** What the TV shows: the village's courtyards and its top households this month. */
export const BoardScreen = z.object({
  village: z.object({ id: Id, name: z.string() }),
  period: PeriodView,
  courtyards: z.array(LeaderboardRow),
  households: z.array(LeaderboardRow),
  updatedAt: z.string(),
});
export type BoardScreen = z.infer<typeof BoardScreen>;

/** A unit whose boards the signed-in person may open: their own courtyard, village and town, and for staff the towns and villages of their area. */
export const LeaderboardPlace = z.object({
  id: Id,
  name: z.string(),
  kind: z.string(),
  /** 荣昌区 / 直升镇 / 万宝村: to tell two places of the same name apart. */
  trail: z.string(),
});
export type LeaderboardPlace = z.infer<typeof LeaderboardPlace>;
