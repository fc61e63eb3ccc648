import { z } from 'zod';

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const Phone = z.string().regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mainland mobile number');

export const Id = z.uuid();

/** A person's or a place's name as typed: trimmed, never empty, never a novel. */
export const Name = z.string().trim().min(1).max(60);

/** Keyset pagination: the cursor is opaque to clients; `limit` is capped so no page is unbounded. */
export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string().optional(),
  messages: z.object({ 'zh-CN': z.string(), en: z.string() }),
  instance: z.string().optional(),
  requestId: z.string().optional(),
});
