import { and, eq, isNotNull, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matters } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

/**
 * Hostile input on every route that takes a body or a query, generated from the route's own schema
 * (as the OpenAPI document publishes it): wrong types, missing and extra fields, huge strings and
 * arrays, deep nesting, unicode edge cases, injection strings, absurd numbers and unknown ids. Never a
 * 5xx, always problem+json, and nothing written by a request that was refused.
 */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  default?: unknown;
}
interface Operation {
  parameters?: { in: 'query' | 'path'; name: string; schema: Schema; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE cases; --",
  '"; SELECT pg_sleep(5); --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '../../../../etc/passwd',
  '\u0000',
  '\uD800',
  '\u202Eevil\u202C',
  'Z\u0351\u0360\u0337a\u0353l\u0336g\u0335o',
  '\uFEFF\u200B\u200D',
  '𠜎𠜱𠝹',
  '%00%2e%2e%2f',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text
  '${7*7}',
  '__proto__',
];
const HUGE_STRING = 'x'.repeat(300_000);
const NESTED = JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) as unknown;
/** A body sent as raw text: JSON nested far deeper than any value should be, or not JSON at all. */
class RawBody {
  constructor(readonly text: string) {}
  toString() {
    return `raw(${this.text.slice(0, 20)}…, ${this.text.length} chars)`;
  }
}
const RAW_BODIES = [
  new RawBody(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
  new RawBody(`${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`),
  new RawBody('{"unterminated": "'),
  new RawBody('\u0000'),
];
const UNKNOWN_ID = '01a22000-0000-7000-8000-000000000000';

const hostileString = (max = 2000) =>
  fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length <= max)),
    fc.string({ maxLength: Math.min(max, 40) }),
    fc.string({ unit: 'grapheme', maxLength: Math.min(max, 20) }),
  );

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(-1, 0, -1e308, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.5),
  fc.constant(HUGE_STRING),
  fc.constant(NESTED),
  fc.constant({ __proto__: { admin: true } }),
  fc.array(fc.integer(), { minLength: 2_000, maxLength: 2_000 }),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.object({ maxDepth: 2 }),
);

