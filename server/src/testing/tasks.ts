import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/client';
import { tasks } from '../db/schema';

/**
 * A one-item task of a town, written straight to the table, for tests that need scored assignments
 * of known dates (which the API, rightly, will not back-date) and add those rows themselves.
 */
export async function insertTownTask(
  db: Db,
  town: { id: string; path: string },
  issuedBy: string,
): Promise<string> {
  const id = uuidv7();
  await db.insert(tasks).values({
    id,
    townId: town.id,
    unitId: town.id,
    unitPath: town.path,
    title: '防汛隐患排查',
    instructions: '逐户排查',
    items: [{ title: '排查照片', evidence: 'photo', maxScore: 100 }],
    assignees: [],
    issuedBy,
  });
  return id;
}
