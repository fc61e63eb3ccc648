/**
 * The heartbeat of every server-sent event stream: a named event, not a comment, because a browser's
 * EventSource hides comments, and a page left on for days must see it to notice a stream that died
 * silently (a Wi-Fi drop or a NAT timeout can leave the socket open with nothing arriving). Named
 * events reach only listeners of that name, so `onmessage` handlers never see it.
 */
export const HEARTBEAT_EVENT = 'heartbeat';

/** How often the server sends it; it also keeps proxies and phone networks from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;

/** A stream that has delivered nothing, not even a heartbeat, for this long is dead however it looks. */
export const STREAM_SILENCE_MS = 3 * HEARTBEAT_MS;
