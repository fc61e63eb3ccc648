import { z } from 'zod';
import { Id } from '../shared/schemas';

export const StoreItemInput = z
  .object({
    villageId: Id,
    name: z.string().trim().min(1).max(60),
    price: z.number().int().min(1).max(100_000),
    stock: z.number().int().min(0).max(100_000),
    photoId: Id.nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();
export type StoreItemInput = z.infer<typeof StoreItemInput>;

export const StoreItemView = z.object({
  id: Id,
  villageId: Id,
  name: z.string(),
  price: z.number(),
  stock: z.number(),
  photoId: Id.nullable(),
  active: z.boolean(),
});
export type StoreItemView = z.infer<typeof StoreItemView>;

/** held: points and stock are set aside; confirmed: goods handed over, points spent; cancelled: both released. */
export const REDEMPTION_STATUSES = ['held', 'confirmed', 'cancelled'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** The phone mints the id, so a retried tap is the same redemption, never a second one. */
export const RedeemInput = z.object({ id: Id, itemId: Id }).strict();
export type RedeemInput = z.infer<typeof RedeemInput>;

export const CancelInput = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const RedemptionView = z.object({
  id: Id,
  itemId: Id,
  itemName: z.string(),
  householdId: Id,
  /** Where the goods go: the household's address and courtyard, for the staff handing them over. */
  household: z.object({ address: z.string(), courtyard: z.string() }),
  points: z.number(),
  status: z.enum(REDEMPTION_STATUSES),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Why staff cancelled it, which the resident sees. */
  reason: z.string().nullable(),
});
export type RedemptionView = z.infer<typeof RedemptionView>;

/** Restock, reprice, rename or take off the shelf; held redemptions keep the price they were held at. */
export const StoreItemPatch = StoreItemInput.omit({ villageId: true }).partial().strict();
export type StoreItemPatch = z.infer<typeof StoreItemPatch>;

/**
 * A bound resident's store: the goods on the shelf of their village (active ones, in stock or not, so
 * "sold out" is visible) and their household's own redemptions, newest first.
 */
export const MyStore = z.object({
  bound: z.boolean(),
  villageId: Id.nullable(),
  items: z.array(StoreItemView),
  redemptions: z.array(RedemptionView),
});
export type MyStore = z.infer<typeof MyStore>;
