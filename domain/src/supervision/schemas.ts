import { z } from 'zod';
import { Id } from '../shared/schemas';

/** What may be supervised: a case, or a task as a whole (same table, `subject_type`). */
export const SUPERVISION_SUBJECTS = ['case', 'task'] as const;
export const SupervisionSubject = z.enum(SUPERVISION_SUBJECTS);
export type SupervisionSubject = z.infer<typeof SupervisionSubject>;

export const SUPERVISION_OUTCOMES = ['met', 'not_met'] as const;
export const SupervisionOutcome = z.enum(SUPERVISION_OUTCOMES);
export type SupervisionOutcome = z.infer<typeof SupervisionOutcome>;

export const SUPERVISION_FILTERS = ['open', 'overdue', 'closed'] as const;
export const SupervisionFilter = z.enum(SUPERVISION_FILTERS);
export type SupervisionFilter = z.infer<typeof SupervisionFilter>;

export const SupervisionLevel = z.enum(['district', 'town']);
export type SupervisionLevel = z.infer<typeof SupervisionLevel>;

export const SupervisionInput = z
  .object({
    subjectType: SupervisionSubject,
    subjectId: Id,
    supervisorId: Id,
    requiredOutcome: z.string().trim().min(1).max(500),
    dueAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type SupervisionInput = z.infer<typeof SupervisionInput>;

export const SupervisionCloseInput = z
  .object({
    outcome: SupervisionOutcome,
    note: z.string().trim().min(1).max(1000),
    expectedVersion: z.number().int().positive().optional(),
  })
  .strict();
export type SupervisionCloseInput = z.infer<typeof SupervisionCloseInput>;

const Person = z.object({ id: Id, name: z.string() });

export const SupervisionEventView = z.object({
  action: z.enum(['placed', 'reminded', 'overdue', 'closed']),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

export const SupervisionView = z.object({
  id: Id,
  subjectType: SupervisionSubject,
  subjectId: Id,
  /** What the subject is, in a line: the case's matter and the start of its description, or the task's title. */
  subjectTitle: z.string(),
  /** A task's progress (assignments submitted of all, overdue ones); null for a case. */
  subjectProgress: z
    .object({ assignments: z.number().int(), submitted: z.number().int(), overdue: z.number().int() })
    .nullable(),
  townId: Id,
  level: SupervisionLevel,
  supervisor: Person,
  placedBy: Person,
  requiredOutcome: z.string(),
  dueAt: z.string(),
  status: z.enum(['open', 'closed']),
  /** Open past its due date. */
  overdue: z.boolean(),
  overdueFlaggedAt: z.string().nullable(),
  outcome: SupervisionOutcome.nullable(),
  reviewNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: Person.nullable(),
  createdAt: z.string(),
  version: z.number(),
  /** What the asking user may do now (the UI shows exactly these). */
  actions: z.array(z.enum(['close'])),
  events: z.array(SupervisionEventView),
});
export type SupervisionView = z.infer<typeof SupervisionView>;

export const SupervisionListQuery = z.object({
  unitId: Id,
  status: SupervisionFilter.optional(),
});

export const SupervisorCandidate = z.object({ id: Id, name: z.string(), role: z.string() });
