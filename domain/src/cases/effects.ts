import { dueAt, type WorkCalendar } from '../calendar/workingDays';
import { CLOCK_STAGES, type TimeLimits, type Urgency } from '../matters/schemas';
import type { CaseActionInput } from './schemas';
import { type CaseStatus, clockStageOf, nextStatus } from './states';

/** The columns of a case that actions change; the server maps them to the row one to one. */
export interface CaseState {
  status: CaseStatus;
  urgency: Urgency;
  stage: string | null;
  stageStartedAt: Date | null;
  stageDueAt: Date | null;
  overdueLevel: number;
  pausedSince: Date | null;
  pausedMs: number;
  dueAt: Date | null;
  reworkCount: number;
  reopenCount: number;
  everResolved: boolean;
  resolvedLevel: string | null;
  whistled: boolean;
  rating: string | null;
  ratingComment: string | null;
  acceptedAt: Date | null;
  dispatchedAt: Date | null;
  resolvedAt: Date | null;
  verifiedAt: Date | null;
  closedAt: Date | null;
  rejectedAt: Date | null;
  ratedAt: Date | null;
}

/** The overall limit of a case: the sum of its stages, counted from the report. */
export function totalLimitHours(limits: TimeLimits, urgency: Urgency): number {
  return CLOCK_STAGES.reduce((sum, stage) => sum + limits[urgency][stage], 0);
}

/**
 * The clock of a fresh report: the accept stage starts now. With a calendar (a matter whose limits are
 * declared in working days) the hours run on working days only; without one, on the wall clock.
 */
export function initialClock(
  limits: TimeLimits,
  urgency: Urgency,
  now: Date,
  calendar: WorkCalendar | null = null,
) {
  return {
    stage: 'accept',
    stageStartedAt: now,
    stageDueAt: dueAt(now, limits[urgency].accept, calendar),
    dueAt: dueAt(now, totalLimitHours(limits, urgency), calendar),
  };
}

/**
 * What an allowed action does to a case: the new status, the stage clock restarted when the stage
 * changes, pauses settled, counters and timestamps. Pure, so the server and its tests agree on it.
 */
export function applyAction(
  state: CaseState,
  input: CaseActionInput,
  context: {
    now: Date;
    limits: TimeLimits;
    resolverLevel?: 'grid' | 'town';
    /** The working-day calendar when the matter's limits are in working days; null for the wall clock. */
    calendar?: WorkCalendar | null;
  },
): Partial<CaseState> {
  const { now, limits } = context;
  const calendar = context.calendar ?? null;
  const to = nextStatus(state.status, input.action);
  const patch: Partial<CaseState> = { status: to };

  // A pause ends with any step that moves the case on, and on resume; the time is kept and shown.
  const pausedFor = state.pausedSince ? now.getTime() - state.pausedSince.getTime() : 0;
  if (state.pausedSince && (input.action === 'resume' || to !== state.status)) {
    patch.pausedSince = null;
    patch.pausedMs = state.pausedMs + pausedFor;
    if (state.dueAt) patch.dueAt = new Date(state.dueAt.getTime() + pausedFor);
    if (input.action === 'resume' && state.stageDueAt)
      patch.stageDueAt = new Date(state.stageDueAt.getTime() + pausedFor);
  }
  if (input.action === 'pause') patch.pausedSince = now;

  const stage = clockStageOf(to);
  // A district instruction hands the town a fresh dispatch clock even though the stage is the same.
  if (stage !== state.stage || input.action === 'instruct') {
    patch.stage = stage;
    patch.stageStartedAt = stage ? now : null;
    patch.stageDueAt = stage ? dueAt(now, limits[state.urgency][stage], calendar) : null;
    patch.overdueLevel = 0;
  }

  switch (input.action) {
    case 'accept':
      patch.acceptedAt = now;
      break;
    case 'reject':
      patch.rejectedAt = now;
      break;
    case 'dispatch':
      patch.dispatchedAt = now;
      break;
    case 'resolve':
      patch.resolvedAt = now;
      patch.everResolved = true;
      patch.resolvedLevel =
        state.resolvedLevel === 'district' ? 'district' : (context.resolverLevel ?? 'town');
      break;
    case 'verify':
      patch.verifiedAt = now;
      break;
    case 'rework':
      patch.reworkCount = state.reworkCount + 1;
      break;
    case 'close':
      patch.closedAt = now;
      break;
    case 'settle':
      patch.acceptedAt = now;
      patch.resolvedAt = now;
      patch.verifiedAt = now;
      patch.closedAt = now;
      patch.everResolved = true;
      patch.resolvedLevel = 'grid';
      break;
    case 'rate':
      patch.rating = input.rating;
      patch.ratingComment = input.note ?? null;
      patch.ratedAt = now;
      break;
    case 'object':
      patch.reopenCount = state.reopenCount + 1;
      patch.closedAt = null;
      patch.verifiedAt = null;
      patch.resolvedAt = null;
      patch.rating = null;
      patch.ratingComment = null;
      patch.ratedAt = null;
      break;
    case 'escalate':
      // Whatever happens next, it took the district to settle it.
      patch.resolvedLevel = 'district';
      break;
    case 'whistle':
      patch.whistled = true;
      if (state.status === 'reported') patch.acceptedAt = now;
      break;
    default:
      break;
  }
  return patch;
}
