import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client';
import { consoleLog, type Log } from './log';

/** Every process LISTENs on this one channel; topics are told apart inside the payload. */
export const REALTIME_CHANNEL = 'xiaoyuan_events';
/**
 * PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more, and a big one slows every listener.
 * Events carry ids and a short summary; a subscriber that needs more reads it from the database.
 */
export const MAX_EVENT_BYTES = 7_500;

export type RealtimeEvent = Record<string, unknown>;
export type RealtimeHandler = (event: RealtimeEvent, topic: string) => void;

export interface Realtime {
  /** Delivers `event` to the subscribers of `topic` in every process, now. */
  publish(topic: string, event: RealtimeEvent): Promise<void>;
  /** Delivers `event` when `tx` commits, and never if it rolls back. */
  notifyInTransaction(tx: Db, topic: string, event: RealtimeEvent): Promise<void>;
  /**
   * Calls `handler` for each event of `pattern`: a topic (`cases.T1`), or a prefix ending in `*`
   * (`cases.*`, or `*` for all). Handlers run synchronously on delivery and must not throw.
   */
  subscribe(pattern: string, handler: RealtimeHandler): () => void;
  subscriberCount(): number;
  close(): Promise<void>;
}

export class RealtimeEventTooLargeError extends Error {
  constructor(topic: string, bytes: number) {
    super(
      `realtime event on "${topic}" is ${bytes} bytes, over the ${MAX_EVENT_BYTES}-byte limit of NOTIFY: ` +
        'send ids and a summary, and let subscribers read the rest from the database',
    );
    this.name = 'RealtimeEventTooLargeError';
  }
}

/**
 * Raises `event` inside the caller's transaction, as commands do: PostgreSQL holds a NOTIFY until
 * commit, so subscribers never hear of a change that was rolled back. Outside a transaction it is
 * delivered at once. Identical events raised twice in one transaction are delivered once.
 */
