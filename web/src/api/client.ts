/** The typed client both apps use: same-origin JSON, the CSRF token echoed on every change. */

export type ProblemLocale = 'zh-CN' | 'en';

/** RFC 9457 problem+json as the server sends it, with the message already in both languages. */
export interface Problem {
  type?: string;
  status: number;
  code: string;
  title: string;
  detail?: string;
  messages: Record<ProblemLocale, string>;
  errors?: { path: string; message: string }[];
  requestId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: Record<ProblemLocale, string>;
  readonly fieldErrors: { path: string; message: string }[];
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.messages?.en ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.messages = problem.messages ?? { 'zh-CN': problem.title, en: problem.title };
    this.fieldErrors = problem.errors ?? [];
    this.problem = problem;
  }
  /** The message in the reader's language; the server already folds field errors into it. */
  messageIn(locale: ProblemLocale): string {
    return this.messages[locale];
  }
}

/** A failure that did not come from our API (no connection, a proxy's HTML page): worth a retry. */
function transportProblem(status: number): Problem {
  return status === 0
    ? {
        status: 0,
        code: 'NETWORK',
        title: 'network',
        messages: {
          'zh-CN': '网络连接失败，请检查信号后重试',
          en: 'No connection; check the signal and retry',
        },
      }
    : {
        status,
        code: 'BAD_GATEWAY',
        title: 'bad response',
        messages: {
          'zh-CN': `服务暂时不可用（${status}），请稍后重试`,
          en: `Service unavailable (${status}); retry later`,
        },
      };
}

let csrfToken = '';
let onUnauthenticated: (() => void) | null = null;

/** Kept from the last login or /auth/me; the session cookie alone is not enough to change anything. */
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
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(transportProblem(0));
  }
  if (res.status === 204) return undefined as T;
  let data: unknown = null;
  try {
    const text = await res.text();
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(transportProblem(res.ok ? 502 : res.status));
  }
  if (!res.ok) {
    const problem = data as Problem | null;
    if (!problem?.code) throw new ApiError(transportProblem(res.status));
    // A failed login is also a 401, but it must stay on the login screen with its own message.
    if (res.status === 401 && problem.code === 'UNAUTHENTICATED') onUnauthenticated?.();
    throw new ApiError(problem);
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);
