import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits, roleGrants, users } from '../db/schema';
import type { TestClient } from '../testing/client';

type Side = 'inside' | 'outside';
type Method = 'GET' | 'POST';
interface Where {
  operator: TestClient;
  town: { id: string; path: string };
  courtyard: { id: string; path: string };
}

/**
 * The authorisation matrix's calls for the task routes. Each side's own operator issues one task to one
 * grid of its town: inside, the grid of the demo grid worker (so that the fulfiller's routes are let
 * in for them), outside, the grid holding the side's courtyard. Routes that review an assignment may
 * meet it in any state: a 409 still counts as let in.
 */
export function taskMatrixCalls(db: () => Db, sideOf: (side: Side) => Where, gridWorkerPhone: string) {
  interface Prepared {
    taskId: string;
    assignmentId: string;
    grid: { id: string; path: string };
  }
  const ready = new Map<Side, Promise<Prepared>>();
  const gridOf = async (side: Side) => {
    if (side === 'inside') {
      const [row] = await db()
        .select({ id: orgUnits.id, path: orgUnits.path })
        .from(roleGrants)
        .innerJoin(users, eq(users.id, roleGrants.userId))
        .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
        .where(and(eq(users.phone, gridWorkerPhone), eq(roleGrants.role, 'grid_worker')));
      return row as { id: string; path: string };
    }
    const [yard] = await db()
      .select()
      .from(orgUnits)
      .where(eq(orgUnits.id, sideOf(side).courtyard.id));
    const [grid] = await db()
      .select()
      .from(orgUnits)
      .where(eq(orgUnits.id, yard?.parentId as string));
    return grid as { id: string; path: string };
  };
  const body = (side: Side, grid: { id: string }) => ({
    unitId: sideOf(side).town.id,
    title: '矩阵任务',
    items: [
      { title: '说明', evidence: 'text', maxScore: 10 },
      { title: '数量', evidence: 'number', maxScore: 10 },
    ],
    assignees: [{ kind: 'grid', id: grid.id }],
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  const prepare = async (side: Side): Promise<Prepared> => {
    const grid = await gridOf(side);
    const res = await sideOf(side).operator.post('/api/v1/tasks', body(side, grid));
    if (res.status !== 201) throw new Error(`matrix task failed: ${res.status}`);
    return { taskId: res.body.id, assignmentId: res.body.assignments[0].id, grid };
  };
  const of = (side: Side) => {
    if (!ready.has(side)) ready.set(side, prepare(side));
    return ready.get(side) as Promise<Prepared>;
  };
  const at = (method: Method, url: string, targetPath: string | null, payload?: unknown) => ({
    method,
    url,
    targetPath,
    ...(payload === undefined ? {} : { body: payload }),
  });
  const town = (side: Side) => sideOf(side).town;
  const assignment = async (side: Side, tail: string, onTown: boolean, payload?: unknown) => {
    const p = await of(side);
    return at(
      tail === '' ? 'GET' : 'POST',
      `/api/v1/tasks/assignments/${p.assignmentId}${tail}`,
      onTown ? town(side).path : p.grid.path,
      payload,
    );
  };
  return {
    'POST /api/v1/tasks': async (side: Side) =>
      at('POST', '/api/v1/tasks', town(side).path, body(side, (await of(side)).grid)),
    'GET /api/v1/tasks': async (side: Side) =>
      at('GET', `/api/v1/tasks?unitId=${town(side).id}`, town(side).path),
    'GET /api/v1/tasks/mine': async () => at('GET', '/api/v1/tasks/mine', null),
    'GET /api/v1/tasks/assignees': async (side: Side) =>
      at('GET', `/api/v1/tasks/assignees?unitId=${town(side).id}`, town(side).path),
    'GET /api/v1/tasks/rankings': async (side: Side) =>
      at('GET', `/api/v1/tasks/rankings?level=grids&scope=${town(side).id}`, town(side).path),
    'GET /api/v1/tasks/{id}': async (side: Side) =>
      at('GET', `/api/v1/tasks/${(await of(side)).taskId}`, town(side).path),
    'GET /api/v1/tasks/{id}/supervisions': async (side: Side) =>
      at('GET', `/api/v1/tasks/${(await of(side)).taskId}/supervisions`, town(side).path),
    'GET /api/v1/tasks/{id}/supervisor-candidates': async (side: Side) =>
      at('GET', `/api/v1/tasks/${(await of(side)).taskId}/supervisor-candidates`, town(side).path),
    'GET /api/v1/tasks/assignments/{id}': async (side: Side) => assignment(side, '', false),
    'POST /api/v1/tasks/assignments/{id}/evidence': async (side: Side) =>
      assignment(side, '/evidence', false, { item: 1, evidence: { kind: 'number', value: 3 } }),
    'POST /api/v1/tasks/assignments/{id}/submit': async (side: Side) => assignment(side, '/submit', false),
    'POST /api/v1/tasks/assignments/{id}/accept': async (side: Side) => assignment(side, '/accept', true),
    'POST /api/v1/tasks/assignments/{id}/return': async (side: Side) =>
      assignment(side, '/return', true, { reason: '矩阵退回' }),
    'POST /api/v1/tasks/assignments/{id}/score': async (side: Side) =>
      assignment(side, '/score', true, { scores: [5, 5] }),
  };
}
