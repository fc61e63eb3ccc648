import { HEARTBEAT_EVENT, STREAM_SILENCE_MS } from '@domain/shared/liveStream';
import { backoffDelay } from './backoff';

export interface FeedEvent {
  caseId: string;
  action: string;
  status: string;
  overdueLevel: number;
}

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'signed_out';

export interface LiveFeedHandlers {
  onEvent(event: FeedEvent): void;
  /** The stream is open; `again` when it reopened after a drop, so whatever was missed must be re-read. */
  onOpen(again: boolean): void;
  onStatus(status: FeedStatus): void;
  /** Asks the server whether the session still holds: 'ok', 'signed_out', or 'down' (no answer). */
  checkSession(): Promise<'ok' | 'signed_out' | 'down'>;
}

/**
 * The town's live case feed for a screen that runs for days. One EventSource at a time; when it
 * drops (server restarted, network gone, session ended) it is closed and, after an exponential
 * backoff, the session is checked first: a signed-out screen stops and says so instead of knocking
 * forever, and an unreachable server is retried later. The browser's own reconnect is not used:
 * it gives up for good on a 401 and retries a dead server at a fixed pace.
 *
 * A stream can also die without an error: after a Wi-Fi drop or a NAT timeout the socket may stay open
 * with nothing arriving, and the screen would say 实时 for ever. The server sends a heartbeat every
 * 15 s, so a stream silent for STREAM_SILENCE_MS is treated as dropped (one timeout, re-armed by
 * whatever arrives).
 */
export class LiveFeed {
  private source: EventSource | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private silence: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private opened = false;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly handlers: LiveFeedHandlers,
  ) {}

  start() {
    this.handlers.onStatus('connecting');
    this.connect();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.quiet();
    this.source?.close();
    if (this.source) countStat('sseCloses');
    this.source = null;
  }

  private connect() {
    if (this.stopped) return;
    const source = new EventSource(this.url);
    this.source = source;
    countStat('sseOpens');
    // Armed from the start, so that a connection that hangs before it opens is given up too.
    this.heard(source);
    source.onopen = () => {
      this.heard(source);
      this.attempt = 0;
      this.handlers.onStatus('live');
      this.handlers.onOpen(this.opened);
      this.opened = true;
    };
    source.addEventListener(HEARTBEAT_EVENT, () => this.heard(source));
    source.onmessage = (message) => {
      this.heard(source);
      try {
        const { event } = JSON.parse(message.data) as { event: FeedEvent };
        this.handlers.onEvent(event);
      } catch {
        // A frame we cannot read changes nothing; the next refresh shows the truth anyway.
      }
    };
    source.onerror = () => this.drop(source);
  }

  /** Closes a stream that failed or fell silent, and reconnects later unless stopped or replaced. */
  private drop(source: EventSource) {
    source.close();
    if (this.source !== source || this.stopped) return;
    countStat('sseCloses');
    this.quiet();
    this.source = null;
    this.handlers.onStatus('reconnecting');
    this.scheduleRetry();
  }

  /** `source` was just made, or something arrived on it: it is alive for another STREAM_SILENCE_MS. */
  private heard(source: EventSource) {
    this.quiet();
    this.silence = setTimeout(() => this.drop(source), STREAM_SILENCE_MS);
  }

  private quiet() {
    if (this.silence) clearTimeout(this.silence);
    this.silence = null;
  }

  private scheduleRetry() {
    if (this.stopped || this.timer) return;
    const delay = backoffDelay(this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.handlers.checkSession().then((answer) => {
        if (this.stopped) return;
        if (answer === 'signed_out') {
          this.handlers.onStatus('signed_out');
          return;
        }
        if (answer === 'down') this.scheduleRetry();
        else this.connect();
      });
    }, delay);
  }
}

/** Counters a soak test reads to prove that nothing is recreated while the screen runs. */
export function countStat(name: 'sseOpens' | 'sseCloses' | 'chartInits' | 'chartDisposals') {
  const w = window as unknown as { __screenStats?: Record<string, number> };
  w.__screenStats ??= { sseOpens: 0, sseCloses: 0, chartInits: 0, chartDisposals: 0 };
  w.__screenStats[name] = (w.__screenStats[name] ?? 0) + 1;
}
