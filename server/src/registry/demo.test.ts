import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config';
import { startTestApp, type TestApp } from '../testing/app';
import { signedIn } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { seedRegistryDemo } from './demo';
import { registrySecrets } from './secrets';

describe('registry demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    await seedRegistryDemo(t.database.db, registrySecrets(loadConfig({ NODE_ENV: 'test' }).registryKey));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows households in 椒香小院 and the demo resident bound to his', async () => {
    const yard = await unitNamed(t.database.db, '椒香小院');
    const head = await signedIn(t.app, DEMO.zhisheng.courtyardHead);
    const listed = await head.get(`/api/v1/registry/households?unitId=${yard.id}`);
    expect(listed.body.map((h: { headName: string }) => h.headName)).toEqual([
      '刘德明',
      '王秀兰',
      '张建国',
      '赵大勇',
    ]);
    const resident = await signedIn(t.app, DEMO.zhisheng.resident);
    const me = await resident.get('/api/v1/registry/me');
    expect(me.body.boundHousehold).toMatchObject({ address: '3组12号', courtyard: { name: '椒香小院' } });
    const gridWorker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    const id = await gridWorker.post(
      `/api/v1/registry/residents/${me.body.boundHousehold.residents[0].id}/reveal`,
      {
        field: 'idNumber',
        reason: '演示核对',
      },
    );
    expect(id.body.value).toMatch(/^50022619680512\d{3}[\dX]$/);
  });
});
