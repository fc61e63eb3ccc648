import { SECTOR_KINDS, type SectorKind } from '@domain/org/kinds';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../auth/password';
import type { Db } from '../db/client';
import { orgUnits, posts, roleGrants, sectors, users } from '../db/schema';
import { seedDemoEvaluationTemplates } from '../evaluations/templates';
import { seedDemoFacilities } from '../facilities/demoFacilities';
import { seedMatterCatalogue } from '../matters/seed';
import { boundaryColumns } from '../org/boundaryColumns';
import { childPath } from '../org/paths';
import { writeAudit } from '../platform/audit';
import { newId } from '../platform/ids';
import { seedDemoPointRules } from '../points/rules';
import { DEMO_PASSWORD, type DemoDistrict, type DemoUser } from './generate';

const BATCH = 500;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export interface DemoLogin extends DemoUser {
  unitName: string;
}

/** Writes a generated district into an empty database in one transaction. */
export async function loadDemoDistrict(db: Db, district: DemoDistrict): Promise<DemoLogin[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const ids = new Map<string, { id: string; path: string; townId: string | null; name: string }>();
    const unitRows: (typeof orgUnits.$inferInsert)[] = [];
    for (const unit of district.units) {
      const parent = unit.parentKey ? ids.get(unit.parentKey) : undefined;
      if (unit.parentKey && !parent)
        throw new Error(`demo unit ${unit.key} comes before its parent ${unit.parentKey}`);
      const id = newId();
      const path = childPath(parent?.path ?? null, id);
      const townId = unit.kind === 'town' ? id : (parent?.townId ?? null);
      ids.set(unit.key, { id, path, townId, name: unit.name });
      unitRows.push({
        id,
        parentId: parent?.id ?? null,
        kind: unit.kind,
        name: unit.name,
        code: unit.code,
        path,
        depth: path.split('/').filter(Boolean).length - 1,
        townId,
        centerLat: unit.center.lat,
        centerLng: unit.center.lng,
        ...boundaryColumns(unit.boundary),
      });
    }
    await insertInBatches(unitRows, (b) => tx.insert(orgUnits).values(b));

    const sectorIds = new Map<string, string>();
    const sectorRows = unitRows
      .filter((u) => u.kind === 'town')
      .flatMap((town) =>
        SECTOR_KINDS.map((kind) => {
          const id = newId();
          sectorIds.set(`${town.id}|${kind}`, id);
          return { id, townId: town.id, kind };
        }),
      );
    await insertInBatches(sectorRows, (b) => tx.insert(sectors).values(b));

    const postIds = new Map<string, string>();
    const postRows = district.posts.map((p) => {
      const town = ids.get(p.townKey);
      if (!town) throw new Error(`demo post ${p.name} names unknown town ${p.townKey}`);
      const id = newId();
      postIds.set(`${p.townKey}|${p.name}`, id);
      return {
        id,
        townId: town.id,
        sectorId: sectorIds.get(`${town.id}|${p.sector as SectorKind}`) as string,
        name: p.name,
      };
    });
    await insertInBatches(postRows, (b) => tx.insert(posts).values(b));

    for (const town of unitRows.filter((u) => u.kind === 'town')) await seedMatterCatalogue(tx, town.id);

    const userIds = new Map<string, string>();
    const grantRows: (typeof roleGrants.$inferInsert)[] = [];
    for (const u of district.users) {
      let userId = userIds.get(u.phone);
      if (!userId) {
        userId = newId();
        userIds.set(u.phone, userId);
        await tx.insert(users).values({ id: userId, phone: u.phone, name: u.name, passwordHash });
      }
      const unit = ids.get(u.unitKey);
      if (!unit) throw new Error(`demo user ${u.phone} names unknown unit ${u.unitKey}`);
      const postId = u.postName ? postIds.get(`${u.unitKey}|${u.postName}`) : undefined;
      if (u.postName && !postId) throw new Error(`demo user ${u.phone} names unknown post ${u.postName}`);
      grantRows.push({ id: newId(), userId, role: u.role, unitId: unit.id, postId: postId ?? null });
    }
    await insertInBatches(grantRows, (b) => tx.insert(roleGrants).values(b));
    await seedDemoFacilities(tx);
    await seedDemoPointRules(tx);
    await seedDemoEvaluationTemplates(tx);

    const root = unitRows[0];
    if (root) {
      await writeAudit(tx, {
        actorId: null,
        subjectType: 'org_unit',
        subjectId: root.id,
        action: 'demo_loaded',
        detail: { units: unitRows.length, posts: postRows.length, users: userIds.size },
      });
    }
    return district.users.map((u) => ({ ...u, unitName: ids.get(u.unitKey)?.name ?? '' }));
  });
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orgUnits);
  return Number(row?.n ?? 0) === 0;
}
