import { z } from 'zod';
import { Id } from '../shared/schemas';
import { MAX_TASK_WORKING_DAYS } from '../tasks/deadline';
import { AssigneeRef, TaskItem, TaskSummary } from '../tasks/schemas';

/** A field visit (蹲点指导) is recorded at a village (村/社区) or a grid (网格). */
export const FIELD_VISIT_KINDS = ['village', 'grid'] as const;

/** Up to this many follow-up tasks, and as many notes, per visit. */
export const MAX_FOLLOW_UPS = 20;

/**
 * What a follow-up task is fulfilled with when the visitor names no items: one written account of how
 * it was carried out (落实情况), which any assignee can give from a phone.
 */
export const FOLLOW_UP_DEFAULT_ITEMS: readonly TaskItem[] = [
  { title: '落实情况', evidence: 'text', maxScore: 10 },
];

/**
 * One follow-up task (跟进任务) of a visit, issued through the task module when the visit is recorded.
 * Due at `dueAt`, or at the end of the Nth working day (`dueInWorkingDays`), as a one-off task is.
 * Without `assignees` it goes to the visited village or grid.
 */
export const FollowUpTaskInput = z
  .object({
    title: z.string().trim().min(1).max(120),
    instructions: z.string().trim().max(4_000).default(''),
    items: z.array(TaskItem).min(1).max(30).optional(),
    assignees: z.array(AssigneeRef).min(1).max(50).optional(),
    dueAt: z.iso.datetime({ offset: true }).optional(),
    dueInWorkingDays: z.number().int().min(1).max(MAX_TASK_WORKING_DAYS).optional(),
  })
  .strict()
  .refine((f) => (f.dueAt === undefined) !== (f.dueInWorkingDays === undefined), {
    message: 'a follow-up task needs either dueAt or dueInWorkingDays',
    path: ['dueAt'],
  });
export type FollowUpTaskInput = z.infer<typeof FollowUpTaskInput>;

export const FieldVisitInput = z
  .object({
    unitId: Id,
    visitedAt: z.iso.datetime({ offset: true }),
    /** Others who came along, as written (names and posts). */
    companions: z.string().trim().max(200).default(''),
    findings: z.string().trim().min(1).max(4000),
    /** Follow-up tasks to issue with the visit: only those who may issue tasks give them. */
    followUps: z.array(FollowUpTaskInput).max(MAX_FOLLOW_UPS).default([]),
    /** Free-text remarks that are not tasks (and the text follow-ups recorded before they became tasks). */
    notes: z.array(z.string().trim().min(1).max(200)).max(MAX_FOLLOW_UPS).default([]),
  })
  .strict();
export type FieldVisitInput = z.infer<typeof FieldVisitInput>;

/** A follow-up task as the visit shows it, with its live progress. */
export const FieldVisitFollowUp = z.object({
  taskId: Id,
  title: z.string(),
  dueAt: z.string().nullable(),
  assignees: z.array(z.string()),
  progress: TaskSummary.shape.progress,
});
export type FieldVisitFollowUp = z.infer<typeof FieldVisitFollowUp>;

export const FieldVisitView = z.object({
  id: Id,
  unit: z.object({ id: Id, name: z.string(), kind: z.string() }),
  visitor: z.object({ id: Id, name: z.string() }),
  companions: z.string(),
  visitedAt: z.string(),
  findings: z.string(),
  followUps: z.array(FieldVisitFollowUp),
  notes: z.array(z.string()),
  createdAt: z.string(),
});
export type FieldVisitView = z.infer<typeof FieldVisitView>;

export const FieldVisitListQuery = z.object({
  unitId: Id,
  /** Shanghai dates, inclusive. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
