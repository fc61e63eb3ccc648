import type { App } from '../platform/types';

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape, as a client would
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
}

/** Drives the API as a browser would: keeps the session cookie and echoes the CSRF token on changes. */
export class TestClient {
  cookie = '';
  csrfToken = '';
  constructor(private readonly app: App) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    // A string or Buffer goes as it is (a multipart upload, a malformed body); anything else as JSON.
    const raw = typeof body === 'string' || Buffer.isBuffer(body);
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: raw ? (body as string | Buffer) : JSON.stringify(body) } : {}),
    });
    const setCookie = res.cookies.find((c) => c.name === 'xy_session');
    if (setCookie) this.cookie = setCookie.value ? `xy_session=${setCookie.value}` : '';
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {}
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, body, headers);
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  async login(phone: string, password = 'Xiaoyuan@2026'): Promise<Answer> {
    const res = await this.post('/api/v1/auth/login', { phone, password });
    if (res.status === 200) this.csrfToken = res.body.csrfToken;
    return res;
  }
}

export async function signedIn(app: App, phone: string, password?: string): Promise<TestClient> {
  const client = new TestClient(app);
  const res = await client.login(phone, password);
  if (res.status !== 200)
    throw new Error(`login of ${phone} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}
