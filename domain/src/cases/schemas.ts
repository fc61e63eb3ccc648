import { z } from 'zod';
import { Role } from '../auth/roles';
import { MatterLevel, Urgency } from '../matters/schemas';
import { LatLng } from '../org/geo';
import { UnitKind } from '../org/kinds';
import { Id, PageQuery } from '../shared/schemas';
import { CASE_ACTIONS, type CaseAction, CaseStatus, Rating } from './states';

const Text = (max: number) => z.string().trim().min(1).max(max);
const PhotoIds = z.array(Id).max(9);

/**
 * A report from the phone. The phone mints `id` (UUIDv7), so posting the same report again after a
 * lost answer finds the case already there instead of making a second one.
 */
export const ReportInput = z
  .object({
    id: Id,
    matterId: Id,
    description: Text(2000),
    urgency: Urgency.default('normal'),
    location: LatLng.optional(),
    /** A unit picked by hand when there is no GPS fix: the case is placed there. */
    unitId: Id.optional(),
    address: z.string().trim().max(200).optional(),
    photoIds: PhotoIds.default([]),
    /** Hide the reporter's name from everyone but staff. */
    anonymous: z.boolean().default(false),
  })
  .strict();
export type ReportInput = z.infer<typeof ReportInput>;

/**
 * What a report is answered with: enough for the phone to clear its outbox and open the case. The
 * case itself is read with GET, so intake stays cheap when a whole town reports at once.
 */
export const CaseReceipt = z.object({
  id: Id,
  townId: Id,
  status: CaseStatus,
  reportedAt: z.string(),
  stageDueAt: z.string().nullable(),
});
export type CaseReceipt = z.infer<typeof CaseReceipt>;

const base = { expectedVersion: z.number().int().positive().optional() };
const withNote = { ...base, note: Text(2000).optional(), photoIds: PhotoIds.default([]) };
const withReason = { ...base, note: Text(2000), photoIds: PhotoIds.default([]) };

/** Each action's own input; `note` is the reason where the field requires one (reject, return, rework…). */
export const CaseActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), ...withNote }).strict(),
  z.object({ action: z.literal('reject'), ...withReason }).strict(),
  z
    .object({
      action: z.literal('dispatch'),
      ...withNote,
      leadPostId: Id.optional(),
      /** 党工委牵头: a named person answers for a complex case instead of a post. */
      leadUserId: Id.optional(),
      assistPostIds: z.array(Id).max(10).default([]),
    })
    .strict(),
  z.object({ action: z.literal('return'), ...withReason }).strict(),
  z.object({ action: z.literal('handle'), ...withReason }).strict(),
  z.object({ action: z.literal('resolve'), ...withReason }).strict(),
  z.object({ action: z.literal('verify'), ...withNote }).strict(),
  z.object({ action: z.literal('rework'), ...withReason }).strict(),
  z.object({ action: z.literal('close'), ...withNote }).strict(),
  z.object({ action: z.literal('rate'), ...base, rating: Rating, note: Text(500).optional() }).strict(),
  z.object({ action: z.literal('object'), ...withReason }).strict(),
  z.object({ action: z.literal('escalate'), ...withReason }).strict(),
  z.object({ action: z.literal('instruct'), ...withReason }).strict(),
  z.object({ action: z.literal('settle'), ...base, note: Text(2000), photoIds: PhotoIds.min(1) }).strict(),
  z
    .object({
      action: z.literal('whistle'),
      ...withReason,
      /** How long each department has to check in once dispatched. */
      checkInHours: z.number().positive().max(72).default(2),
    })
    .strict(),
  z.object({ action: z.literal('check_in'), ...withNote }).strict(),
  z.object({ action: z.literal('pause'), ...withReason }).strict(),
  z.object({ action: z.literal('resume'), ...withNote }).strict(),
]);
export type CaseActionInput = z.infer<typeof CaseActionInput>;

/** Actions whose note is a required reason (the schema above requires it); forms mark the field so. */
export const ACTIONS_NEEDING_REASON: readonly CaseAction[] = CaseActionInput.options
  .filter((o) => 'note' in o.shape && !o.shape.note.safeParse(undefined).success)
  .map((o) => o.shape.action.value);

