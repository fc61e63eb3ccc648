import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, openTestDatabase, testBackends } from '../testing/app';
import type { Database } from './client';

describe.each(testBackends())('named statements filled from values, on %s', (backend: Backend) => {
  let opened: Awaited<ReturnType<typeof openTestDatabase>>;
  let database: Database;
  beforeAll(async () => {
    opened = await openTestDatabase(backend);
    database = opened.database;
  });
  afterAll(async () => {
    await database?.close();
    await opened?.drop();
  });

  const twice = sql`select x * ${sql.placeholder('factor')} as y from unnest(${sql.placeholder('xs')}::int[]) as x`;

  it('gives each call the answer for its own values, however often the statement is reused', async () => {
    expect(await database.prepared('test_twice', twice, { xs: [1, 2, 3], factor: 2 })).toEqual([
      { y: 2 },
      { y: 4 },
      { y: 6 },
    ]);
    expect(await database.prepared('test_twice', twice, { xs: [5], factor: 3 })).toEqual([{ y: 15 }]);
    expect(await database.prepared('test_twice', twice, { xs: [], factor: 3 })).toEqual([]);
  });

  it('refuses a statement with a value built into it, which the next call would otherwise reuse', async () => {
    await expect(
      database.prepared('test_inline', sql`select ${1}::int + ${sql.placeholder('n')} as n`, { n: 1 }),
    ).rejects.toThrow(/placeholders/);
  });

  it('a statement without values is built afresh each call', async () => {
    const of = (n: number) => database.prepared<{ n: number }>('test_fresh', sql`select ${n}::int as n`);
    expect(await of(1)).toEqual([{ n: 1 }]);
    expect(await of(2)).toEqual([{ n: 2 }]);
  });
});
