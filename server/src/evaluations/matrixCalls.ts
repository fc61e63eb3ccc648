import { chinaMonth } from '@domain/points/rules';
import type { TestClient } from '../testing/client';

type Side = 'inside' | 'outside';
interface Where {
  operator: TestClient;
  village: { id: string; path: string };
  courtyard: { id: string; path: string };
  householdId: string;
}

/**
 * The authorisation matrix's calls for the evaluation routes. Each side's operator opens its
 * courtyard's round of this month first; the first allowed publish meets 409 (households unscored),
 * which still counts as let in, and so do scores sent to it.
 */
export function evaluationMatrixCalls(sideOf: (side: Side) => Where) {
  const month = chinaMonth(new Date());
  const rounds = new Map<Side, Promise<string>>();
  const roundOf = (side: Side) => {
    if (!rounds.has(side))
      rounds.set(
        side,
        sideOf(side)
          .operator.post('/api/v1/evaluations/rounds', { courtyardId: sideOf(side).courtyard.id, month })
          .then((res) => {
            if (res.status !== 201 && res.status !== 200)
              throw new Error(`matrix round failed: ${res.status}`);
            return res.body.id as string;
          }),
      );
    return rounds.get(side) as Promise<string>;
  };
  const yard = (side: Side) => sideOf(side).courtyard.path;
  return {
    'GET /api/v1/evaluations/templates': async (side: Side) => ({
      method: 'GET' as const,
      url: `/api/v1/evaluations/templates?unitId=${sideOf(side).village.id}`,
      targetPath: sideOf(side).village.path,
    }),
    'POST /api/v1/evaluations/templates': async (side: Side) => ({
      method: 'POST' as const,
      url: '/api/v1/evaluations/templates',
      targetPath: sideOf(side).village.path,
      body: {
        unitId: sideOf(side).village.id,
        name: '矩阵考评',
        criteria: [{ key: 'hygiene', name: '环境卫生', max: 10 }],
        bands: [{ minTotal: 0, points: 1 }],
      },
    }),
    'GET /api/v1/evaluations/rounds': async (side: Side) => ({
      method: 'GET' as const,
      url: `/api/v1/evaluations/rounds?unitId=${sideOf(side).courtyard.id}`,
      targetPath: yard(side),
    }),
    'POST /api/v1/evaluations/rounds': async (side: Side) => ({
      method: 'POST' as const,
      url: '/api/v1/evaluations/rounds',
      targetPath: yard(side),
      body: { courtyardId: sideOf(side).courtyard.id, month },
    }),
    'GET /api/v1/evaluations/rounds/{id}': async (side: Side) => ({
      method: 'GET' as const,
      url: `/api/v1/evaluations/rounds/${await roundOf(side)}`,
      targetPath: yard(side),
    }),
    'POST /api/v1/evaluations/rounds/{id}/scores': async (side: Side) => ({
      method: 'POST' as const,
      url: `/api/v1/evaluations/rounds/${await roundOf(side)}/scores`,
      targetPath: yard(side),
      body: { householdId: sideOf(side).householdId, scores: [{ key: 'hygiene', score: 1 }] },
    }),
    'POST /api/v1/evaluations/rounds/{id}/publish': async (side: Side) => ({
      method: 'POST' as const,
      url: `/api/v1/evaluations/rounds/${await roundOf(side)}/publish`,
      targetPath: yard(side),
      body: {},
    }),
    'GET /api/v1/evaluations/mine': async () => ({
      method: 'GET' as const,
      url: '/api/v1/evaluations/mine',
      targetPath: null,
    }),
  };
}
