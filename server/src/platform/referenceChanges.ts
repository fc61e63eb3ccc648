import { EventEmitter } from 'node:events';
import type { Db } from '../db/client';
import { notifyInTransaction, type Realtime } from './realtime';

/** The topic on which a change of the org tree or of a matter catalogue is announced. */
export const REFERENCE_TOPIC = 'reference';

const local = new EventEmitter().setMaxListeners(0);

/**
 * Announces that units or matters changed, inside the transaction that changes them. Caches in this
 * process forget at once (before the commit, so nothing they read meanwhile outlives it); the other
 * processes hear of it when the transaction commits, and forget then.
 */
export async function announceReferenceChange(tx: Db): Promise<void> {
  local.emit('change');
  await notifyInTransaction(tx, REFERENCE_TOPIC, {});
}

/** Calls `forget` on every announced change, from this process or another; returns the unsubscribe. */
export function onReferenceChange(realtime: Realtime, forget: () => void): () => void {
  local.on('change', forget);
  const off = realtime.subscribe(REFERENCE_TOPIC, forget);
  return () => {
    local.off('change', forget);
    off();
  };
}
