import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, matters } from '../db/schema';
import { startTwoApps, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

/**
 * Intake holds units and matters in memory. What staff change on one server process must hold for the
 * very next reports on every other one: nothing filed against a retired matter, nothing placed by an
 * outline that has been redrawn.
 */
describe.each(testBackends())(
  'report intake after staff change the map or the catalogue, on %s',
  (backend) => {
    let two: Awaited<ReturnType<typeof startTwoApps>>;
    let reporterOnA: TestClient;
    let operatorOnB: TestClient;
    let adminOnB: TestClient;
    let townId: string;
    let yardId: string;

    beforeAll(async () => {
      two = await startTwoApps(backend);
      reporterOnA = await signedIn(two.a, DEMO.zhisheng.resident);
      operatorOnB = await signedIn(two.b, DEMO.zhisheng.operator);
      adminOnB = await signedIn(two.b, DEMO.admin);
      townId = (await unitNamed(two.database.db, '直升镇')).id;
      yardId = (await unitNamed(two.database.db, '椒香小院')).id;
    });
    afterAll(async () => {
      await two?.close();
    });

    const report = (body: Record<string, unknown>) =>
      reporterOnA.post('/api/v1/cases', { id: uuidv7(), description: '路面破损', ...body });

    it('a matter retired on one process is refused at once by the other', async () => {
      const [matter] = await two.database.db
        .select()
        .from(matters)
        .where(and(eq(matters.townId, townId), isNotNull(matters.parentId), eq(matters.code, 'ROAD-01')));
      const matterId = matter?.id as string;
      expect((await report({ matterId, unitId: yardId })).status).toBe(201);

      expect((await operatorOnB.post(`/api/v1/matters/${matterId}/retire`)).status).toBe(204);

      await expect
        .poll(async () => (await report({ matterId, unitId: yardId })).body.code, { timeout: 3_000 })
        .toBe('MATTER_NOT_IN_TOWN');
    });

    it('a courtyard drawn on one process holds the next report at its point on the other', async () => {
      const [matter] = await two.database.db
        .select()
        .from(matters)
        .where(
          and(
            eq(matters.townId, townId),
            isNotNull(matters.parentId),
            isNull(matters.retiredAt),
            ne(matters.code, 'ROAD-01'),
          ),
        );
      const matterId = matter?.id as string;
      const yard = await unitNamed(two.database.db, '椒香小院');
      const grid = await two.database.db.query.orgUnits.findFirst({
        where: (u, { eq: is }) => is(u.id, yard.parentId as string),
      });
      const point = { lat: grid?.centerLat as number, lng: grid?.centerLng as number };
      const placedAt = async (body: Record<string, unknown>) => {
        const answer = await report(body);
        expect(answer.status).toBe(201);
        const [row] = await two.database.db.select().from(cases).where(eq(cases.id, answer.body.id));
        return row?.unitId;
      };
      const before = await placedAt({ matterId, location: point });

      const d = 0.0002;
      const square = [
        [point.lng - d, point.lat - d],
        [point.lng + d, point.lat - d],
        [point.lng + d, point.lat + d],
        [point.lng - d, point.lat + d],
        [point.lng - d, point.lat - d],
      ];
      const drawn = await adminOnB.post('/api/v1/org/units', {
        parentId: grid?.id,
        name: '新划小院',
        boundary: { type: 'Polygon', coordinates: [square] },
      });
      expect(drawn.status).toBe(201);
      expect(drawn.body.id).not.toBe(before);

      await expect
        .poll(() => placedAt({ matterId, location: point }), { timeout: 3_000 })
        .toBe(drawn.body.id);
    });
  },
);
