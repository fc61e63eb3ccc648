import type { Role } from '@domain/auth/roles';
import { ROUTE_ACCESS, type RouteAccess } from '@domain/policies/routeAccess';
import { isWithin } from '@domain/policies/scope';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askMatrixCalls } from '../asks/matrixCalls';
import { householdBindings, orgUnits, roleGrants, users } from '../db/schema';
import { evaluationMatrixCalls } from '../evaluations/matrixCalls';
import { leaderboardMatrixCalls } from '../leaderboard/matrixCalls';
import { multipart, phonePhoto } from '../photos/fixtures';
import { pointMatrixCalls } from '../points/matrixCalls';
import { idNumberFor, rosterFile, rosterUpload } from '../registry/fixtures';
import { supervisionMatrixCalls } from '../supervision/matrixCalls';
import { taskMatrixCalls } from '../tasks/matrixCalls';
import { startTestApp, type TestApp } from '../testing/app';
import { signedIn, TestClient } from '../testing/client';
import { unitNamed } from '../testing/demo';

/**
 * The authorisation matrix: every registered API route, for every role and for no one, against a
 * target inside and one outside the actor's area, answered as the table in domain/ says. "Let in"
 * means anything but 401, 403 and 404 (a 400 or 409 means the rule let the request reach the work).
 */
type Side = 'inside' | 'outside';
interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  upload?: { payload: Buffer; contentType: string };
  /** The unit path the target lies at; null for routes without a target. */
  targetPath: string | null;
}
interface Actor {
  name: string;
  client: TestClient | null;
  phone: string | null;
  grants: { role: Role; unitPath: string }[];
}

const PASSWORD = 'Xiaoyuan@2026';
const PHONES: Record<Role, string> = {
  admin: '13800000001',
  district_supervisor: '13800000002',
  center_operator: '13800000003',
  post_staff: '13800000004',
  grid_worker: '13800000005',
  courtyard_head: '13800000006',
  party_member: '13800000007',
  resident: '13800000008',
  cleaner: '13800000009',
};
/** The same roles in 广顺街道, the other town: the outside side's people. */
const OUTSIDE = { operator: '13800000010', resident: '13800000015' };

function letsIn(access: RouteAccess, actor: Actor, targetPath: string | null): boolean {
  if (access.who === 'anyone') return true;
  if (!actor.client) return false;
  if (access.who === 'signed_in') return true;
  const roles = access.who;
  return actor.grants.some((g) => {
    if (!roles.includes(g.role)) return false;
    if (access.reach === 'none' || targetPath === null) return true;
    if (isWithin(targetPath, g.unitPath)) return true;
    return access.reach === 'related' && isWithin(g.unitPath, targetPath);
  });
}