/** Values the schema accepts, with hostile text wherever free text is allowed. */
function conforming(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return fc.oneof(...variants.map((v) => conforming(v, depth)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid')
        return fc.constantFrom(UNKNOWN_ID, fc.sample(fc.uuid({ version: 7 }), 1)[0]);
      if (schema.pattern || schema.format) return fc.constant(schema.default ?? '13800000000');
      return hostileString(schema.maxLength ?? 2000).filter((s) => s.length >= (schema.minLength ?? 0));
    case 'integer': {
      const min = Math.ceil(schema.minimum ?? -1_000);
      const max = Math.floor(Math.min(schema.maximum ?? min + 1_000, min + 1_000_000));
      return max < min ? fc.constant(min) : fc.integer({ min, max });
    }
    case 'number': {
      const min = schema.minimum ?? -1_000;
      return fc.double({ min, max: Math.min(schema.maximum ?? min + 1_000, min + 1_000_000), noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3 || !schema.items
        ? fc.constant([])
        : fc.array(conforming(schema.items, depth + 1), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
          });
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (depth > 3) return fc.constant({});
      return fc.record(Object.fromEntries(props.map(([k, s]) => [k, conforming(s, depth + 1)])), {
        requiredKeys: (schema.required ?? []).filter((k) => schema.properties?.[k]),
      });
    }
    default:
      return fc.constant(null);
  }
}

/** Values the schema refuses: one field wrong, one required field missing, an unknown field, or no object at all. */
function violating(schema: Schema): fc.Arbitrary<unknown> {
  const variants = schema.oneOf ?? schema.anyOf;
  const base = variants ? (variants[0] as Schema) : schema;
  const props = Object.keys(base.properties ?? {});
  const options: fc.Arbitrary<unknown>[] = [
    wrongValue.filter((v) => typeof v !== 'object' || Array.isArray(v) || v === null),
    fc.constantFrom(...RAW_BODIES),
  ];
  if (props.length) {
    options.push(
      fc
        .tuple(conforming(base), fc.constantFrom(...props), wrongValue)
        .map(([value, key, wrong]) => ({ ...(value as object), [key]: wrong })),
    );
  }
  const required = base.required ?? [];
  if (required.length) {
    options.push(
      fc.tuple(conforming(base), fc.constantFrom(...required)).map(([value, key]) => {
        const copy = { ...(value as Record<string, unknown>) };
        delete copy[key];
        return copy;
      }),
    );
  }
  if (base.additionalProperties === false) {
    options.push(conforming(base).map((value) => ({ ...(value as object), sneaky: '<script>x</script>' })));
  }
  return fc.oneof(...options);
}

const queryValue = fc.oneof(
  fc.constantFrom(
    ...HOSTILE_STRINGS.map((v) => {
      try {
        return encodeURIComponent(v);
      } catch {
        // A lone surrogate has no UTF-8; its raw bytes make a malformed escape instead.
        return '%ED%A0%80';
      }
    }),
  ),
  fc.constantFrom(
    '-1',
    '1e308',
    'NaN',
    '99999999999999999999',
    'true',
    '',
    '[]',
    'a'.repeat(5_000),
    UNKNOWN_ID,
  ),
);

describe.each(testBackends())('hostile input on every route with a body or a query, on %s', (backend) => {
  let t: TestApp;
  let admin: TestClient;
  let operations: { method: string; path: string; op: Operation }[] = [];

  /** A cheap picture of everything a request could have written. */
  const fingerprint = async () => {
    const result = await t.database.db.execute(sql`
      select
        (select count(*) from cases)::text || ':' || (select coalesce(sum(version), 0) from cases)::text
        || ':' || (select count(*) from case_events)::text || ':' || (select count(*) from photos)::text
        || ':' || (select count(*) from notifications)::text
        || ':' || (select count(*) from notifications where read_at is not null)::text
        || ':' || (select count(*) from leaderboard_boards)::text
        || ':' || (select count(*) from leaderboard_boards where revoked_at is not null)::text
        || ':' || (select count(*) from role_grants)::text || ':' || (select count(*) from audit_log)::text
        || ':' || (select count(*) from tasks)::text || ':' || (select count(*) from task_assignments)::text
        || ':' || (select count(*) from task_events)::text || ':' || (select count(*) from task_photos)::text
        || ':' || (select md5(coalesce(string_agg(id::text || name || coalesce(disabled_at::text, ''), ',' order by id), '')) from users)
        || ':' || (select md5(coalesce(string_agg(id::text || name || path || coalesce(retired_at::text, '') || coalesce(boundary::text, ''), ',' order by id), '')) from org_units)
        || ':' || (select md5(coalesce(string_agg(id::text || name || limits::text || is_dispute::text || coalesce(retired_at::text, ''), ',' order by id), '')) from matters)
        || ':' || (select md5(coalesce(string_agg(id::text || name || coalesce(retired_at::text, ''), ',' order by id), '')) from posts)
        || ':' || (select count(*) from evaluation_templates)::text || ':' || (select count(*) from evaluation_rounds)::text || (select count(*) from evaluation_rounds where status = 'published')::text
        || ':' || (select md5(coalesce(string_agg(id::text || scores::text || status, ',' order by id), '')) from evaluation_scorecards)
        || ':' || (select md5(coalesce(string_agg(year::text || days::text || provisional::text, ',' order by year), '')) from calendar_years)
        || ':' || (select count(*) from calendar_changes)::text
        || ':' || (select count(*) from report_snapshots)::text
        || ':' || (select count(*) from supervisions)::text || ':' || (select coalesce(sum(version), 0) from supervisions)::text
        || ':' || (select count(*) from supervision_events)::text || ':' || (select count(*) from field_visits)::text
        as print
    `);
    return (result as unknown as { rows: { print: string }[] }).rows[0]?.print;
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await signedIn(t.app, DEMO.admin);
    const doc = (
      t.app as unknown as { swagger(): { paths: Record<string, Record<string, Operation>> } }
    ).swagger();
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('text PostgreSQL cannot store (NUL) is refused with a reason on real targets, not a server error', async () => {
    const resident = await signedIn(t.app, DEMO.zhisheng.resident);
    const yard = await unitNamed(t.database.db, '椒香小院');
    const town = await unitNamed(t.database.db, '直升镇');
    const [matter] = await t.database.db
      .select()
      .from(matters)
      .where(and(eq(matters.townId, town.id), isNotNull(matters.parentId)));
    const before = await fingerprint();
    const report = await resident.post('/api/v1/cases', {
      id: uuidv7(),
      matterId: matter?.id,
      description: '村道\u0000塌陷',
      location: { lat: yard.centerLat, lng: yard.centerLng },
    });
    const rename = await admin.patch(`/api/v1/org/units/${yard.id}`, { name: '椒香\u0000小院' });
    const search = await admin.get('/api/v1/users?q=%00');
    for (const res of [report, rename, search]) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await fingerprint()).toBe(before);
  });

  it('is refused cleanly, as problem+json, and changes nothing', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const { method, path, op } of operations) {
      const jsonBody = op.requestBody?.content['application/json']?.schema;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      if (!jsonBody && query.length === 0) continue;
      const url = path.replace(/\{[^}]+\}/g, UNKNOWN_ID);
      const bodies = jsonBody
        ? fc.oneof(
            { arbitrary: violating(jsonBody), weight: 3 },
            { arbitrary: conforming(jsonBody), weight: 1 },
          )
        : fc.constant(undefined);
      const queries = query.length
        ? fc.tuple(fc.constantFrom(...query.map((q) => q.name)), queryValue).map(([k, v]) => `?${k}=${v}`)
        : fc.constant('');
      await fc.assert(
        fc.asyncProperty(bodies, queries, async (body, search) => {
          const before = await fingerprint();
          const res =
            body instanceof RawBody
              ? await admin.request(method as 'GET', `${url}${search}`, body.text, {
                  'content-type': 'application/json',
                })
              : await admin.request(method as 'GET', `${url}${search}`, body);
          requests++;
          const where = `${method} ${path}${search.slice(0, 60)} ${String(body instanceof RawBody ? body : JSON.stringify(body))?.slice(0, 120)}`;
          if (res.status >= 500)
            failures.push(`${where} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          if (res.status >= 400) {
            const type = String(res.headers['content-type'] ?? '');
            if (!type.startsWith('application/problem+json') || !res.body?.code)
              failures.push(`${where} → ${res.status} not problem+json (${type})`);
            if ((await fingerprint()) !== before)
              failures.push(`${where} → ${res.status} but the database changed`);
          }
        }),
        { numRuns: 12, seed: 2026 },
      );
    }
    console.log(`hostile input: ${requests} requests over ${operations.length} operations`);
    expect(failures).toEqual([]);
  }, 300_000);
});
