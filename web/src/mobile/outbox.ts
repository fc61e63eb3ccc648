import { ApiError, post } from '../api/client';

const KEY = 'xiaoyuan.outbox';

interface Pending {
  body: { id: string } & Record<string, unknown>;
  savedAt: string;
}

function read(): Pending[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as Pending[];
  } catch {
    return [];
  }
}

function write(items: Pending[]) {
  localStorage.setItem(KEY, JSON.stringify(items));
}

/**
 * Reports that could not be sent wait here and go out again when the signal returns. The id was
 * minted on the phone, so a report that did arrive before its answer was lost is not filed twice.
 */
export function keepForLater(body: Pending['body']) {
  write([...read().filter((p) => p.body.id !== body.id), { body, savedAt: new Date().toISOString() }]);
}

export function pendingCount(): number {
  return read().length;
}

/**
 * Whether a report that failed may go through later: no signal, a server fault, or too many reports
 * at once (429). Any other refusal (4xx) will not improve by waiting.
 */
export function worthSendingLater(e: unknown): boolean {
  return !(e instanceof ApiError) || e.status === 0 || e.status === 429 || e.status >= 500;
}

/** Sends what waits; a refusal is handed back to be shown, anything worth retrying stays with the rest. */
export async function flushOutbox(): Promise<{ sent: number; refused: ApiError[] }> {
  let sent = 0;
  const refused: ApiError[] = [];
  for (const item of read()) {
    try {
      await post('/cases', item.body);
      sent += 1;
    } catch (e) {
      if (worthSendingLater(e)) break;
      refused.push(e as ApiError);
    }
    write(read().filter((p) => p.body.id !== item.body.id));
  }
  return { sent, refused };
}