export async function notifyInTransaction(tx: Db, topic: string, event: RealtimeEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${eventPayload(topic, event)})`);
}

/**
 * Events a statement raises for many rows are sent in envelopes of up to this many (`{ topic, events }`),
 * one NOTIFY each: every notification costs PostgreSQL a queue entry and every listening process a
 * message, so a batch of reports raises a few rather than one per case. An event so batched must stay
 * under `MAX_EVENT_BYTES / EVENTS_PER_NOTIFY`.
 */
export const EVENTS_PER_NOTIFY = 32;

/** An event as JSON for a statement that raises it in `{ topic, events }` envelopes, checked for size. */
export function batchedEvent(topic: string, event: RealtimeEvent): string {
  const json = JSON.stringify(event);
  const bytes = Buffer.byteLength(json);
  // The topic and the envelope's own keys take the rest of an envelope.
  if (bytes > (MAX_EVENT_BYTES - 200) / EVENTS_PER_NOTIFY) throw new RealtimeEventTooLargeError(topic, bytes);
  return json;
}

/**
 * The NOTIFY payloads of events prepared with `batchedEvent`: the events of each topic, in order, in
 * `{ topic, events }` envelopes of up to EVENTS_PER_NOTIFY.
 */
export function batchedPayloads(events: readonly { topic: string; event: string }[]): string[] {
  const byTopic = new Map<string, string[]>();
  for (const { topic, event } of events) {
    const list = byTopic.get(topic);
    if (list) list.push(event);
    else byTopic.set(topic, [event]);
  }
  const payloads: string[] = [];
  for (const [topic, list] of byTopic)
    for (let i = 0; i < list.length; i += EVENTS_PER_NOTIFY)
      payloads.push(
        `{"topic":${JSON.stringify(topic)},"events":[${list.slice(i, i + EVENTS_PER_NOTIFY).join(',')}]}`,
      );
  return payloads;
}

/** The NOTIFY payload of an event, for a statement that raises it itself (`pg_notify(REALTIME_CHANNEL, …)`). */
export function eventPayload(topic: string, event: RealtimeEvent): string {
  if (!topic || topic.includes('*')) throw new Error(`realtime topic ${JSON.stringify(topic)} is not valid`);
  const payload = JSON.stringify({ topic, event });
  const bytes = Buffer.byteLength(payload);
  if (bytes > MAX_EVENT_BYTES) throw new RealtimeEventTooLargeError(topic, bytes);
  return payload;
}

/**
 * One LISTEN per process, fanned out in memory: a Map from topic (and from prefix) to handlers, so an
 * event costs one lookup plus one call per interested subscriber, however many topics are watched.
 * Events from this process go through PostgreSQL too, so every process sees the same commit order.
 */
export async function createRealtime(database: Database, options: { log?: Log } = {}): Promise<Realtime> {
  const log = options.log ?? consoleLog;
  const byTopic = new Map<string, Set<RealtimeHandler>>();
  const byPrefix = new Map<string, Set<RealtimeHandler>>();
  let count = 0;

  const deliver = (payload: string) => {
    let message: unknown;
    try {
      message = JSON.parse(payload);
    } catch {
      log.warn({ payload: payload.slice(0, 200) }, 'realtime: ignoring a notification that is not JSON');
      return;
    }
    if (!isEnvelope(message)) {
      log.warn(
        { payload: payload.slice(0, 200) },
        'realtime: ignoring a notification without topic and event',
      );
      return;
    }
    const { topic } = message;
    const events = 'events' in message ? message.events : [message.event];
    const call = (handler: RealtimeHandler) => {
      for (const event of events) {
        try {
          handler(event, topic);
        } catch (error) {
          log.error({ err: error, topic }, 'realtime: a subscriber failed');
        }
      }
    };
    byTopic.get(topic)?.forEach(call);
    for (const [prefix, handlers] of byPrefix) {
      if (topic.startsWith(prefix)) handlers.forEach(call);
    }
  };

  const unlisten = await database.listen(REALTIME_CHANNEL, deliver, {
    onError: (error) => log.warn({ err: error }, 'realtime: listen connection lost; reconnecting'),
  });

  return {
    publish: (topic, event) => notifyInTransaction(database.db, topic, event),
    notifyInTransaction,
    subscribe: (pattern, handler) => {
      const isPrefix = pattern.endsWith('*');
      const key = isPrefix ? pattern.slice(0, -1) : pattern;
      if (key.includes('*') || (!isPrefix && !key)) {
        throw new Error(`realtime pattern ${JSON.stringify(pattern)} is not valid`);
      }
      const index = isPrefix ? byPrefix : byTopic;
      let handlers = index.get(key);
      if (!handlers) {
        handlers = new Set();
        index.set(key, handlers);
      }
      // A Set would merge a handler subscribed twice; a wrapper keeps each subscription its own.
      const subscription: RealtimeHandler = (event, topic) => handler(event, topic);
      handlers.add(subscription);
      count += 1;
      return () => {
        if (!handlers.delete(subscription)) return;
        count -= 1;
        if (handlers.size === 0 && index.get(key) === handlers) index.delete(key);
      };
    },
    subscriberCount: () => count,
    close: async () => {
      for (const index of [byTopic, byPrefix]) {
        for (const handlers of index.values()) handlers.clear();
        index.clear();
      }
      count = 0;
      await unlisten();
    },
  };
}

/** One event, or several of one topic in order (`{ topic, events }`), as a batch raises them. */
type Envelope = { topic: string; event: RealtimeEvent } | { topic: string; events: RealtimeEvent[] };

function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const { topic, event, events } = value as { topic?: unknown; event?: unknown; events?: unknown };
  const isEvent = (e: unknown) => typeof e === 'object' && e !== null;
  return typeof topic === 'string' && (isEvent(event) || (Array.isArray(events) && events.every(isEvent)));
}
