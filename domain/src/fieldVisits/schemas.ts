import { z } from 'zod';
import { Id } from '../shared/schemas';

/** A field visit (蹲点指导) is recorded at a village (村/社区) or a grid (网格). */
export const FIELD_VISIT_KINDS = ['village', 'grid'] as const;

export const FieldVisitInput = z
  .object({
    unitId: Id,
    visitedAt: z.iso.datetime({ offset: true }),
    /** Others who came along, as written (names and posts). */
    companions: z.string().trim().max(200).default(''),
    findings: z.string().trim().min(1).max(4000),
    followUps: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  })
  .strict();
export type FieldVisitInput = z.infer<typeof FieldVisitInput>;

export const FieldVisitView = z.object({
  id: Id,
  unit: z.object({ id: Id, name: z.string(), kind: z.string() }),
  visitor: z.object({ id: Id, name: z.string() }),
  companions: z.string(),
  visitedAt: z.string(),
  findings: z.string(),
  followUps: z.array(z.string()),
  createdAt: z.string(),
});
export type FieldVisitView = z.infer<typeof FieldVisitView>;

export const FieldVisitListQuery = z.object({
  unitId: Id,
  /** Shanghai dates, inclusive. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
