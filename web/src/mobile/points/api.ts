import type { MyPoints, PointEntryView } from '@domain/points/schemas';
import type { MyStore, RedemptionView } from '@domain/store/schemas';
import { uuidv7 } from 'uuidv7';
import { get, post } from '../../api/client';
import type { MessageKey } from '../../i18n/messages';

export const myPoints = () => get<MyPoints>('/points/mine');
export const myStore = () => get<MyStore>('/store/mine');

const KEY = 'xiaoyuan.redeem.';

/**
 * The id of the redemption the resident is about to make of an item. Minted once and kept (in
 * localStorage, so a reload keeps it too) until the server has answered: a retry after a lost
 * connection sends the same id, and the server answers with the redemption it already made.
 */
export function pendingRedemptionId(itemId: string): string {
  const saved = localStorage.getItem(KEY + itemId);
  if (saved) return saved;
  const id = uuidv7();
  localStorage.setItem(KEY + itemId, id);
  return id;
}

/** The server has decided (held, or refused for a reason): the next tap is a new redemption. */
export function settleRedemption(itemId: string) {
  localStorage.removeItem(KEY + itemId);
}

/** Ids the server already holds are settled: a later tap on the same item is a new redemption. */
export function settleKnownRedemptions(known: readonly string[]) {
  const ids = new Set(known);
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const key = localStorage.key(i);
    if (key?.startsWith(KEY) && ids.has(localStorage.getItem(key) ?? '')) localStorage.removeItem(key);
  }
}

export const redeemItem = (itemId: string) =>
  post<RedemptionView>('/store/redemptions', { id: pendingRedemptionId(itemId), itemId });

export const REDEMPTION_STATUS: Record<RedemptionView['status'], { key: MessageKey; color: string }> = {
  held: { key: 'redemptionHeld', color: 'warning' },
  confirmed: { key: 'redemptionConfirmed', color: 'success' },
  cancelled: { key: 'redemptionCancelled', color: 'default' },
};

/** What an entry was for, in the reader's words: the rule, the item bought, or a correction. */
export function entryTitle(e: PointEntryView, t: (k: MessageKey, v?: Record<string, string>) => string) {
  if (e.reversesEntryId) return `${t('pointsReversal')} · ${e.ruleName ?? ''}`;
  if (e.itemName) return t('pointsSpent', { item: e.itemName });
  return e.ruleName ?? e.actionCode ?? e.sourceType;
}
