import { z } from 'zod';
import { Id } from '../shared/schemas';
import { AskAction, AskStatus, RESIDENT_ACTIONS } from './states';

export const ASK_KINDS = ['dispute', 'request'] as const;
export const AskKind = z.enum(ASK_KINDS);
export type AskKind = z.infer<typeof AskKind>;
export const ASK_KIND_LABELS: Record<AskKind, { zh: string; en: string }> = {
  dispute: { zh: '矛盾纠纷', en: 'Dispute' },
  request: { zh: '诉求建议', en: 'Request' },
};

/** A voice note is a minute at most: long enough to tell a quarrel, short enough to listen to. */
export const MAX_VOICE_SECONDS = 60;
/** A minute of Opus or AAC as phones record it is well under this. */
export const MAX_VOICE_BYTES = 2 * 1024 * 1024;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** The phone makes the id, so an ask sent twice over a bad connection is one ask. */
export const NewAskInput = z
  .object({
    id: Id,
    kind: AskKind,
    text: z.string().trim().max(2000).default(''),
    photoIds: z.array(Id).max(9).default([]),
    voiceNoteId: Id.optional(),
  })
  .strict()
  .refine((a) => a.text.length > 0 || a.voiceNoteId, {
    message: 'an ask needs words or a voice note',
    path: ['text'],
  });
export type NewAskInput = z.infer<typeof NewAskInput>;

export const AnswerInput = z.object({ text: Text(2000) }).strict();
export type AnswerInput = z.infer<typeof AnswerInput>;

export const MediationInput = z
  .object({
    parties: Text(200),
    agreement: Text(2000),
    followUpOn: z.iso.date().optional(),
  })
  .strict();
export type MediationInput = z.infer<typeof MediationInput>;

export const HandOverInput = z.object({ matterId: Id, note: z.string().trim().max(500).optional() }).strict();
export type HandOverInput = z.infer<typeof HandOverInput>;

export const OutcomeInput = z
  .object({ action: z.enum(RESIDENT_ACTIONS), note: z.string().trim().max(500).optional() })
  .strict();
export type OutcomeInput = z.infer<typeof OutcomeInput>;

export const AskListQuery = z.object({
  /** `mine`: the asks I sent; `courtyard`: the asks of the courtyards I head. */
  box: z.enum(['mine', 'courtyard']).default('mine'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const VoiceNoteReceipt = z.object({ id: Id, contentType: z.string(), bytes: z.number().int() });

const Person = z.object({ id: Id, name: z.string() });

export const AskSummary = z.object({
  id: Id,
  kind: AskKind,
  status: AskStatus,
  text: z.string(),
  courtyard: z.object({ id: Id, name: z.string() }),
  resident: Person,
  hasVoice: z.boolean(),
  photoCount: z.number().int(),
  /** Something new for the viewer: a new ask for the head, a reply or a step for the resident. */
  unread: z.boolean(),
  askedAt: z.string(),
  updatedAt: z.string(),
});
export type AskSummary = z.infer<typeof AskSummary>;

export const AskList = z.object({ items: z.array(AskSummary), unreadCount: z.number().int() });
export type AskList = z.infer<typeof AskList>;

export const AskEventView = z.object({
  id: Id,
  action: z.string(),
  toStatus: AskStatus,
  note: z.string().nullable(),
  actor: Person.nullable(),
  at: z.string(),
});

export const MediationView = z.object({
  id: Id,
  parties: z.string(),
  agreement: z.string(),
  followUpOn: z.string().nullable(),
  mediator: Person,
  at: z.string(),
});

export const AskDetail = AskSummary.extend({
  /** The town whose catalogue a hand-over chooses its matter from. */
  townId: Id,
  photos: z.array(z.object({ id: Id, url: z.string() })),
  voiceUrl: z.string().nullable(),
  answers: z.array(z.object({ text: z.string(), by: Person, at: z.string() })),
  mediations: z.array(MediationView),
  case: z.object({ id: Id, status: z.string() }).nullable(),
  timeline: z.array(AskEventView),
  can: z.array(AskAction),
  version: z.number().int(),
});
export type AskDetail = z.infer<typeof AskDetail>;
