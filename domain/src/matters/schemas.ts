import { z } from 'zod';
import { SectorKind } from '../org/kinds';
import { Id, Name } from '../shared/schemas';

/** The level that answers for a matter (事项清单 镇街、村社、网格三级). */
export const MATTER_LEVELS = ['grid', 'village', 'town'] as const;
export const MatterLevel = z.enum(MATTER_LEVELS);
export type MatterLevel = z.infer<typeof MatterLevel>;

export const URGENCIES = ['normal', 'urgent'] as const;
export const Urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof Urgency>;
export const URGENCY_LABELS: Record<Urgency, { zh: string; en: string }> = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '紧急', en: 'Urgent' },
};

/** The timed stages of a case; each has a limit in hours per urgency. */
export const CLOCK_STAGES = ['accept', 'dispatch', 'handle', 'verify', 'close'] as const;
export const ClockStage = z.enum(CLOCK_STAGES);
export type ClockStage = z.infer<typeof ClockStage>;

const Hours = z
  .number()
  .positive()
  .max(24 * 365);
export const StageLimits = z.object({
  accept: Hours,
  dispatch: Hours,
  handle: Hours,
  verify: Hours,
  close: Hours,
});
export type StageLimits = z.infer<typeof StageLimits>;

export const TimeLimits = z.object({ normal: StageLimits, urgent: StageLimits });
export type TimeLimits = z.infer<typeof TimeLimits>;

/** One entry of the catalogue: a category (no limits) or a matter under it. */
export const MatterInput = z.object({
  parentId: Id.nullable(),
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,31}$/),
  name: Name,
  level: MatterLevel,
  sector: SectorKind,
  /** Name of the default post inside the sector, e.g. 村镇建设岗. */
  postName: z.string().trim().max(60).nullable(),
  isDispute: z.boolean(),
  /** Cases go straight to the facility's responsible worker, without waiting for center dispatch. */
  directToFacilityWorker: z.boolean().default(false),
  /** The limits' hours run on working days only (工作日计时), counted on the working-day calendar. */
  workingDays: z.boolean().default(false),
  limits: TimeLimits,
});
export type MatterInput = z.infer<typeof MatterInput>;
