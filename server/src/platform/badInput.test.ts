import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

const TABLES = ['org_units', 'sectors', 'posts', 'users', 'role_grants', 'audit_log', 'login_attempts'];
const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

describe.each(testBackends())('bad input on %s', (backend) => {
  let t: TestApp;
  let admin: TestClient;
  let townId: string;

  const snapshot = async () => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const res = await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
      counts[table] = Number((res as unknown as { rows: { n: number }[] }).rows[0]?.n);
    }
    return counts;
  };

  const expectProblem = (
    res: { status: number; headers: Record<string, unknown>; body: { code?: string } },
    status: number,
  ) => {
    expect(res.status).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
    expect(typeof res.body.code).toBe('string');
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await signedIn(t.app, DEMO.admin);
    townId = (await unitNamed(t.database.db, '直升镇')).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('missing fields and wrong types get 400 naming the field, and nothing is written', async () => {
    const before = await snapshot();
    const missing = await admin.post('/api/v1/org/units', { name: '无上级村' });
    expectProblem(missing, 400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('body.parentId');
    const wrongType = await admin.post('/api/v1/users', {
      phone: 13800000099,
      name: ['a'],
      password: true,
      grants: 'x',
    });
    expectProblem(wrongType, 400);
    const paths = wrongType.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.phone', 'body.name', 'body.password', 'body.grants']),
    );
    expectProblem(await admin.post('/api/v1/auth/password', {}), 400);
    expectProblem(await admin.patch(`/api/v1/org/units/${townId}`, { name: '' }), 400);
    expectProblem(await admin.patch(`/api/v1/org/units/${townId}`, { surprise: 1 }), 400);
    expectProblem(
      await admin.post(`/api/v1/org/units/${townId}/posts`, { sector: 'finance', name: '财务岗' }),
      400,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('a 10 MB string is refused with 413 before it is parsed, and nothing is written', async () => {
    const before = await snapshot();
    const res = await admin.post('/api/v1/org/units', { parentId: townId, name: TEN_MB });
    expectProblem(res, 413);
    expect(res.body.code).toBe('BODY_TOO_LARGE');
    expect(await snapshot()).toEqual(before);
  });

  it('an over-long name within the size limit is refused with 400', async () => {
    const res = await admin.post('/api/v1/org/units', { parentId: townId, name: '村'.repeat(61) });
    expectProblem(res, 400);
  });

  it('unknown ids get 404, malformed ids 400, malformed JSON 400', async () => {
    const before = await snapshot();
    expectProblem(await admin.get(`/api/v1/org/units/${UNKNOWN_ID}`), 404);
    expectProblem(await admin.post('/api/v1/org/units', { parentId: UNKNOWN_ID, name: '孤儿村' }), 404);
    expectProblem(await admin.patch(`/api/v1/users/${UNKNOWN_ID}`, { name: '无人' }), 404);
    expectProblem(await admin.post(`/api/v1/org/units/${UNKNOWN_ID}/retire`), 404);
    expectProblem(await admin.get('/api/v1/org/units/not-a-uuid'), 400);
    const broken = await admin.request('POST', '/api/v1/org/units', '{"parentId": ', {
      'content-type': 'application/json',
    });
    expectProblem(broken, 400);
    expect(broken.body.code).toBe('MALFORMED_JSON');
    const wrongMedia = await admin.request('POST', '/api/v1/org/units', 'name=x', {
      'content-type': 'text/plain',
    });
    expectProblem(wrongMedia, 415);
    expect(await snapshot()).toEqual(before);
  });

  it('bad pagination input is refused, not crashed on', async () => {
    const [root] = (await admin.get('/api/v1/org/roots')).body;
    expectProblem(await admin.get(`/api/v1/org/units/${root.id}/children?limit=100000`), 400);
    expectProblem(await admin.get(`/api/v1/org/units/${root.id}/children?cursor=%%%`), 400);
    expectProblem(
      await admin.get(
        `/api/v1/org/units/${root.id}/children?cursor=${Buffer.from('{"a":1}').toString('base64url')}`,
      ),
      400,
    );
  });

  it('a boundary that is not a closed polygon is refused', async () => {
    const res = await admin.post(`/api/v1/org/units/${townId}/boundaries`, {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '直升镇' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 1],
              ],
            ],
          },
        },
      ],
    });
    expectProblem(res, 400);
  });

  it('whatever JSON is thrown at the write endpoints, the answer is never a 5xx and always problem+json', async () => {
    const endpoints = [
      ['POST', '/api/v1/org/units'],
      ['PATCH', `/api/v1/org/units/${townId}`],
      ['POST', '/api/v1/users'],
      ['POST', `/api/v1/org/units/${townId}/boundaries`],
      ['POST', `/api/v1/org/units/${townId}/move`],
    ] as const;
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        fc.jsonValue({ maxDepth: 6 }),
        async ([method, url], body) => {
          const res = await admin.request(method, url, JSON.stringify(body), {
            'content-type': 'application/json',
          });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(String(res.headers['content-type'])).toMatch(/problem\+json/);
        },
      ),
      { numRuns: 150 },
    );
    expect(await snapshot()).toEqual(before);
  });
});
