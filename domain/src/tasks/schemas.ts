import { z } from 'zod';
import { Id } from '../shared/schemas';
import { RECURRENCES } from './periods';
import { ASSIGNMENT_ACTIONS, ASSIGNMENT_STATUSES } from './states';

/** What an item must be fulfilled with: a photo, a text, a number, or a check-in near the unit. */
export const EVIDENCE_KINDS = ['photo', 'text', 'number', 'checkin'] as const;
export const EvidenceKind = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** Who a task goes to: a sector or post of a town, a village, a grid, or a named grid worker. */
export const ASSIGNEE_KINDS = ['sector', 'post', 'village', 'grid', 'grid_worker'] as const;
export const AssigneeKind = z.enum(ASSIGNEE_KINDS);
export type AssigneeKind = z.infer<typeof AssigneeKind>;

export const Recurrence = z.enum(RECURRENCES);
export const AssignmentStatus = z.enum(ASSIGNMENT_STATUSES);
export const AssignmentAction = z.enum(ASSIGNMENT_ACTIONS);

const Text = (max: number) => z.string().trim().min(1).max(max);

export const TaskItem = z
  .object({
    title: Text(200),
    evidence: EvidenceKind,
    /** Full marks of this item when the fulfilment is scored. */
    maxScore: z.number().int().min(1).max(100).default(10),
    /** For a check-in: how near the unit's centre the phone must be, in metres. */
    radiusM: z.number().int().min(20).max(5_000).optional(),
  })
  .strict()
  .refine((i) => i.evidence !== 'checkin' || i.radiusM !== undefined, {
    message: 'a check-in item needs radiusM',
    path: ['radiusM'],
  });
export type TaskItem = z.infer<typeof TaskItem>;

export const AssigneeRef = z.object({ kind: AssigneeKind, id: Id }).strict();
export type AssigneeRef = z.infer<typeof AssigneeRef>;

export const TaskInput = z
  .object({
    /** The district or town issuing it: every assignee must lie under it. */
    unitId: Id,
    title: Text(120),
    instructions: z.string().trim().max(4_000).default(''),
    items: z.array(TaskItem).min(1).max(30),
    assignees: z.array(AssigneeRef).min(1).max(500),
    /** A one-off task's deadline; a recurring task's instances are due at the end of each period. */
    dueAt: z.iso.datetime({ offset: true }).optional(),
    recurrence: Recurrence.nullable().default(null),
    /**
     * Counted in working days (按工作日计) on the calendar of public holidays and 调休: a one-off task then
     * gives `dueInWorkingDays` instead of `dueAt`; a recurring one falls due on each period's last working day.
     */
    workingDays: z.boolean().default(false),
    /** A one-off working-day task: due at the end of the Nth working day after the issue day (1–60). */
    dueInWorkingDays: z.number().int().min(1).max(60).optional(),
    /** A recurring task stops creating instances for periods starting after this instant. */
    endsAt: z.iso.datetime({ offset: true }).nullable().default(null),
  })
  .strict()
  .refine((t) => t.recurrence !== null || t.workingDays || t.dueAt !== undefined, {
    message: 'a one-off task needs dueAt',
    path: ['dueAt'],
  })
  .refine((t) => t.recurrence !== null || !t.workingDays || t.dueInWorkingDays !== undefined, {
    message: 'a one-off task in working days needs dueInWorkingDays (1–60)',
    path: ['dueInWorkingDays'],
  })
  .refine((t) => t.dueInWorkingDays === undefined || (t.workingDays && t.recurrence === null), {
    message: 'dueInWorkingDays is only for a one-off task in working days',
    path: ['dueInWorkingDays'],
  });
export type TaskInput = z.infer<typeof TaskInput>;

export const LatLng = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

/** The evidence given for one item, as stored and shown. */
export const Evidence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('photo'), photoIds: z.array(Id).min(1).max(9) }).strict(),
  z.object({ kind: z.literal('text'), text: Text(2_000) }).strict(),
  z.object({ kind: z.literal('number'), value: z.number().finite().min(-1e12).max(1e12) }).strict(),
  z
    .object({
      kind: z.literal('checkin'),
      location: LatLng.strict(),
      /** Set by the server: how far from the unit's centre the check-in was. */
      distanceM: z.number().optional(),
    })
    .strict(),
]);
export type Evidence = z.infer<typeof Evidence>;

export const EvidenceInput = z.object({ item: z.number().int().min(0).max(29), evidence: Evidence }).strict();
export type EvidenceInput = z.infer<typeof EvidenceInput>;

export const ReturnInput = z.object({ reason: Text(500) }).strict();
export const ScoreInput = z
  .object({
    scores: z.array(z.number().int().min(0).max(100)).min(1).max(30),
    comment: z.string().trim().max(500).default(''),
  })
  .strict();

const Label = z.object({ zh: z.string(), en: z.string() });

