import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/client';
import { openTestDatabase, testBackends } from '../testing/app';
import { createRealtime, type Realtime } from './realtime';
import { createSse, type Sse, type SseOptions } from './sse';

/** One frame of an event stream: its fields in order, comments under ':'. */
type Frame = [field: string, value: string][];

/** Reads an event stream frame by frame, as a browser's EventSource would. */
async function* frames(response: Response): AsyncGenerator<Frame> {
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new Error('no body');
  let text = '';
  for (;;) {
    let end = text.indexOf('\n\n');
    while (end >= 0) {
      yield text
        .slice(0, end)
        .split('\n')
        .map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon), line.slice(colon + 1).trimStart()];
        });
      text = text.slice(end + 2);
      end = text.indexOf('\n\n');
    }
    const { done, value } = await reader.read();
    if (done) return;
    text += value;
  }
}

async function take(stream: AsyncGenerator<Frame>, count: number, keep: (f: Frame) => boolean) {
  const taken: Frame[] = [];
  while (taken.length < count) {
    const next = await stream.next();
    if (next.done) break;
    if (keep(next.value)) taken.push(next.value);
  }
  return taken;
}

const isHeartbeat = (frame: Frame) =>
  frame.some(([field, value]) => field === 'event' && value === 'heartbeat');
const isEvent = (frame: Frame) => frame.some(([field]) => field === 'data') && !isHeartbeat(frame);

async function startApp(realtime: Realtime, options: SseOptions & { forceCloseConnections?: boolean } = {}) {
  const app = Fastify({
    logger: false,
    ...(options.forceCloseConnections && { forceCloseConnections: true }),
  });
  const sse = createSse(app, options);
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-frame-options', 'DENY');
  });
  app.get<{ Querystring: { topic: string } }>('/events', async (request, reply) => {
    sse.streamRealtime(request, reply, realtime, [request.query.topic]);
    return reply;
  });
  app.get('/flood', async (request, reply) => {
    const stream = sse.open(request, reply);
    const chunk = 'x'.repeat(64 * 1024);
    let sent = 0;
    // One frame per turn of the event loop, as events arrive, so the socket flushes what the client takes.
    while (sent < 1_000 && stream.send({ chunk })) {
      sent += 1;
      await new Promise(setImmediate);
    }
    flooded.push({ sent, closed: stream.closed });
    return reply;
  });
  app.get('/greeting', async (request, reply) => {
    const stream = sse.open(request, reply);
    stream.send({ hello: '小院' }, 'greeting');
    stream.send({ bye: true });
    stream.close();
    return reply;
  });
  const flooded: { sent: number; closed: boolean }[] = [];
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, sse, flooded, url: `http://127.0.0.1:${port}` };
}

describe.each(testBackends())('server-sent events on %s', (backend) => {
  let database: Database;
  let drop: () => Promise<void>;
  let realtime: Realtime;
  let server: Awaited<ReturnType<typeof startApp>>;
  let app: FastifyInstance;
  let sse: Sse;

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase(backend));
    realtime = await createRealtime(database);
    // undici opens a spare connection when a fetch is aborted, and app.close() would wait for it to time out.
    server = await startApp(realtime, { heartbeatMs: 50, forceCloseConnections: true });
    ({ app, sse } = server);
  });
  afterAll(async () => {
    await app?.close();
    await realtime?.close();
    await database?.close();
    await drop?.();
  });

  it('streams published events in order, each with the next id, after telling the browser when to retry', async () => {
    const abort = new AbortController();
    const response = await fetch(`${server.url}/events?topic=cases.T1`, { signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-frame-options'), 'set by a hook before the hijack').toBe('DENY');
    const stream = frames(response);
    expect((await stream.next()).value).toEqual([['retry', '3000']]);

    await realtime.publish('cases.T1', { caseId: 'c1', status: 'reported' });
    await realtime.publish('cases.T2', { caseId: 'c9', status: 'reported' });
    await realtime.publish('cases.T1', { caseId: 'c1', status: 'dispatched' });
    await realtime.publish('cases.T1', { caseId: 'c2', status: 'reported' });
    const events = await take(stream, 3, isEvent);
    abort.abort();

    expect(events).toEqual([
      [
        ['id', '1'],
        ['data', JSON.stringify({ topic: 'cases.T1', event: { caseId: 'c1', status: 'reported' } })],
      ],
      [
        ['id', '2'],
        ['data', JSON.stringify({ topic: 'cases.T1', event: { caseId: 'c1', status: 'dispatched' } })],
      ],
      [
        ['id', '3'],
        ['data', JSON.stringify({ topic: 'cases.T1', event: { caseId: 'c2', status: 'reported' } })],
      ],
    ]);
  });

  it('names an event when asked, and ends the response when the stream is closed', async () => {
    const response = await fetch(`${server.url}/greeting`);
    expect(await response.text()).toBe(
      'retry: 3000\n\nid: 1\nevent: greeting\ndata: {"hello":"小院"}\n\nid: 2\ndata: {"bye":true}\n\n',
    );
  });

  it('unsubscribes and stops its timers when the client disconnects', async () => {
    const abort = new AbortController();
    const response = await fetch(`${server.url}/events?topic=cases.*`, { signal: abort.signal });
    await frames(response).next();
    expect(realtime.subscriberCount()).toBe(1);
    expect(sse.openStreams()).toBe(1);

    abort.abort();
    await vi.waitFor(() => {
      expect(realtime.subscriberCount()).toBe(0);
      expect(sse.openStreams()).toBe(0);
    });
  });

  it('sends a heartbeat event, without an id, on a quiet stream', async () => {
    const abort = new AbortController();
    const response = await fetch(`${server.url}/events?topic=quiet`, { signal: abort.signal });
    const started = Date.now();
    const heartbeats = await take(frames(response), 3, isHeartbeat);
    abort.abort();
    expect(heartbeats).toEqual(
      Array(3).fill([
        ['event', 'heartbeat'],
        ['data', '{}'],
      ]),
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('disconnects a client that stops reading once it falls too far behind, instead of buffering without end', async () => {
    const response = await fetch(`${server.url}/flood`);
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(server.flooded).toHaveLength(1));
    const [flood] = server.flooded;
    expect(flood?.closed).toBe(true);
    expect(flood?.sent).toBeLessThan(1_000);
    expect(sse.openStreams()).toBe(0);
    const received = await response.text().catch(() => 'cut off');
    expect(received.length).toBeLessThan((flood?.sent ?? 0) * 64 * 1024);
  });

  it('ends open streams when the app closes, rather than waiting for clients to leave', async () => {
    const other = await startApp(realtime);
    const response = await fetch(`${other.url}/events?topic=closing`);
    const stream = frames(response);
    await stream.next();
    expect(realtime.subscriberCount()).toBe(1);

    await other.app.close();
    expect((await stream.next()).done).toBe(true);
    expect(realtime.subscriberCount()).toBe(0);
  });
});
