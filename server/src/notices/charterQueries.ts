import type { Acknowledgment, CharterVersion } from '@domain/notices/schemas';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { charterAcknowledgments, charters, users } from '../db/schema';

export type CharterRow = typeof charters.$inferSelect;

/** Every version of a courtyard's charter, newest (the current one) first. */
export async function charterVersions(db: Db, courtyardId: string): Promise<CharterVersion[]> {
  const rows = await db
    .select({ charter: charters, publisherName: users.name })
    .from(charters)
    .innerJoin(users, eq(users.id, charters.publishedBy))
    .where(eq(charters.courtyardId, courtyardId))
    .orderBy(desc(charters.version));
  return rows.map((r) => ({
    id: r.charter.id,
    version: r.charter.version,
    body: r.charter.body,
    publisher: { id: r.charter.publishedBy, name: r.publisherName },
    publishedAt: r.charter.publishedAt.toISOString(),
  }));
}

/** The acknowledgments of one charter version, by household. */
export async function acknowledgmentsOf(
  db: Db,
  charter: { id: string; version: number },
  householdIds?: readonly string[],
): Promise<Map<string, Acknowledgment>> {
  if (householdIds && householdIds.length === 0) return new Map();
  const rows = await db
    .select({ ack: charterAcknowledgments, name: users.name })
    .from(charterAcknowledgments)
    .innerJoin(users, eq(users.id, charterAcknowledgments.userId))
    .where(
      and(
        eq(charterAcknowledgments.charterId, charter.id),
        householdIds ? inArray(charterAcknowledgments.householdId, [...householdIds]) : undefined,
      ),
    );
  return new Map(
    rows.map((r) => [
      r.ack.householdId,
      {
        charterId: charter.id,
        version: charter.version,
        by: { id: r.ack.userId, name: r.name },
        at: r.ack.at.toISOString(),
      },
    ]),
  );
}