export const AssignmentSummary = z.object({
  id: Id,
  taskId: Id,
  taskTitle: z.string(),
  periodKey: z.string(),
  assignee: z.object({ kind: AssigneeKind, id: Id, name: z.string() }),
  status: AssignmentStatus,
  dueAt: z.string(),
  overdue: z.boolean(),
  submittedAt: z.string().nullable(),
  itemsDone: z.number().int(),
  itemCount: z.number().int(),
  score: z.number().nullable(),
  percent: z.number().nullable(),
});
export type AssignmentSummary = z.infer<typeof AssignmentSummary>;

export const AssignmentEvent = z.object({
  action: z.string(),
  actorName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
});

/** Where a follow-up task came from: the visited unit, when, and who visited. */
export const FieldVisitOrigin = z.object({
  id: Id,
  unit: z.object({ id: Id, name: z.string() }),
  visitedAt: z.string(),
  visitor: z.object({ id: Id, name: z.string() }),
});
export type FieldVisitOrigin = z.infer<typeof FieldVisitOrigin>;

export const AssignmentView = AssignmentSummary.extend({
  instructions: z.string(),
  items: z.array(
    z.object({
      title: z.string(),
      evidence: EvidenceKind,
      maxScore: z.number(),
      radiusM: z.number().nullable(),
    }),
  ),
  evidence: z.array(Evidence.nullable()),
  scores: z.array(z.number()).nullable(),
  scoreComment: z.string().nullable(),
  returnReason: z.string().nullable(),
  unit: z.object({ name: z.string(), centerLat: z.number().nullable(), centerLng: z.number().nullable() }),
  /** The field visit (蹲点指导) this task follows up, when it was issued from one. */
  fieldVisit: FieldVisitOrigin.nullable(),
  /** What the viewer may do now: the UI shows exactly these buttons. */
  actions: z.array(AssignmentAction),
  events: z.array(AssignmentEvent),
});
export type AssignmentView = z.infer<typeof AssignmentView>;

export const TaskSummary = z.object({
  id: Id,
  title: z.string(),
  unit: z.object({ id: Id, name: z.string() }),
  recurrence: Recurrence.nullable(),
  dueAt: z.string().nullable(),
  /** Counted in working days; a one-off task also says how many (shown as "N个工作日"). */
  workingDays: z.boolean(),
  dueInWorkingDays: z.number().int().nullable(),
  itemCount: z.number().int(),
  createdAt: z.string(),
  progress: z.object({
    assignments: z.number().int(),
    submitted: z.number().int(),
    scored: z.number().int(),
    overdue: z.number().int(),
  }),
  /** The field visit (蹲点指导) this task follows up, when it was issued from one. */
  fieldVisit: FieldVisitOrigin.nullable(),
});
export type TaskSummary = z.infer<typeof TaskSummary>;

export const TaskView = TaskSummary.extend({
  instructions: z.string(),
  items: AssignmentView.shape.items,
  endsAt: z.string().nullable(),
  assignees: z.array(z.object({ kind: AssigneeKind, id: Id, name: z.string() })),
  assignments: z.array(AssignmentSummary),
});
export type TaskView = z.infer<typeof TaskView>;

export const RANKING_LEVELS = ['grid_workers', 'grids', 'villages', 'sectors'] as const;
export const RankingLevel = z.enum(RANKING_LEVELS);
export type RankingLevel = z.infer<typeof RankingLevel>;

export const RankingQuery = z.object({
  level: RankingLevel,
  /** The unit (district or town, or below) whose assignments are ranked. */
  scope: Id,
  /** `2026-11-29`, `2026-W48` or `2026-11`; the current month when left out. */
  period: z.string().max(10).optional(),
});

export const Ranking = z.object({
  level: RankingLevel,
  period: z.object({ key: z.string(), start: z.string(), end: z.string() }),
  rows: z.array(
    z.object({
      rank: z.number().int(),
      key: z.string(),
      name: z.string(),
      score: z.number().nullable(),
      counted: z.number().int(),
      assigned: z.number().int(),
      onTimeRate: z.number().nullable(),
    }),
  ),
});
export type Ranking = z.infer<typeof Ranking>;

export const AssigneeOption = z.object({
  kind: AssigneeKind,
  id: Id,
  name: z.string(),
  /** Where it sits, for the picker's tree: the village or grid above, or the sector of a post. */
  parentId: z.string().nullable(),
});
export type AssigneeOption = z.infer<typeof AssigneeOption>;
export const AssigneeOptions = z.array(AssigneeOption);

export const ASSIGNMENT_STATUS_LABELS: Record<
  z.infer<typeof AssignmentStatus>,
  { zh: string; en: string }
> = {
  assigned: { zh: '待办', en: 'To do' },
  in_progress: { zh: '办理中', en: 'In progress' },
  submitted: { zh: '已提交', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  accepted: { zh: '已验收', en: 'Accepted' },
  scored: { zh: '已考核', en: 'Scored' },
};
export const ASSIGNEE_KIND_LABELS: Record<AssigneeKind, { zh: string; en: string }> = {
  sector: { zh: '板块', en: 'Sector' },
  post: { zh: '岗位', en: 'Post' },
  village: { zh: '村社', en: 'Village' },
  grid: { zh: '网格', en: 'Grid' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
};
export type Labelled = z.infer<typeof Label>;
