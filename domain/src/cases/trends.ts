import { z } from 'zod';
import { SectorKind, UnitKind } from '../org/kinds';
import { Id } from '../shared/schemas';

/** China keeps UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The wall screen looks back at most a quarter; longer views belong to the monthly reports. */
export const TRENDS_MAX_DAYS = 90;
/** The grids shown by name; past a screen's worth of bars the rest is noise. */
export const TRENDS_MAX_TOP = 30;

/** The Asia/Shanghai calendar day of an instant, as `YYYY-MM-DD`. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The last `days` Asia/Shanghai days up to and including the one holding `now`, oldest first, and
 * the instant the first of them began (00:00 in Chongqing), from which the figures are counted.
 */
export function trendWindow(days: number, now: Date): { since: Date; days: string[] } {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const todayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const firstStart = todayStart - (days - 1) * DAY_MS;
  return {
    since: new Date(firstStart - SHANGHAI_OFFSET_MS),
    days: Array.from({ length: days }, (_, i) =>
      new Date(firstStart + i * DAY_MS).toISOString().slice(0, 10),
    ),
  };
}

/** How long from `now` until the next Asia/Shanghai day begins (never 0: at midnight itself, a whole day). */
export function msUntilNextShanghaiDay(now: Date): number {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  return DAY_MS - (((local % DAY_MS) + DAY_MS) % DAY_MS);
}

/** One count per day of the window, zero where nothing happened, so a chart's axis has no gaps. */
export function fillDays(
  days: readonly string[],
  received: ReadonlyMap<string, number>,
  closed: ReadonlyMap<string, number>,
): TrendDay[] {
  return days.map((day) => ({ day, received: received.get(day) ?? 0, closed: closed.get(day) ?? 0 }));
}

export const TrendsQuery = z.object({
  unitId: Id,
  days: z.coerce.number().int().min(1).max(TRENDS_MAX_DAYS).default(30),
  top: z.coerce.number().int().min(1).max(TRENDS_MAX_TOP).default(10),
});

export const TrendDay = z.object({
  /** The Asia/Shanghai day, `YYYY-MM-DD`. */
  day: z.string(),
  /** Cases reported that day. */
  received: z.number().int(),
  /** Cases closed that day. */
  closed: z.number().int(),
});
export type TrendDay = z.infer<typeof TrendDay>;

export const SectorTrend = z.object({
  sector: SectorKind,
  /** Open now (neither closed nor rejected). */
  open: z.number().int(),
  /** Closed within the window. */
  closed: z.number().int(),
});
export type SectorTrend = z.infer<typeof SectorTrend>;

export const GridTrend = z.object({
  /** Null for cases placed outside every grid (a point in a village but no grid's outline). */
  gridId: Id.nullable(),
  name: z.string().nullable(),
  /** The grid's village: grids are often named 第一网格, 第二网格… in every village. */
  villageName: z.string().nullable(),
  open: z.number().int(),
  overdue: z.number().int(),
});
export type GridTrend = z.infer<typeof GridTrend>;

export const CaseTrends = z.object({
  unit: z.object({ id: Id, name: z.string(), kind: UnitKind }),
  since: z.string(),
  days: z.array(TrendDay),
  sectors: z.array(SectorTrend),
  /** The grids with the most open cases, then the most overdue; at most `top`. */
  grids: z.array(GridTrend),
});
export type CaseTrends = z.infer<typeof CaseTrends>;

/** Every sector in its fixed order, zero where the town has none of its cases. */
export function fillSectors(
  sectors: readonly SectorKind[],
  rows: readonly { sector: string; open: number; closed: number }[],
): SectorTrend[] {
  return sectors.map((sector) => {
    const row = rows.find((r) => r.sector === sector);
    return { sector, open: row?.open ?? 0, closed: row?.closed ?? 0 };
  });
}
