import type { TestClient } from '../testing/client';

type Side = 'inside' | 'outside';
type Method = 'GET' | 'POST' | 'PUT';
interface Where {
  operator: TestClient;
  town: { id: string; path: string };
  village: { id: string; path: string };
  courtyard: { id: string; path: string };
}
interface Call {
  method: Method;
  url: string;
  body?: unknown;
  targetPath: string | null;
}

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/**
 * The authorisation matrix's calls for the calendar, supervision and field-visit routes. Placing and
 * closing get a fresh case (and supervision) each, made by the side's own operator, so a second caller
 * never meets one already placed or closed unless it was let in.
 */
export function supervisionMatrixCalls(
  sideOf: (side: Side) => Where,
  freshCase: (side: Side) => Promise<string>,
) {
  const operatorIds = new Map<Side, Promise<string>>();
  const operatorId = (side: Side) => {
    if (!operatorIds.has(side))
      operatorIds.set(
        side,
        sideOf(side)
          .operator.get('/api/v1/auth/me')
          .then((r) => r.body.id as string),
      );
    return operatorIds.get(side) as Promise<string>;
  };
  const placeOn = async (side: Side, caseId: string) => {
    const res = await sideOf(side).operator.post('/api/v1/supervisions', {
      subjectType: 'case',
      subjectId: caseId,
      supervisorId: await operatorId(side),
      requiredOutcome: '矩阵督办',
      dueAt: inAWeek(),
    });
    if (res.status !== 201) throw new Error(`matrix supervision failed: ${res.status}`);
    return res.body.id as string;
  };
  const standing = new Map<Side, Promise<{ caseId: string; supervisionId: string }>>();
  const standingOf = (side: Side) => {
    if (!standing.has(side))
      standing.set(
        side,
        freshCase(side).then(async (caseId) => ({ caseId, supervisionId: await placeOn(side, caseId) })),
      );
    return standing.get(side) as Promise<{ caseId: string; supervisionId: string }>;
  };
  const yard = (side: Side) => sideOf(side).courtyard.path;
  return {
    'GET /api/v1/calendar/years': async (): Promise<Call> => ({
      method: 'GET',
      url: '/api/v1/calendar/years',
      targetPath: null,
    }),
    'PUT /api/v1/calendar/years/{year}': async (): Promise<Call> => ({
      method: 'PUT',
      url: '/api/v1/calendar/years/2031',
      body: { days: [{ date: '2031-01-01', kind: 'holiday', name: '元旦' }], provisional: true },
      targetPath: null,
    }),
    'GET /api/v1/calendar/years/{year}/changes': async (): Promise<Call> => ({
      method: 'GET',
      url: '/api/v1/calendar/years/2026/changes',
      targetPath: null,
    }),
    'POST /api/v1/supervisions': async (side: Side): Promise<Call> => ({
      method: 'POST',
      url: '/api/v1/supervisions',
      body: {
        subjectType: 'case',
        subjectId: await freshCase(side),
        supervisorId: await operatorId(side),
        requiredOutcome: '矩阵督办',
        dueAt: inAWeek(),
      },
      targetPath: yard(side),
    }),
    'GET /api/v1/supervisions': async (side: Side): Promise<Call> => ({
      method: 'GET',
      url: `/api/v1/supervisions?unitId=${sideOf(side).town.id}&status=open`,
      targetPath: sideOf(side).town.path,
    }),
    'GET /api/v1/supervisions/{id}': async (side: Side): Promise<Call> => ({
      method: 'GET',
      url: `/api/v1/supervisions/${(await standingOf(side)).supervisionId}`,
      targetPath: yard(side),
    }),
    'POST /api/v1/supervisions/{id}/close': async (side: Side): Promise<Call> => ({
      method: 'POST',
      url: `/api/v1/supervisions/${await placeOn(side, await freshCase(side))}/close`,
      body: { outcome: 'met', note: '矩阵销号' },
      targetPath: yard(side),
    }),
    'GET /api/v1/cases/{id}/supervisions': async (side: Side): Promise<Call> => ({
      method: 'GET',
      url: `/api/v1/cases/${(await standingOf(side)).caseId}/supervisions`,
      targetPath: yard(side),
    }),
    'GET /api/v1/cases/{id}/supervisor-candidates': async (side: Side): Promise<Call> => ({
      method: 'GET',
      url: `/api/v1/cases/${(await standingOf(side)).caseId}/supervisor-candidates`,
      targetPath: yard(side),
    }),
    'POST /api/v1/field-visits': async (side: Side): Promise<Call> => ({
      method: 'POST',
      url: '/api/v1/field-visits',
      body: {
        unitId: sideOf(side).village.id,
        visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
        findings: '矩阵走访',
        notes: ['矩阵跟进'],
      },
      targetPath: sideOf(side).village.path,
    }),
    'GET /api/v1/field-visits': async (side: Side): Promise<Call> => ({
      method: 'GET',
      url: `/api/v1/field-visits?unitId=${sideOf(side).village.id}`,
      targetPath: sideOf(side).village.path,
    }),
  };
}
