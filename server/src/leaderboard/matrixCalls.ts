import type { TestClient } from '../testing/client';

type Side = 'inside' | 'outside';
interface Where {
  operator: TestClient;
  village: { id: string; path: string };
}

/**
 * The authorisation matrix's calls for the leaderboard routes. Each side's operator makes board links
 * of its own village: one whose token opens the screen, and a fresh one for each revocation.
 */
export function leaderboardMatrixCalls(sideOf: (side: Side) => Where) {
  const boards = new Map<Side, Promise<{ id: string; token: string }>>();
  const freshBoard = async (side: Side) => {
    const s = sideOf(side);
    const res = await s.operator.post('/api/v1/leaderboard/boards', {
      villageId: s.village.id,
      name: '矩阵大屏',
    });
    if (res.status !== 201) throw new Error(`matrix board failed: ${res.status}`);
    return res.body as { id: string; token: string };
  };
  const boardOf = (side: Side) => {
    if (!boards.has(side)) boards.set(side, freshBoard(side));
    return boards.get(side) as Promise<{ id: string; token: string }>;
  };
  return {
    'GET /api/v1/leaderboard': async (side: Side) => ({
      method: 'GET' as const,
      url: `/api/v1/leaderboard?level=courtyards&scope=${sideOf(side).village.id}&period=month`,
      targetPath: sideOf(side).village.path,
    }),
    'GET /api/v1/leaderboard/places': async () => ({
      method: 'GET' as const,
      url: '/api/v1/leaderboard/places',
      targetPath: null,
    }),
    'POST /api/v1/leaderboard/boards': async (side: Side) => ({
      method: 'POST' as const,
      url: '/api/v1/leaderboard/boards',
      body: { villageId: sideOf(side).village.id, name: '矩阵大屏' },
      targetPath: sideOf(side).village.path,
    }),
    'GET /api/v1/leaderboard/boards': async (side: Side) => ({
      method: 'GET' as const,
      url: `/api/v1/leaderboard/boards?villageId=${sideOf(side).village.id}`,
      targetPath: sideOf(side).village.path,
    }),
    'POST /api/v1/leaderboard/boards/{id}/revoke': async (side: Side) => ({
      method: 'POST' as const,
      url: `/api/v1/leaderboard/boards/${(await freshBoard(side)).id}/revoke`,
      targetPath: sideOf(side).village.path,
    }),
    'GET /api/v1/leaderboard/screen/{token}': async () => ({
      method: 'GET' as const,
      url: `/api/v1/leaderboard/screen/${(await boardOf('inside')).token}`,
      targetPath: null,
    }),
    'GET /api/v1/leaderboard/screen/{token}/events': async () => ({
      method: 'GET' as const,
      url: `/api/v1/leaderboard/screen/${(await boardOf('inside')).token}/events`,
      targetPath: null,
    }),
  };
}
