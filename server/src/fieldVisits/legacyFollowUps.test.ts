import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { uuidv7 } from 'uuidv7';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { listFieldVisits } from './fieldVisits';

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** A copy of the migrations up to (not including) the first whose tag starts with `stopAt`. */
function migrationsBefore(stopAt: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xiaoyuan-migrations-'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const entries = journal.entries.filter((e) => e.tag < stopAt);
  mkdirSync(join(dir, 'meta'));
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) copyFileSync(join(MIGRATIONS, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  return dir;
}

describe('field visits recorded before follow-ups were tasks', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keep their free-text follow-ups, as notes, through the migration', async () => {
    const before = migrationsBefore('0015_');
    dirs.push(before);
    const client = new PGlite();
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder: before });

    const [district, town, village, visitor] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const [plain, asString, none] = [uuidv7(), uuidv7(), uuidv7()];
    const unit = (id: string, parent: string | null, kind: string, path: string, depth: number) =>
      client.query(
        `insert into org_units (id, parent_id, kind, name, code, path, depth, town_id)
         values ($1, $2, $3, $3, $4, $5, $6, $7)`,
        [id, parent, kind, `${kind}-${id}`, path, depth, kind === 'district' ? null : town],
      );
    await unit(district, null, 'district', `/${district}/`, 0);
    await unit(town, district, 'town', `/${district}/${town}/`, 1);
    await unit(village, town, 'village', `/${district}/${town}/${village}/`, 2);
    await client.query(
      `insert into users (id, phone, name, password_hash) values ($1, '13900000001', '王镇长', 'x')`,
      [visitor],
    );
    const visit = (id: string, followUps: string, at: string) =>
      client.query(
        `insert into field_visits (id, town_id, unit_id, unit_path, visitor_id, visited_at, findings, follow_ups)
         values ($1, $2, $3, $4, $5, $6, '河堤渗水', ${followUps})`,
        [id, town, village, `/${district}/${town}/${village}/`, visitor, at],
      );
    await visit(plain, `'["水利站查看河堤", "补全巡查台账"]'::jsonb`, '2026-11-20T02:00:00Z');
    // A list that an older writer stored as one JSON string rather than as an array.
    await visit(asString, `to_jsonb('["回访三组"]'::text)`, '2026-11-21T02:00:00Z');
    await visit(none, `'[]'::jsonb`, '2026-11-22T02:00:00Z');

    await migrate(db, { migrationsFolder: MIGRATIONS });
    const admin = {
      userId: visitor,
      grants: [{ role: 'admin' as const, unitId: district, unitPath: `/${district}/` }],
    };
    const views = await listFieldVisits(db as unknown as Db, admin, { unitId: village });
    expect(views.map((v) => [v.id, v.notes, v.followUps])).toEqual([
      [none, [], []],
      [asString, ['回访三组'], []],
      [plain, ['水利站查看河堤', '补全巡查台账'], []],
    ]);
    await client.close();
  });
});
