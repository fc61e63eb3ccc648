import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@domain/errors/codes';
import { periodOf } from '@domain/leaderboard/periods';
import { authorizeBoard } from '@domain/leaderboard/policy';
import type { BoardInput, BoardScreen, BoardView } from '@domain/leaderboard/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { leaderboardBoards } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { notifyInTransaction } from '../platform/realtime';
import { villagePointsTopic } from '../points/events';
import { periodView, scopeUnit } from './leaderboard';
import { courtyardRows, householdRows } from './queries';

/** Households a TV shows: the top of the village, readable from across a room. */
export const BOARD_TOP_HOUSEHOLDS = 10;

type BoardRow = typeof leaderboardBoards.$inferSelect;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toView(row: BoardRow): BoardView {
  return {
    id: row.id,
    villageId: row.villageId,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

async function villageFor(db: Db, actor: Actor, villageId: string) {
  const village = await scopeUnit(db, villageId);
  if (!village) throw new AppError('NOT_FOUND');
  enforce(authorizeBoard(actor, village.path));
  if (village.kind !== 'village') throw new AppError('LEADERBOARD_BOARD_NOT_VILLAGE');
  return village;
}

/** A new board link for a village's TV: 256 random bits, of which only the hash is stored. */
export async function createBoard(db: Db, actor: Actor, input: BoardInput) {
  const village = await villageFor(db, actor, input.villageId);
  const token = randomBytes(32).toString('base64url');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(leaderboardBoards)
      .values({
        id: newId(),
        townId: village.townId,
        villageId: village.id,
        unitPath: village.path,
        name: input.name,
        tokenHash: hashToken(token),
        createdBy: actor.userId,
      })
      .returning();
    const board = row as BoardRow;
    await writeAudit(tx, {
      townId: village.townId,
      actorId: actor.userId,
      subjectType: 'leaderboard_board',
      subjectId: board.id,
      action: 'created',
      detail: { villageId: village.id, name: input.name },
    });
    return { ...toView(board), token };
  });
}

export async function listBoards(db: Db, actor: Actor, villageId: string): Promise<BoardView[]> {
  const village = await villageFor(db, actor, villageId);
  const rows = await db
    .select()
    .from(leaderboardBoards)
    .where(eq(leaderboardBoards.villageId, village.id))
    .orderBy(desc(leaderboardBoards.createdAt))
    .limit(100);
  return rows.map(toView);
}

/** Stops a link at once: the TV's next read is refused and its page says so. Revoking twice is a no-op. */
export async function revokeBoard(db: Db, actor: Actor, boardId: string): Promise<BoardView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(leaderboardBoards)
      .where(eq(leaderboardBoards.id, boardId))
      .for('update');
    if (!row) throw new AppError('NOT_FOUND');
    enforce(authorizeBoard(actor, row.unitPath));
    if (row.revokedAt) return toView(row);
    const [revoked] = await tx
      .update(leaderboardBoards)
      .set({ revokedAt: new Date(), revokedBy: actor.userId })
      .where(eq(leaderboardBoards.id, row.id))
      .returning();
    await writeAudit(tx, {
      townId: row.townId,
      actorId: actor.userId,
      subjectType: 'leaderboard_board',
      subjectId: row.id,
      action: 'revoked',
    });
    // The TV re-reads at once on this event, is refused, and says the link was stopped.
    await notifyInTransaction(tx, villagePointsTopic(row.villageId), { boardRevoked: row.id });
    return toView(revoked as BoardRow);
  });
}

/** The live board a token opens, or null: an unknown and a revoked token read the same. */
export async function boardByToken(db: Db, token: string): Promise<BoardRow | null> {
  const [row] = await db
    .select()
    .from(leaderboardBoards)
    .where(and(eq(leaderboardBoards.tokenHash, hashToken(token)), isNull(leaderboardBoards.revokedAt)));
  return row ?? null;
}

/** What the TV shows this month: every courtyard of the village, and its top households. */
export async function boardScreen(db: Db, token: string, now = new Date()): Promise<BoardScreen> {
  const board = await boardByToken(db, token);
  if (!board) throw new AppError('LEADERBOARD_BOARD_REVOKED');
  const village = await scopeUnit(db, board.villageId);
  if (!village) throw new AppError('LEADERBOARD_BOARD_REVOKED');
  const period = periodOf('month', now);
  const [courtyards, households] = await Promise.all([
    courtyardRows(db, village, period, () => false),
    householdRows(db, village, period, () => false),
  ]);
  return {
    village: { id: village.id, name: village.name },
    period: periodView(period),
    courtyards,
    // A red board (红榜) names those who earned something; early in a month it is short, not a list of zeros.
    households: households.filter((h) => h.points > 0).slice(0, BOARD_TOP_HOUSEHOLDS),
    updatedAt: now.toISOString(),
  };
}
