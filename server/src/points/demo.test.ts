import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config';
import { seedRegistryDemo } from '../registry/demo';
import { registrySecrets } from '../registry/secrets';
import { startTestApp, type TestApp } from '../testing/app';
import { signedIn } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { seedPointsHistoryDemo } from './demo';

describe('the demo’s points history', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    await seedRegistryDemo(t.database.db, registrySecrets(loadConfig({ NODE_ENV: 'test' }).registryKey));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('opens on a courtyard ranking that says something, and the resident’s balance agrees with it', async () => {
    // Noon in Chongqing, so that every patrol shift of the last five days falls in November.
    const now = new Date('2026-11-20T12:00:00+08:00');
    expect(await seedPointsHistoryDemo(t.database.db, now)).toBe(11);
    const yard = await unitNamed(t.database.db, '椒香小院');
    const resident = await signedIn(t.app, DEMO.zhisheng.resident);
    const board = await resident.get(
      `/api/v1/leaderboard?level=households&scope=${yard.id}&period=month&at=2026-11-20`,
    );
    expect(board.status).toBe(200);
    const rows = board.body.rows as { points: number; rank: number; mine: boolean }[];
    expect(rows.map((r) => [r.rank, r.points])).toEqual([
      [1, 15],
      [2, 9],
      [3, 6],
      [4, 3],
    ]);
    const mine = rows.find((r) => r.mine);
    const points = await resident.get('/api/v1/points/mine');
    expect(mine).toBeDefined();
    expect(points.body.points.balance).toBe(mine?.points);
  });
});
