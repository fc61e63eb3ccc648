import type { MediationFacts } from '@domain/asks/kpi';
import { and, eq, exists, gte, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { asks, mediations } from '../db/schema';
import { likePrefix } from '../org/paths';

/**
 * Disputes under a unit that a courtyard head mediated and the resident confirmed settled since a
 * moment: what the courtyard level adds to 矛盾纠纷基层化解率.
 */
export async function settledMediationsUnder(
  db: Db,
  unitPath: string,
  since: Date,
): Promise<MediationFacts[]> {
  const rows = await db
    .select({ settledAt: asks.settledAt })
    .from(asks)
    .where(
      and(
        eq(asks.kind, 'dispute'),
        eq(asks.status, 'settled'),
        gte(asks.settledAt, since),
        like(asks.courtyardPath, likePrefix(unitPath)),
        exists(db.select({ id: mediations.id }).from(mediations).where(eq(mediations.askId, asks.id))),
      ),
    );
  return rows.map((r) => ({ settledAt: r.settledAt as Date }));
}
