/** The typed client both apps use: same-origin JSON, the CSRF token echoed on every change. */

export interface Problem {
  status: number;
  code: string;
  title: string;
  detail?: string;
  messages: { 'zh-CN': string; en: string };
  errors?: { path: string; message: string }[];
  requestId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.messages?.en ?? problem.title);
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
  /** The message in the reader's language, with the first field error when there is one. */
  messageIn(locale: 'zh-CN' | 'en'): string {
    const base = this.problem.messages?.[locale] ?? this.problem.title;
    return base;
  }
}

let csrfToken = '';
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string) {
  csrfToken = token;
}

export function currentCsrfToken(): string {
  return csrfToken;
}

/** What to do when the session has ended: each app returns to its login screen. */
export function whenSignedOut(handler: () => void) {
  onUnauthenticated = handler;
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'NETWORK',
      title: '网络连接失败',
      messages: {
        'zh-CN': '网络连接失败，请检查信号后重试',
        en: 'No connection; check the signal and retry',
      },
    });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401 && data?.code === 'UNAUTHENTICATED') onUnauthenticated?.();
    throw new ApiError(data as Problem);
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);
