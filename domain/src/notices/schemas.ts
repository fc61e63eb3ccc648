import { z } from 'zod';
import { Id } from '../shared/schemas';

/** 宣讲 talk, 经验宣传 good practice, 通知 notice: what a resident sees as the notice's kind. */
export const NOTICE_CATEGORIES = ['talk', 'good_practice', 'notice'] as const;
export const NoticeCategory = z.enum(NOTICE_CATEGORIES);
export type NoticeCategory = z.infer<typeof NoticeCategory>;

export const NOTICE_CATEGORY_LABELS: Record<NoticeCategory, { zh: string; en: string }> = {
  talk: { zh: '宣讲', en: 'Talk' },
  good_practice: { zh: '经验宣传', en: 'Good practice' },
  notice: { zh: '通知', en: 'Notice' },
};

export const NOTICE_STATUSES = ['published', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NoticeTitle = z.string().trim().min(1).max(100);
/** Plain text or the small markdown subset of markdown.ts; never rendered as HTML. */
export const NoticeBody = z.string().trim().min(1).max(10_000);

export const NoticeInput = z.object({
  unitId: Id,
  title: NoticeTitle,
  body: NoticeBody,
  category: NoticeCategory,
  pinned: z.boolean().default(false),
  /** Photos uploaded first through /photos, shown in this order. */
  photoIds: z.array(Id).max(9).default([]),
});
export type NoticeInput = z.infer<typeof NoticeInput>;

export const NoticeView = z.object({
  id: Id,
  unit: z.object({ id: Id, name: z.string(), kind: z.string() }),
  title: z.string(),
  body: z.string(),
  category: NoticeCategory,
  pinned: z.boolean(),
  status: z.enum(NOTICE_STATUSES),
  publisher: z.object({ id: Id, name: z.string() }),
  publishedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  photos: z.array(z.object({ id: Id, url: z.string(), thumbUrl: z.string() })),
  /** Whether the viewer has opened it; the phone's unread mark. */
  read: z.boolean(),
});
export type NoticeView = z.infer<typeof NoticeView>;

/** A publisher's line in the console: the notice and how much of its audience has read it. */
export const NoticeSummary = NoticeView.extend({
  audience: z.number(),
  readCount: z.number(),
  can: z.object({ withdraw: z.boolean() }),
});
export type NoticeSummary = z.infer<typeof NoticeSummary>;

export const NoticeReads = z.object({
  audience: z.number(),
  readCount: z.number(),
  /** Who of the audience has not opened it yet, by name and place (first 500). */
  unread: z.array(z.object({ userId: Id, name: z.string(), place: z.string() })),
});
export type NoticeReads = z.infer<typeof NoticeReads>;

export const CharterBody = z.string().trim().min(1).max(20_000);
export const CharterInput = z.object({ body: CharterBody });

export const CharterVersion = z.object({
  id: Id,
  version: z.number(),
  body: z.string(),
  publisher: z.object({ id: Id, name: z.string() }),
  publishedAt: z.string(),
});
export type CharterVersion = z.infer<typeof CharterVersion>;

export const Acknowledgment = z.object({
  charterId: Id,
  version: z.number(),
  by: z.object({ id: Id, name: z.string() }),
  at: z.string(),
});
export type Acknowledgment = z.infer<typeof Acknowledgment>;

/** The head's and staff's view: every version, newest first, and each household's acknowledgment. */
export const CourtyardCharter = z.object({
  courtyard: z.object({ id: Id, name: z.string() }),
  versions: z.array(CharterVersion),
  households: z.array(
    z.object({
      id: Id,
      address: z.string(),
      headName: z.string().nullable(),
      acknowledgment: Acknowledgment.nullable(),
    }),
  ),
});
export type CourtyardCharter = z.infer<typeof CourtyardCharter>;

/** A resident's view: their courtyard's charter and whether their household has acknowledged it. */
export const MyCharter = z.object({
  courtyard: z.object({ id: Id, name: z.string() }).nullable(),
  versions: z.array(CharterVersion),
  acknowledgment: Acknowledgment.nullable(),
  can: z.object({ acknowledge: z.boolean() }),
  /** Why the viewer may not acknowledge, when they may not: not bound, or not an adult. */
  reason: z.enum(['not_bound', 'minor', 'no_charter', 'acknowledged']).nullable(),
});
export type MyCharter = z.infer<typeof MyCharter>;
