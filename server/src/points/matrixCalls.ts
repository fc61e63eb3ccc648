import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../db/client';
import { pointEntries } from '../db/schema';
import type { TestClient } from '../testing/client';

type Side = 'inside' | 'outside';
type Method = 'GET' | 'POST' | 'PATCH';
interface Where {
  operator: TestClient;
  village: { id: string; path: string };
  courtyard: { id: string; path: string };
  householdId: string;
}

/**
 * The authorisation matrix's calls for the points and store routes. Each side gets one bound member of
 * its household with points (awarded by its own operator), one store item, and for the hand-over
 * routes a redemption of its own, made before any reversal can empty the balance: the first allowed
 * caller decides it, later ones meet 409, which still counts as let in.
 */
export function pointMatrixCalls(
  db: () => Db,
  sideOf: (side: Side) => Where,
  boundMember: (side: Side) => Promise<TestClient>,
) {
  interface Prepared {
    entryId: string;
    itemId: string;
    redemptions: { confirm: string; cancel: string };
  }
  const ready = new Map<Side, Promise<Prepared>>();
  const prepare = async (side: Side): Promise<Prepared> => {
    const s = sideOf(side);
    const member = await boundMember(side);
    // A rule of its own without caps: the awards route's own calls use up PATROL_SHIFT's daily cap.
    const rule = await s.operator.post('/api/v1/points/rules', {
      unitId: s.village.id,
      actionCode: 'MATRIX_GIFT',
      name: '矩阵奖励',
      points: 10,
      awarders: ['center_operator'],
    });
    if (rule.status !== 201) throw new Error(`matrix rule failed: ${rule.status}`);
    const awarded = await s.operator.post('/api/v1/points/awards', {
      id: uuidv7(),
      householdId: s.householdId,
      actionCode: 'MATRIX_GIFT',
      reason: '矩阵奖励',
    });
    if (awarded.status !== 201) throw new Error(`matrix award failed: ${awarded.status}`);
    const item = await s.operator.post('/api/v1/store/items', {
      villageId: s.village.id,
      name: '矩阵肥皂',
      price: 1,
      stock: 10,
    });
    if (item.status !== 201) throw new Error(`matrix item failed: ${item.status}`);
    const redeemed = async () => {
      const res = await member.post('/api/v1/store/redemptions', { id: uuidv7(), itemId: item.body.id });
      if (res.status !== 201) throw new Error(`matrix redemption failed: ${res.status}`);
      return res.body.id as string;
    };
    const [entry] = await db()
      .select()
      .from(pointEntries)
      .where(and(eq(pointEntries.householdId, s.householdId), eq(pointEntries.actionCode, 'MATRIX_GIFT')));
    return {
      entryId: (entry as { id: string }).id,
      itemId: item.body.id as string,
      redemptions: { confirm: await redeemed(), cancel: await redeemed() },
    };
  };
  const of = (side: Side) => {
    if (!ready.has(side)) ready.set(side, prepare(side));
    return ready.get(side) as Promise<Prepared>;
  };
  const at = (method: Method, url: string, targetPath: string | null, body?: unknown) => ({
    method,
    url,
    targetPath,
    ...(body === undefined ? {} : { body }),
  });
  return {
    'GET /api/v1/points/rules': async (side: Side) =>
      at('GET', `/api/v1/points/rules?unitId=${sideOf(side).village.id}`, sideOf(side).village.path),
    'POST /api/v1/points/rules': async (side: Side) =>
      at('POST', '/api/v1/points/rules', sideOf(side).village.path, {
        unitId: sideOf(side).village.id,
        actionCode: `MATRIX_${uuidv7().slice(-8).toUpperCase()}`,
        name: '矩阵规则',
        points: 1,
      }),
    'POST /api/v1/points/awards': async (side: Side) =>
      at('POST', '/api/v1/points/awards', sideOf(side).courtyard.path, {
        id: uuidv7(),
        householdId: sideOf(side).householdId,
        actionCode: 'PATROL_SHIFT',
        reason: '矩阵巡逻',
      }),
    'POST /api/v1/points/entries/{id}/reverse': async (side: Side) =>
      at('POST', `/api/v1/points/entries/${(await of(side)).entryId}/reverse`, sideOf(side).courtyard.path, {
        reason: '矩阵冲正',
      }),
    'GET /api/v1/points/households/{id}': async (side: Side) =>
      at('GET', `/api/v1/points/households/${sideOf(side).householdId}`, sideOf(side).courtyard.path),
    'GET /api/v1/points/mine': async () => at('GET', '/api/v1/points/mine', null),
    'GET /api/v1/store/items': async (side: Side) =>
      at('GET', `/api/v1/store/items?unitId=${sideOf(side).village.id}`, sideOf(side).village.path),
    'GET /api/v1/store/mine': async () => at('GET', '/api/v1/store/mine', null),
    'POST /api/v1/store/items': async (side: Side) =>
      at('POST', '/api/v1/store/items', sideOf(side).village.path, {
        villageId: sideOf(side).village.id,
        name: '矩阵毛巾',
        price: 5,
        stock: 1,
      }),
    'PATCH /api/v1/store/items/{id}': async (side: Side) =>
      at('PATCH', `/api/v1/store/items/${(await of(side)).itemId}`, sideOf(side).village.path, { stock: 10 }),
    'POST /api/v1/store/redemptions': async () =>
      at('POST', '/api/v1/store/redemptions', null, { id: uuidv7(), itemId: (await of('inside')).itemId }),
    'GET /api/v1/store/redemptions': async (side: Side) =>
      at('GET', `/api/v1/store/redemptions?unitId=${sideOf(side).village.id}`, sideOf(side).village.path),
    'POST /api/v1/store/redemptions/{id}/confirm': async (side: Side) =>
      at(
        'POST',
        `/api/v1/store/redemptions/${(await of(side)).redemptions.confirm}/confirm`,
        sideOf(side).courtyard.path,
      ),
    'POST /api/v1/store/redemptions/{id}/cancel': async (side: Side) =>
      at(
        'POST',
        `/api/v1/store/redemptions/${(await of(side)).redemptions.cancel}/cancel`,
        sideOf(side).courtyard.path,
        { reason: '矩阵取消' },
      ),
  };
}