/** Actions that show the work done, and so invite photos on the phone. */
export const ACTIONS_WITH_PHOTOS: readonly CaseAction[] = ['handle', 'resolve', 'verify', 'settle', 'rework'];

export const PhotoView = z.object({
  id: Id,
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number(),
  height: z.number(),
});
export type PhotoView = z.infer<typeof PhotoView>;

const Person = z.object({ id: Id, name: z.string() });

/** A person who may lead a complex case by name (党工委牵头), with the roles they serve in. */
export const LeadCandidate = z.object({
  id: Id,
  name: z.string(),
  roles: z.array(Role),
  level: z.enum(['town', 'district']),
});
export type LeadCandidate = z.infer<typeof LeadCandidate>;

export const CaseSummary = z.object({
  id: Id,
  townId: Id,
  matter: z.object({
    id: Id,
    code: z.string(),
    name: z.string(),
    level: MatterLevel,
    isDispute: z.boolean(),
  }),
  status: CaseStatus,
  urgency: Urgency,
  description: z.string(),
  unit: z.object({ id: Id, name: z.string(), kind: UnitKind, trail: z.array(z.string()) }),
  location: LatLng.nullable(),
  reportedAt: z.string(),
  stageDueAt: z.string().nullable(),
  overdueLevel: z.number().int(),
  paused: z.boolean(),
  leadPost: z.object({ id: Id, name: z.string() }).nullable(),
  rating: Rating.nullable(),
  thumbUrl: z.string().nullable(),
  version: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseEventView = z.object({
  id: Id,
  seq: z.number().int(),
  action: z.string(),
  fromStatus: CaseStatus.nullable(),
  toStatus: CaseStatus,
  note: z.string().nullable(),
  actor: Person.nullable(),
  at: z.string(),
  photos: z.array(PhotoView),
});
export type CaseEventView = z.infer<typeof CaseEventView>;

export const CaseDetail = CaseSummary.extend({
  address: z.string().nullable(),
  anonymous: z.boolean(),
  /** Null when the reporter hid their name and the viewer is not staff. */
  reporter: Person.nullable(),
  leadUser: Person.nullable(),
  assignments: z.array(
    z.object({
      post: z.object({ id: Id, name: z.string() }),
      role: z.enum(['lead', 'assist']),
      checkInDueAt: z.string().nullable(),
      checkedInAt: z.string().nullable(),
      checkInMissed: z.boolean(),
    }),
  ),
  whistled: z.boolean(),
  stage: z.string().nullable(),
  pausedMs: z.number(),
  pausedSince: z.string().nullable(),
  dueAt: z.string().nullable(),
  reworkCount: z.number().int(),
  reopenCount: z.number().int(),
  ratingComment: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  photos: z.array(PhotoView),
  timeline: z.array(CaseEventView),
  can: z.array(z.enum(CASE_ACTIONS)),
  /** The 找院长 ask a courtyard head handed over as this case, if it came from one. */
  askId: Id.nullable(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

const csv = <T extends z.ZodTypeAny>(item: T) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20))
    .optional();

export const CaseListQuery = PageQuery.extend({
  townId: Id.optional(),
  unitId: Id.optional(),
  status: csv(CaseStatus),
  matterId: Id.optional(),
  postId: Id.optional(),
  urgency: Urgency.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().max(50).optional(),
  /** `mine`: cases I reported; `post`: cases dispatched to my posts. */
  scope: z.enum(['all', 'mine', 'post']).default('all'),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

/** What the console's map draws: the unit's children as outlines, and open cases as points. */
export const CaseMap = z.object({
  unit: z.object({ id: Id, name: z.string(), kind: UnitKind }),
  areas: z.array(z.object({ id: Id, name: z.string(), kind: UnitKind, boundary: z.unknown() })),
  cases: z.array(
    z.object({
      id: Id,
      lat: z.number(),
      lng: z.number(),
      status: CaseStatus,
      overdueLevel: z.number().int(),
      urgency: Urgency,
      matter: z.string(),
    }),
  ),
  truncated: z.boolean(),
});
export type CaseMap = z.infer<typeof CaseMap>;
