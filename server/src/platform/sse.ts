import { HEARTBEAT_EVENT, HEARTBEAT_MS } from '@domain/shared/liveStream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Realtime } from './realtime';

export interface SseOptions {
  /** How often to send the heartbeat event (HEARTBEAT_EVENT, every HEARTBEAT_MS by default). */
  heartbeatMs?: number;
  /** How long a browser's EventSource waits before reconnecting after the stream drops. */
  retryMs?: number;
  /** Unsent bytes a slow client may fall behind by before its stream is closed. */
  maxBufferedBytes?: number;
}

/** Without an id, so that it does not move the stream's Last-Event-ID. */
const HEARTBEAT_FRAME = `event: ${HEARTBEAT_EVENT}\ndata: {}\n\n`;

export interface SseStream {
  /** Writes `data` as JSON in one event with the next id; false if the stream is closed. */
  send(data: unknown, event?: string): boolean;
  close(): void;
  readonly closed: boolean;
}

export interface Sse {
  /** Takes over the reply and opens an event stream on it; `onClose` runs once, however it ends. */
  open(request: FastifyRequest, reply: FastifyReply, onClose?: () => void): SseStream;
  /** Streams every realtime event of `patterns` as `{ topic, event }`, unsubscribing when the stream ends. */
  streamRealtime(
    request: FastifyRequest,
    reply: FastifyReply,
    realtime: Realtime,
    patterns: string[],
  ): SseStream;
  openStreams(): number;
}

/**
 * Server-sent events for the routes of `app`. Streams are closed when the app closes: a hijacked reply
 * is a busy connection, which would otherwise hold `app.close()` until every client went away.
 *
 * Backpressure: frames go to the socket, whose own buffer holds what the client has not yet taken.
 * A client that falls more than `maxBufferedBytes` behind is disconnected rather than sent a stream
 * with holes in it: its EventSource reconnects after `retryMs` and the page reloads what it shows,
 * whereas a silently dropped event would leave the page stale with no sign of it.
 */
export function createSse(app: FastifyInstance, options: SseOptions = {}): Sse {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const retryMs = options.retryMs ?? 3_000;
  const maxBufferedBytes = options.maxBufferedBytes ?? 256 * 1024;
  const streams = new Set<SseStream>();
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.close();
  });

  const open: Sse['open'] = (request, reply, onClose) => {
    reply.hijack();
    const raw = reply.raw;
    // Headers already set by hooks (security headers, request id) would be lost with the hijack.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) raw.setHeader(name, value);
    }
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // nginx buffers proxied responses unless told not to, which would hold events back.
      'x-accel-buffering': 'no',
    });
    let nextId = 1;
    let closed = false;

    const write = (frame: string) => {
      if (closed) return false;
      if (raw.writableLength + Buffer.byteLength(frame) > maxBufferedBytes) {
        request.log.warn({ buffered: raw.writableLength }, 'sse: client too slow; closing its stream');
        // Ending gracefully would wait for the client to read all it is behind by; it is not reading.
        raw.destroy();
        close();
        return false;
      }
      raw.write(frame);
      return true;
    };
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      streams.delete(stream);
      raw.end();
      onClose?.();
    };
    const stream: SseStream = {
      send: (data, event) => {
        if (event !== undefined && /[\r\n]/.test(event)) {
          throw new Error('an SSE event name must be one line');
        }
        const name = event === undefined ? '' : `event: ${event}\n`;
        if (!write(`id: ${nextId}\n${name}data: ${JSON.stringify(data)}\n\n`)) return false;
        nextId += 1;
        return true;
      },
      close,
      get closed() {
        return closed;
      },
    };
    const heartbeat = setInterval(() => write(HEARTBEAT_FRAME), heartbeatMs);
    streams.add(stream);
    request.raw.on('close', close);
    raw.on('close', close);
    raw.on('error', close);
    write(`retry: ${retryMs}\n\n`);
    return stream;
  };

  return {
    open,
    streamRealtime: (request, reply, realtime, patterns) => {
      const unsubscribes: (() => void)[] = [];
      const unsubscribeAll = () => {
        for (const unsubscribe of unsubscribes) unsubscribe();
      };
      // Subscribing before the reply is taken over lets a bad pattern still fail as an ordinary error;
      // no event can arrive before `stream` is set, as deliveries never run synchronously.
      try {
        for (const pattern of patterns) {
          unsubscribes.push(realtime.subscribe(pattern, (event, topic) => stream.send({ topic, event })));
        }
      } catch (error) {
        unsubscribeAll();
        throw error;
      }
      const stream = open(request, reply, unsubscribeAll);
      return stream;
    },
    openStreams: () => streams.size,
  };
}
