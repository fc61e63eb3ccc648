import { EventEmitter } from 'node:events';
import type { Db } from '../db/client';
import { notifyInTransaction, type Realtime } from '../platform/realtime';
import type { LoadedGrant } from './grants';
import type { LiveSession } from './sessions';

/** Whose signed-in state changed: one session, every session of a user, or everyone's (the org tree moved). */
export type AuthChange = { tokenHash: string } | { userId: string } | { all: true };

export const AUTH_TOPIC = 'auth';
/**
 * How long a process trusts what it read of a session. Changes are announced to every process at
 * once; this bounds how stale a process can be if an announcement is lost while its LISTEN is down.
 */
const TTL_MS = 10_000;
const MAX_ENTRIES = 50_000;

const local = new EventEmitter().setMaxListeners(0);

/**
 * Announces a change of sessions, grants or accounts. Caches in this process forget at once; the
 * other processes hear of it when the transaction commits. Forgetting too much is always safe.
 */
export async function announceAuthChange(tx: Db, change: AuthChange): Promise<void> {
  local.emit('change', change);
  await notifyInTransaction(tx, AUTH_TOPIC, change);
}

export interface CachedSession {
  session: LiveSession;
  grants: LoadedGrant[];
}

/**
 * Every API request needs its session and grants; reading them costs two statements, which was most
 * of the cost of a small request. Sessions change rarely and every change is announced.
 */
export class SessionCache {
  private readonly entries = new Map<string, { value: CachedSession; until: number }>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(realtime: Realtime) {
    const onChange = (change: AuthChange) => this.forget(change);
    local.on('change', onChange);
    this.unsubscribe.push(
      () => local.off('change', onChange),
      realtime.subscribe(AUTH_TOPIC, (event) => this.forget(event as AuthChange)),
    );
  }

  get(tokenHash: string, now = Date.now()): CachedSession | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.entries.delete(tokenHash);
    return undefined;
  }

  set(tokenHash: string, value: CachedSession, now = Date.now()): void {
    // A Map iterates in insertion order, so the first key is the oldest entry.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(tokenHash, { value, until: Math.min(now + TTL_MS, value.session.expiresAt.getTime()) });
  }

  forget(change: AuthChange): void {
    if ('all' in change) this.entries.clear();
    else if ('tokenHash' in change) this.entries.delete(change.tokenHash);
    else {
      for (const [key, entry] of this.entries) {
        if (entry.value.session.user.id === change.userId) this.entries.delete(key);
      }
    }
  }

  close(): void {
    for (const off of this.unsubscribe) off();
    this.entries.clear();
  }
}
