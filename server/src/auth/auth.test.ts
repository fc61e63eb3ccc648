import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, TestClient } from '../testing/client';
import { DEMO } from '../testing/demo';
import { MAX_FAILURES_PER_PHONE } from './throttle';

describe.each(testBackends())('accounts and sessions on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs in with phone and password and answers who I am with my roles and where', async () => {
    const client = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    const me = await client.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.grants[0]).toMatchObject({ role: 'grid_worker', unitKind: 'grid' });
    expect(me.body.grants[0].unitTrail.slice(0, 3)).toEqual(['荣昌区', '直升镇', '万宝村']);
  });

  it('the session cookie is httpOnly and SameSite, and only a hash of it is stored', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: DEMO.admin, password: 'Xiaoyuan@2026' },
    });
    const cookie = res.cookies.find((c) => c.name === 'xy_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const stored = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, cookie?.value as string));
    expect(stored).toHaveLength(0);
  });

  it('a wrong password is refused with a message in both languages', async () => {
    const client = new TestClient(t.app);
    const res = await client.login(DEMO.zhisheng.resident, 'wrong-password-1');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'LOGIN_FAILED', title: '手机号或密码不正确' });
    expect(res.body.messages.en).toBe('Wrong phone number or password');
    const english = await client.post(
      '/api/v1/auth/login',
      { phone: DEMO.zhisheng.resident, password: 'nope-123456' },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(english.body.title).toBe('Wrong phone number or password');
  });

  it('after repeated failures a phone is throttled, even with the right password', async () => {
    const client = new TestClient(t.app);
    for (let i = 0; i < MAX_FAILURES_PER_PHONE; i++) {
      expect((await client.login(DEMO.zhisheng.cleaner, `bad-guess-${i}`)).status).toBe(401);
    }
    const res = await client.login(DEMO.zhisheng.cleaner);
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('LOGIN_THROTTLED');
    // Another phone from the same address is not locked out by it.
    expect((await client.login(DEMO.zhisheng.partyMember)).status).toBe(200);
  });

  it('logging in always issues a new session: a cookie planted before login is never promoted', async () => {
    const client = new TestClient(t.app);
    client.cookie = 'xy_session=attacker-chosen-value';
    await client.login(DEMO.zhisheng.courtyardHead);
    expect(client.cookie).not.toContain('attacker-chosen-value');
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('logout ends the session for good', async () => {
    const client = await signedIn(t.app, DEMO.zhisheng.postStaff);
    const cookie = client.cookie;
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    const replay = new TestClient(t.app);
    replay.cookie = cookie;
    expect((await replay.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('a change without the CSRF token, or from another site, is refused', async () => {
    const client = await signedIn(t.app, DEMO.admin);
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: client.cookie },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('CSRF_REJECTED');
    const crossSite = await client.post('/api/v1/auth/logout', undefined, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const fetchMeta = await client.post('/api/v1/auth/logout', undefined, { 'sec-fetch-site': 'cross-site' });
    expect(fetchMeta.status).toBe(403);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('changing the password needs the current one, enforces the policy, and signs out other sessions', async () => {
    const phone = DEMO.guangshun.gridWorker;
    const here = await signedIn(t.app, phone);
    const elsewhere = await signedIn(t.app, phone);
    const wrong = await here.post('/api/v1/auth/password', {
      currentPassword: 'nope-1234',
      newPassword: 'NewPass2026',
    });
    expect(wrong.body.code).toBe('WRONG_PASSWORD');
    const weak = await here.post('/api/v1/auth/password', {
      currentPassword: 'Xiaoyuan@2026',
      newPassword: '12345678',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
    const ok = await here.post('/api/v1/auth/password', {
      currentPassword: 'Xiaoyuan@2026',
      newPassword: 'NewPass2026',
    });
    expect(ok.status).toBe(204);
    expect((await here.get('/api/v1/auth/me')).status).toBe(200);
    expect((await elsewhere.get('/api/v1/auth/me')).status).toBe(401);
    expect((await new TestClient(t.app).login(phone, 'NewPass2026')).status).toBe(200);
  });

  it('an expired session is refused', async () => {
    const client = await signedIn(t.app, DEMO.districtSupervisor);
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) });
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('anonymous calls to the API are answered 401 problem+json; unknown routes 404', async () => {
    const anon = new TestClient(t.app);
    const res = await anon.get('/api/v1/org/roots');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect((await anon.get('/api/v1/no-such-thing')).body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('a disabled account cannot sign in', async () => {
    await t.database.db
      .update(users)
      .set({ disabledAt: new Date() })
      .where(eq(users.phone, DEMO.zhisheng.resident));
    const res = await new TestClient(t.app).login(DEMO.zhisheng.resident);
    expect(res.body.code).toBe('ACCOUNT_DISABLED');
  });
});