describe('authorisation matrix', () => {
  let t: TestApp;
  let admin: TestClient;
  const actors: Actor[] = [];
  const sides = {} as Record<
    Side,
    {
      town: { id: string; path: string };
      village: { id: string; path: string };
      courtyard: { id: string; path: string; centerLat: number | null; centerLng: number | null };
      postId: string;
      matterId: string;
      user: { id: string; path: string };
      caseId: string;
      photoId: string;
      operator: TestClient;
      resident: TestClient;
      householdId: string;
      residentId: string;
      importId: string;
    }
  >;

  const grantsOf = async (phone: string) => {
    const rows = await t.database.db
      .select({ role: roleGrants.role, unitPath: orgUnits.path })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
      .where(eq(users.phone, phone));
    return rows.map((r) => ({ role: r.role as Role, unitPath: r.unitPath }));
  };
  const report = async (side: Side, withPhoto: boolean) => {
    const s = sides[side];
    const photoIds: string[] = [];
    if (withPhoto) {
      const body = multipart([{ filename: 'p.jpg', type: 'image/jpeg', data: await phonePhoto({}) }]);
      const res = await s.resident.request('POST', '/api/v1/photos', body.payload, {
        'content-type': body.contentType,
      });
      photoIds.push(res.body[0].id);
    }
    const res = await s.resident.post('/api/v1/cases', {
      id: uuidv7(),
      matterId: s.matterId,
      description: '矩阵测试事件',
      location: { lat: s.courtyard.centerLat, lng: s.courtyard.centerLng },
      photoIds,
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, photoIds };
  };

  let phoneSeq = 0;
  const freshPhone = () => `1390000${String(++phoneSeq).padStart(4, '0')}`;
  const freshUnit = async (side: Side) => {
    const res = await admin.post('/api/v1/org/units', {
      parentId: sides[side].village.id,
      name: `矩阵网格${uuidv7().slice(-6)}`,
    });
    expect(res.status).toBe(201);
    const [unit] = await t.database.db.select().from(orgUnits).where(eq(orgUnits.id, res.body.id));
    return unit as { id: string; path: string };
  };
  const freshUser = async (side: Side) => {
    const res = await admin.post('/api/v1/users', {
      phone: freshPhone(),
      name: '矩阵居民',
      password: PASSWORD,
      grants: [
        { role: 'resident', unitId: sides[side].courtyard.id },
        { role: 'party_member', unitId: sides[side].courtyard.id },
      ],
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; grants: { id: string }[] };
  };
  const freshPost = async (side: Side) => {
    const res = await admin.post(`/api/v1/org/units/${sides[side].town.id}/posts`, {
      sector: 'livelihood',
      name: `矩阵岗${uuidv7().slice(-6)}`,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const matterBody = async (side: Side) => {
    const all = (await admin.get(`/api/v1/org/units/${sides[side].town.id}/matters`)).body as {
      id: string;
      parentId: string | null;
      level: string;
      sector: string;
      isDispute: boolean;
      limits: unknown;
    }[];
    const leaf = all.find((m) => m.parentId) as (typeof all)[number];
    return {
      parentId: leaf.parentId,
      code: `MX-${uuidv7().slice(-8).toUpperCase()}`,
      name: '矩阵事项',
      level: leaf.level,
      sector: leaf.sector,
      postId: null,
      isDispute: leaf.isDispute,
      limits: leaf.limits,
    };
  };
  const freshMatter = async (side: Side) => {
    const res = await admin.post(`/api/v1/org/units/${sides[side].town.id}/matters`, await matterBody(side));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  /** A person who asked to join the side's courtyard and waits for a grid worker. */
  const freshBindRequest = async (side: Side) => {
    const user = await freshUser(side);
    const phone = (
      await t.database.db.select({ phone: users.phone }).from(users).where(eq(users.id, user.id))
    )[0]?.phone as string;
    const client = await signedIn(t.app, phone);
    const code = (await admin.get(`/api/v1/registry/courtyards/${sides[side].courtyard.id}/invite`)).body
      .code;
    expect((await client.post('/api/v1/registry/join', { code })).status).toBe(200);
    const [row] = await t.database.db
      .select()
      .from(householdBindings)
      .where(eq(householdBindings.userId, user.id));
    return { id: row?.id as string, client };
  };
  const freshCorrection = async (side: Side) => {
    const request = await freshBindRequest(side);
    const approved = await admin.post(`/api/v1/registry/bind-requests/${request.id}/decide`, {
      approve: true,
      householdId: sides[side].householdId,
    });
    expect(approved.status).toBe(200);
    const asked = await request.client.post('/api/v1/registry/corrections', { message: '矩阵更正' });
    expect(asked.status).toBe(201);
    return asked.body.id as string;
  };
  const householdCall = async (method: Call['method'], side: Side, tail: string): Promise<Call> => ({
    method,
    url: `/api/v1/registry/households/${sides[side].householdId}${tail}`,
    targetPath: sides[side].courtyard.path,
  });
  const courtyardQuery = (side: Side, path: string): Call => ({
    method: 'GET',
    url: `${path}?unitId=${sides[side].courtyard.id}`,
    targetPath: sides[side].courtyard.path,
  });
  let idSeq = 0;
  const freshIdNumber = () => idNumberFor(new Date(Date.UTC(1980, 0, 1)), ++idSeq);
  const facilityBody = (side: Side, code: string) => ({
    code,
    kind: 'bin',
    place: '矩阵设施',
    unitId: sides[side].courtyard.id,
    location: { lat: sides[side].courtyard.centerLat, lng: sides[side].courtyard.centerLng },
    workerId: null,
  });
  const freshFacility = async (side: Side) => {
    const res = await admin.post(
      '/api/v1/facilities',
      facilityBody(side, `MXF-${uuidv7().slice(-8).toUpperCase()}`),
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  /** A month's report of the side's town, made once by its own operator. */
  const reports = new Map<Side, Promise<string>>();
  const reportOf = (side: Side) => {
    if (!reports.has(side))
      reports.set(
        side,
        sides[side].operator
          .post('/api/v1/reports', { unitId: sides[side].town.id, kind: 'month' })
          .then((r) => {
            if (r.status !== 201) throw new Error(`matrix report failed: ${r.status}`);
            return r.body.id as string;
          }),
      );
    return reports.get(side) as Promise<string>;
  };

  /** How to call each route at a target on one side; routes that destroy their target get a fresh one. */
  const calls: Record<string, (side: Side) => Promise<Call>> = {
    'POST /api/v1/auth/login': async () => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { phone: PHONES.resident, password: PASSWORD },
      targetPath: null,
    }),
    'POST /api/v1/auth/logout': async () => ({
      method: 'POST',
      url: '/api/v1/auth/logout',
      targetPath: null,
    }),
    'GET /api/v1/auth/me': async () => ({ method: 'GET', url: '/api/v1/auth/me', targetPath: null }),
    'POST /api/v1/auth/password': async () => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      body: { currentPassword: PASSWORD, newPassword: PASSWORD },
      targetPath: null,
    }),
    'GET /api/v1/org/roots': async () => ({ method: 'GET', url: '/api/v1/org/roots', targetPath: null }),
    'GET /api/v1/org/locate': async (side) => ({
      method: 'GET',
      url: `/api/v1/org/locate?lat=${sides[side].courtyard.centerLat}&lng=${sides[side].courtyard.centerLng}`,
      targetPath: null,
    }),
    'GET /api/v1/org/units/{id}': async (side) => unitCall('GET', side, ''),
    'GET /api/v1/org/units/{id}/children': async (side) => unitCall('GET', side, '/children'),
    'PATCH /api/v1/org/units/{id}': async (side) => {
      const unit = await freshUnit(side);
      return {
        method: 'PATCH',
        url: `/api/v1/org/units/${unit.id}`,
        body: { name: `改名${uuidv7().slice(-6)}` },
        targetPath: unit.path,
      };
    },
    'POST /api/v1/org/units': async (side) => ({
      method: 'POST',
      url: '/api/v1/org/units',
      body: { parentId: sides[side].village.id, name: `矩阵新网格${uuidv7().slice(-6)}` },
      targetPath: sides[side].village.path,
    }),
    'POST /api/v1/org/units/{id}/move': async (side) => {
      const unit = await freshUnit(side);
      return {
        method: 'POST',
        url: `/api/v1/org/units/${unit.id}/move`,
        body: { parentId: sides[side].village.id },
        targetPath: unit.path,
      };
    },
    'POST /api/v1/org/units/{id}/retire': async (side) => {
      const unit = await freshUnit(side);
      return { method: 'POST', url: `/api/v1/org/units/${unit.id}/retire`, targetPath: unit.path };
    },
    'POST /api/v1/org/units/{id}/boundaries': async (side) => {
      const [village] = await t.database.db
        .select()
        .from(orgUnits)
        .where(eq(orgUnits.id, sides[side].village.id));
      return {
        method: 'POST',
        url: `/api/v1/org/units/${sides[side].village.id}/boundaries`,
        body: {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: { code: village?.code }, geometry: village?.boundary }],
        },
        targetPath: sides[side].village.path,
      };
    },
    'GET /api/v1/org/units/{id}/sectors': async (side) => townCall('GET', side, '/sectors'),
    'POST /api/v1/org/units/{id}/posts': async (side) => ({
      ...(await townCall('POST', side, '/posts')),
      body: { sector: 'economy', name: `矩阵岗${uuidv7().slice(-6)}` },
    }),
    'PATCH /api/v1/org/posts/{id}': async (side) => ({
      method: 'PATCH',
      url: `/api/v1/org/posts/${sides[side].postId}`,
      body: { name: side === 'inside' ? '村镇建设岗' : '社会事务岗' },
      targetPath: sides[side].town.path,
    }),
    'POST /api/v1/org/posts/{id}/retire': async (side) => ({
      method: 'POST',
      url: `/api/v1/org/posts/${await freshPost(side)}/retire`,
      targetPath: sides[side].town.path,
    }),
    'GET /api/v1/users': async () => ({ method: 'GET', url: '/api/v1/users', targetPath: null }),
    'POST /api/v1/users': async (side) => ({
      method: 'POST',
      url: '/api/v1/users',
      body: {
        phone: freshPhone(),
        name: '矩阵新人',
        password: PASSWORD,
        grants: [{ role: 'resident', unitId: sides[side].courtyard.id }],
      },
      targetPath: sides[side].courtyard.path,
    }),
    'GET /api/v1/users/{id}': async (side) => ({
      method: 'GET',
      url: `/api/v1/users/${sides[side].user.id}`,
      targetPath: sides[side].user.path,
    }),
    'PATCH /api/v1/users/{id}': async (side) => ({
      method: 'PATCH',
      url: `/api/v1/users/${(await freshUser(side)).id}`,
      body: { name: '矩阵改名' },
      targetPath: sides[side].courtyard.path,
    }),
    'POST /api/v1/users/{id}/password': async (side) => ({
      method: 'POST',
      url: `/api/v1/users/${(await freshUser(side)).id}/password`,
      body: { newPassword: 'Matrix@2026x' },
      targetPath: sides[side].courtyard.path,
    }),
    'POST /api/v1/users/{id}/grants': async (side) => ({
      method: 'POST',
      url: `/api/v1/users/${(await freshUser(side)).id}/grants`,
      body: { role: 'courtyard_head', unitId: sides[side].courtyard.id },
      targetPath: sides[side].courtyard.path,
    }),
    'DELETE /api/v1/users/{id}/grants/{grantId}': async (side) => {
      const user = await freshUser(side);
      return {
        method: 'DELETE',
        url: `/api/v1/users/${user.id}/grants/${user.grants[1]?.id}`,
        targetPath: sides[side].courtyard.path,
      };
    },
    'GET /api/v1/org/units/{id}/matters': async (side) => townCall('GET', side, '/matters'),
    'POST /api/v1/org/units/{id}/matters': async (side) => ({
      ...(await townCall('POST', side, '/matters')),
      body: await matterBody(side),
    }),
    'PATCH /api/v1/matters/{id}': async (side) => ({
      method: 'PATCH',
      url: `/api/v1/matters/${sides[side].matterId}`,
      body: { isDispute: false },
      targetPath: sides[side].town.path,
    }),
    'POST /api/v1/matters/{id}/retire': async (side) => ({
      method: 'POST',
      url: `/api/v1/matters/${await freshMatter(side)}/retire`,
      targetPath: sides[side].town.path,
    }),
    'POST /api/v1/cases': async (side) => ({
      method: 'POST',
      url: '/api/v1/cases',
      body: {
        id: uuidv7(),
        matterId: sides[side].matterId,
        description: '矩阵上报',
        location: { lat: sides[side].courtyard.centerLat, lng: sides[side].courtyard.centerLng },
      },
      targetPath: null,
    }),
    'GET /api/v1/cases': async () => ({ method: 'GET', url: '/api/v1/cases', targetPath: null }),
    'GET /api/v1/cases/ledger.xlsx': async () => ({
      method: 'GET',
      url: '/api/v1/cases/ledger.xlsx',
      targetPath: null,
    }),
    'GET /api/v1/cases/map': async (side) => ({
      method: 'GET',
      url: `/api/v1/cases/map?unitId=${sides[side].town.id}`,
      targetPath: sides[side].town.path,
    }),
    'GET /api/v1/cases/{id}': async (side) => caseCall('GET', side, ''),
    'GET /api/v1/cases/{id}/lead-candidates': async (side) => caseCall('GET', side, '/lead-candidates'),
    'POST /api/v1/cases/{id}/actions': async (side) => {
      const fresh = await report(side, false);
      return {
        method: 'POST',
        url: `/api/v1/cases/${fresh.id}/actions`,
        body: { action: 'accept' },
        targetPath: sides[side].courtyard.path,
      };
    },
    'GET /api/v1/cases/feed': async (side) => ({
      method: 'GET',
      url: `/api/v1/cases/feed?unitId=${sides[side].town.id}`,
      targetPath: sides[side].town.path,
    }),
    'GET /api/v1/kpi': async (side) => ({
      method: 'GET',
      url: `/api/v1/kpi?unitId=${sides[side].town.id}`,
      targetPath: sides[side].town.path,
    }),
    'GET /api/v1/reports': async (side) => ({
      method: 'GET',
      url: `/api/v1/reports?unitId=${sides[side].town.id}`,
      targetPath: sides[side].town.path,
    }),
    'POST /api/v1/reports': async (side) => ({
      method: 'POST',
      url: '/api/v1/reports',
      body: { unitId: sides[side].town.id, kind: 'day' },
      targetPath: sides[side].town.path,
    }),
    'GET /api/v1/reports/{id}': async (side) => ({
      method: 'GET',
      url: `/api/v1/reports/${await reportOf(side)}`,
      targetPath: sides[side].town.path,
    }),
    'GET /api/v1/reports/{id}/xlsx': async (side) => ({
      method: 'GET',
      url: `/api/v1/reports/${await reportOf(side)}/xlsx`,
      targetPath: sides[side].town.path,
    }),
    'GET /api/v1/cases/trends': async (side) => ({
      method: 'GET',
      url: `/api/v1/cases/trends?unitId=${sides[side].town.id}&days=7`,
      targetPath: sides[side].town.path,
    }),
    'GET /api/v1/inbox': async () => ({ method: 'GET', url: '/api/v1/inbox', targetPath: null }),
    'POST /api/v1/inbox/read': async () => ({
      method: 'POST',
      url: '/api/v1/inbox/read',
      body: { all: true },
      targetPath: null,
    }),
    'POST /api/v1/photos': async () => ({
      method: 'POST',
      url: '/api/v1/photos',
      upload: multipart([
        { filename: 'q.jpg', type: 'image/jpeg', data: await phonePhoto({ width: 64, height: 48 }) },
      ]),
      targetPath: null,
    }),
    'GET /api/v1/photos/{id}': async (side) => ({
      method: 'GET',
      url: `/api/v1/photos/${sides[side].photoId}`,
      targetPath: sides[side].courtyard.path,
    }),
    'GET /api/v1/photos/{id}/thumb': async (side) => ({
      method: 'GET',
      url: `/api/v1/photos/${sides[side].photoId}/thumb`,
      targetPath: sides[side].courtyard.path,
    }),
    'GET /api/v1/registry/households': async (side) => courtyardQuery(side, '/api/v1/registry/households'),
    'POST /api/v1/registry/households': async (side) => ({
      method: 'POST',
      url: '/api/v1/registry/households',
      body: { courtyardId: sides[side].courtyard.id, address: `矩阵${uuidv7().slice(-8)}号` },
      targetPath: sides[side].courtyard.path,
    }),
    'GET /api/v1/registry/households/{id}': async (side) => householdCall('GET', side, ''),
    'POST /api/v1/registry/households/{id}/residents': async (side) => ({
      ...(await householdCall('POST', side, '/residents')),
      body: { name: '矩阵成员', relation: 'child', gender: 'female', birthDate: '2001-02-03' },
    }),
    'POST /api/v1/registry/households/{id}/links': async (side) => ({
      ...(await householdCall('POST', side, '/links')),
      body: { userId: (await freshUser(side)).id },
    }),
    'DELETE /api/v1/registry/households/{id}/links/{userId}': async (side) =>
      householdCall('DELETE', side, `/links/${(await freshUser(side)).id}`),
    'PATCH /api/v1/registry/residents/{id}': async (side) => ({
      method: 'PATCH',
      url: `/api/v1/registry/residents/${sides[side].residentId}`,
      body: { tags: ['veteran'] },
      targetPath: sides[side].courtyard.path,
    }),
    'POST /api/v1/registry/residents/{id}/reveal': async (side) => ({
      method: 'POST',
      url: `/api/v1/registry/residents/${sides[side].residentId}/reveal`,
      body: { field: 'idNumber', reason: '矩阵核对' },
      targetPath: sides[side].courtyard.path,
    }),
    'GET /api/v1/registry/reveals': async (side) => courtyardQuery(side, '/api/v1/registry/reveals'),
    'GET /api/v1/registry/template.xlsx': async () => ({
      method: 'GET',
      url: '/api/v1/registry/template.xlsx',
      targetPath: null,
    }),
    'POST /api/v1/registry/imports': async (side) => ({
      method: 'POST',
      url: `/api/v1/registry/imports?unitId=${sides[side].courtyard.id}`,
      // Not a workbook: whoever is let in is told so, and no import starts.
      upload: rosterUpload('x.xlsx', Buffer.from('not a workbook')),
      targetPath: sides[side].courtyard.path,
    }),
    'GET /api/v1/registry/imports/{id}': async (side) => ({
      method: 'GET',
      url: `/api/v1/registry/imports/${sides[side].importId}`,
      targetPath: sides[side].courtyard.path,
    }),
    'GET /api/v1/registry/imports/{id}/rejected.xlsx': async (side) => ({
      method: 'GET',
      url: `/api/v1/registry/imports/${sides[side].importId}/rejected.xlsx`,
      targetPath: sides[side].courtyard.path,
    }),
    'GET /api/v1/registry/export.xlsx': async (side) => courtyardQuery(side, '/api/v1/registry/export.xlsx'),
    'GET /api/v1/registry/courtyards/{id}/invite': async (side) => ({
      method: 'GET',
      url: `/api/v1/registry/courtyards/${sides[side].courtyard.id}/invite`,
      targetPath: sides[side].courtyard.path,
    }),
    'POST /api/v1/registry/courtyards/{id}/invite': async (side) => ({
      method: 'POST',
      url: `/api/v1/registry/courtyards/${sides[side].courtyard.id}/invite`,
      targetPath: sides[side].courtyard.path,
    }),
    'POST /api/v1/registry/join': async () => ({
      method: 'POST',
      url: '/api/v1/registry/join',
      body: { code: 'NOSUCH' },
      targetPath: null,
    }),
    'GET /api/v1/registry/me': async () => ({ method: 'GET', url: '/api/v1/registry/me', targetPath: null }),
    'GET /api/v1/registry/bind-requests': async (side) =>
      courtyardQuery(side, '/api/v1/registry/bind-requests'),
    'POST /api/v1/registry/bind-requests/{id}/decide': async (side) => ({
      method: 'POST',
      url: `/api/v1/registry/bind-requests/${(await freshBindRequest(side)).id}/decide`,
      body: { approve: false },
      targetPath: sides[side].courtyard.path,
    }),
    'POST /api/v1/registry/corrections': async () => ({
      method: 'POST',
      url: '/api/v1/registry/corrections',
      body: { message: '矩阵更正' },
      targetPath: null,
    }),
    'GET /api/v1/registry/corrections': async (side) => courtyardQuery(side, '/api/v1/registry/corrections'),
    'POST /api/v1/registry/corrections/{id}/resolve': async (side) => ({
      method: 'POST',
      url: `/api/v1/registry/corrections/${await freshCorrection(side)}/resolve`,
      body: { resolution: '矩阵已更正' },
      targetPath: sides[side].courtyard.path,
    }),
    'GET /api/v1/org/units/{id}/facilities': async (side) => unitCall('GET', side, '/facilities'),
    'POST /api/v1/facilities': async (side) => ({
      method: 'POST',
      url: '/api/v1/facilities',
      body: facilityBody(side, `MX-${uuidv7().slice(-8).toUpperCase()}`),
      targetPath: sides[side].courtyard.path,
    }),
    'PATCH /api/v1/facilities/{id}': async (side) => ({
      method: 'PATCH',
      url: `/api/v1/facilities/${await freshFacility(side)}`,
      body: { place: '矩阵改名' },
      targetPath: sides[side].courtyard.path,
    }),
    'GET /api/v1/org/units/{id}/facility-labels': async (side) => unitCall('GET', side, '/facility-labels'),
    'GET /api/v1/facilities/near-me': async () => ({
      method: 'GET',
      url: '/api/v1/facilities/near-me',
      targetPath: null,
    }),
    'GET /api/v1/facilities/by-code/{code}': async () => ({
      method: 'GET',
      url: '/api/v1/facilities/by-code/WB-BIN-001',
      targetPath: null,
    }),
    'POST /api/v1/facilities/by-code/{code}/reports': async () => ({
      method: 'POST',
      url: '/api/v1/facilities/by-code/WB-BIN-001/reports',
      body: { id: uuidv7(), problem: 'full' },
      targetPath: null,
    }),
    ...askMatrixCalls((side) => sides[side]),
    'POST /api/v1/notices': async (side) => ({
      method: 'POST',
      url: '/api/v1/notices',
      body: { unitId: sides[side].village.id, title: '矩阵公告', body: '正文', category: 'notice' },
      targetPath: sides[side].village.path,
    }),
    'GET /api/v1/notices': async (side) => ({
      method: 'GET',
      url: `/api/v1/notices?unitId=${sides[side].village.id}`,
      targetPath: sides[side].village.path,
    }),
    'GET /api/v1/notices/mine': async () => ({
      method: 'GET',
      url: '/api/v1/notices/mine',
      targetPath: null,
    }),
    'GET /api/v1/notices/{id}': async (side) => noticeCall('GET', side, ''),
    'POST /api/v1/notices/{id}/read': async (side) => noticeCall('POST', side, '/read'),
    'GET /api/v1/notices/{id}/reads': async (side) => noticeCall('GET', side, '/reads'),
    'POST /api/v1/notices/{id}/withdraw': async (side) => ({
      method: 'POST',
      url: `/api/v1/notices/${await freshNotice(side)}/withdraw`,
      targetPath: sides[side].village.path,
    }),
    'GET /api/v1/charters/courtyards/{id}': async (side) => ({
      method: 'GET',
      url: `/api/v1/charters/courtyards/${sides[side].courtyard.id}`,
      targetPath: sides[side].courtyard.path,
    }),
    'POST /api/v1/charters/courtyards/{id}': async (side) => ({
      method: 'POST',
      url: `/api/v1/charters/courtyards/${sides[side].courtyard.id}`,
      body: { body: '矩阵院规' },
      targetPath: sides[side].courtyard.path,
    }),
    'GET /api/v1/charters/mine': async () => ({
      method: 'GET',
      url: '/api/v1/charters/mine',
      targetPath: null,
    }),
    'POST /api/v1/charters/{id}/acknowledge': async (side) => ({
      method: 'POST',
      url: `/api/v1/charters/${await charterOf(side)}/acknowledge`,
      targetPath: null,
    }),
    ...pointMatrixCalls(
      () => t.database.db,
      (side) => sides[side],
      boundMember,
    ),
    ...leaderboardMatrixCalls((side) => sides[side]),
    ...evaluationMatrixCalls((side) => sides[side]),
    ...taskMatrixCalls(
      () => t.database.db,
      (side) => sides[side],
      PHONES.grid_worker,
    ),
    ...supervisionMatrixCalls(
      (side) => sides[side],
      async (side) => (await report(side, false)).id,
    ),
  };
  /** A person bound to the side's household, who may redeem from its points. */
  async function boundMember(side: Side) {
    const request = await freshBindRequest(side);
    const approved = await admin.post(`/api/v1/registry/bind-requests/${request.id}/decide`, {
      approve: true,
      householdId: sides[side].householdId,
    });
    expect(approved.status).toBe(200);
    return request.client;
  }
  const freshNotice = async (side: Side) => {
    const res = await sides[side].operator.post('/api/v1/notices', {
      unitId: sides[side].village.id,
      title: '矩阵公告',
      body: '正文',
      category: 'notice',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const notices: Partial<Record<Side, string>> = {};
  const noticeCall = async (method: Call['method'], side: Side, tail: string): Promise<Call> => {
    notices[side] ??= await freshNotice(side);
    return { method, url: `/api/v1/notices/${notices[side]}${tail}`, targetPath: sides[side].village.path };
  };
  const charterIds: Partial<Record<Side, string>> = {};
  const charterOf = async (side: Side) => {
    if (!charterIds[side]) {
      const res = await sides[side].operator.post(`/api/v1/charters/courtyards/${sides[side].courtyard.id}`, {
        body: '矩阵院规',
      });
      expect(res.status).toBe(201);
      charterIds[side] = res.body.id as string;
    }
    return charterIds[side];
  };
  const unitCall = async (method: Call['method'], side: Side, tail: string): Promise<Call> => ({
    method,
    url: `/api/v1/org/units/${sides[side].village.id}${tail}`,
    targetPath: sides[side].village.path,
  });
  const townCall = async (method: Call['method'], side: Side, tail: string): Promise<Call> => ({
    method,
    url: `/api/v1/org/units/${sides[side].town.id}${tail}`,
    targetPath: sides[side].town.path,
  });
  const caseCall = async (method: Call['method'], side: Side, tail: string): Promise<Call> => ({
    method,
    url: `/api/v1/cases/${sides[side].caseId}${tail}`,
    targetPath: sides[side].courtyard.path,
  });

  /** The status of one call; live feeds never end, so they are read over a socket until their headers. */
  const send = async (actor: Actor, call: Call): Promise<number> => {
    // A copy, so that a cookie the answer sets (signing in) does not change who the actor is.
    const client = new TestClient(t.app);
    client.cookie = actor.client?.cookie ?? '';
    client.csrfToken = actor.client?.csrfToken ?? '';
    if (call.url.startsWith('/api/v1/cases/feed') || call.url.endsWith('/events')) {
      const address = t.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const aborter = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}${call.url}`, {
        headers: client.cookie ? { cookie: client.cookie } : {},
        signal: aborter.signal,
      });
      aborter.abort();
      return res.status;
    }
    if (call.upload) {
      return (
        await client.request(call.method, call.url, call.upload.payload, {
          'content-type': call.upload.contentType,
        })
      ).status;
    }
    return (await client.request(call.method, call.url, call.body)).status;
  };

  beforeAll(async () => {
    t = await startTestApp('pglite');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await signedIn(t.app, PHONES.admin);
    const townIn = await unitNamed(t.database.db, '直升镇');
    const townOut = await unitNamed(t.database.db, '广顺街道');
    const villageIn = await unitNamed(t.database.db, '万宝村');
    const villageOut = await unitNamed(t.database.db, '檬梓桥社区');
    const yardIn = await unitNamed(t.database.db, '椒香小院');
    const residentOutGrants = await grantsOf(OUTSIDE.resident);
    const [yardOut] = await t.database.db
      .select()
      .from(orgUnits)
      .where(eq(orgUnits.path, residentOutGrants[0]?.unitPath as string));
    const postOf = async (townId: string, name: string) =>
      (
        (await admin.get(`/api/v1/org/units/${townId}/sectors`)).body as {
          posts: { id: string; name: string }[];
        }[]
      )
        .flatMap((s) => s.posts)
        .find((p) => p.name === name)?.id as string;
    const leafMatter = async (townId: string) =>
      (
        (await admin.get(`/api/v1/org/units/${townId}/matters`)).body as {
          id: string;
          parentId: string | null;
          level: string;
        }[]
      ).find((m) => m.parentId && m.level === 'town')?.id as string;
    const build = async (side: Side) => {
      const inside = side === 'inside';
      const town = inside ? townIn : townOut;
      sides[side] = {
        town,
        village: inside ? villageIn : villageOut,
        courtyard: (inside ? yardIn : yardOut) as typeof yardIn,
        postId: await postOf(town.id, inside ? '村镇建设岗' : '社会事务岗'),
        matterId: await leafMatter(town.id),
        user: { id: '', path: '' },
        caseId: '',
        photoId: '',
        operator: await signedIn(t.app, inside ? PHONES.center_operator : OUTSIDE.operator),
        resident: await signedIn(t.app, inside ? PHONES.resident : OUTSIDE.resident),
        householdId: '',
        residentId: '',
        importId: '',
      };
      const s = sides[side];
      const household = await admin.post('/api/v1/registry/households', {
        courtyardId: s.courtyard.id,
        address: '矩阵1号',
        residents: [
          {
            name: '矩阵户主',
            relation: 'head',
            gender: 'male',
            birthDate: '1980-01-01',
            idNumber: freshIdNumber(),
          },
        ],
      });
      expect(household.status).toBe(201);
      s.householdId = household.body.id;
      s.residentId = household.body.residents[0].id;
      const upload = rosterUpload('empty.xlsx', await rosterFile([]));
      const started = await admin.request(
        'POST',
        `/api/v1/registry/imports?unitId=${s.courtyard.id}`,
        upload.payload,
        {
          'content-type': upload.contentType,
        },
      );
      expect(started.status).toBe(202);
      s.importId = started.body.id;
      // Someone who is none of the actors, so that reading them is never reading oneself.
      s.user = { id: (await freshUser(side)).id, path: s.courtyard.path };
      const filed = await report(side, true);
      s.caseId = filed.id;
      s.photoId = filed.photoIds[0] as string;
      expect((await s.operator.post(`/api/v1/cases/${s.caseId}/actions`, { action: 'accept' })).status).toBe(
        200,
      );
      const dispatched = await s.operator.post(`/api/v1/cases/${s.caseId}/actions`, {
        action: 'dispatch',
        leadPostId: s.postId,
      });
      expect(dispatched.status).toBe(200);
    };
    await build('inside');
    await build('outside');
    actors.push({ name: 'anonymous', client: null, phone: null, grants: [] });
    for (const [role, phone] of Object.entries(PHONES) as [Role, string][]) {
      actors.push({ name: role, client: await signedIn(t.app, phone), phone, grants: await grantsOf(phone) });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every registered route has an entry in the table', () => {
    const paths = (
      t.app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }
    ).swagger().paths;
    const registered = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(registered.filter((r) => !(r in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((r) => !registered.includes(r))).toEqual([]);
    expect(Object.keys(calls).sort()).toEqual(Object.keys(ROUTE_ACCESS).sort());
  });

  it('answers every route, role and side as the table says', async () => {
    const wrong: string[] = [];
    let cells = 0;
    // Signing out and changing one's password end sessions: those go last, each on a session of its own.
    const last = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/password']);
    const order = [...Object.keys(ROUTE_ACCESS).filter((r) => !last.has(r)), ...last];
    for (const route of order) {
      const access = ROUTE_ACCESS[route] as RouteAccess;
      for (const actor of actors) {
        for (const side of ['inside', 'outside'] as const) {
          const call = await (calls[route] as (s: Side) => Promise<Call>)(side);
          if (call.targetPath === null && side === 'outside') continue;
          const who =
            last.has(route) && actor.phone ? { ...actor, client: await signedIn(t.app, actor.phone) } : actor;
          const status = await send(who, call);
          const denied = [401, 403, 404].includes(status);
          const expected = letsIn(access, actor, call.targetPath);
          cells++;
          if (denied === expected)
            wrong.push(
              `${route} · ${actor.name} · ${side}: ${status}, expected ${expected ? 'let in' : 'refused'}`,
            );
        }
      }
    }
    console.log(
      `authorisation matrix: ${cells} (route, role, side) cells checked over ${order.length} routes`,
    );
    expect(wrong).toEqual([]);
  }, 300_000);
});
