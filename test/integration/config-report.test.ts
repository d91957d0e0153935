/**
 * `admin.configReport` runs the same checks as `npm run config:check` on the live database: the planted
 * folder loaded into the local cloud gives the same mistakes, with the document's own mistakes as `invalid`
 * (the product skips it or reads the default) and broken references as `warning`.
 */
import { resolve } from 'node:path';
import type { ConfigReportView } from '../../cloudfunctions/_core/admin/admin.schema';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { checkFolder, readDocumentFolder } from '../../scripts/config-check';
import { grantRole, ok, startSourceCloud } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
});
afterEach(() => cloud.close());

const report = async () => ok(await cloud.call<ConfigReportView>('admin', { action: 'configReport', input: {} }, 'o-op'));

it('reports on the live database what config:check reports on the folder', async () => {
  const folder = resolve(__dirname, '../unit/fixtures/config-check/planted');
  for (const d of readDocumentFolder(folder).docs) await cloud.db.collection(d.collection).doc(d._id).set({ data: d.body });
  await grantRole(cloud, 'o-op', 'operator', null);
  const r = await report();
  const problems = r.configs.flatMap((c) => (c.status === 'invalid' || c.status === 'warning' ? c.problems.map((p) => [c.id, p]) : []));
  const folderMistakes = checkFolder(folder).map((m) => [m.where.replace(/^app_config\//, ''), m.line]);
  expect(problems.sort()).toEqual(folderMistakes.sort());
  expect(r.configs.find((c) => c.id === 'tiers')).toMatchObject({ status: 'invalid' });
  expect(r.configs.find((c) => c.id === 'mall_items/GHOST')).toMatchObject({ status: 'warning', title: '积分商城商品：不存在的券' });
  expect(r.configs.find((c) => c.id === 'mall_items/GIFT')).toMatchObject({ status: 'ok' });
  // Not in the folder: read as the built-in default.
  expect(r.configs.find((c) => c.id === 'privacy')).toMatchObject({ status: 'missing', title: '隐私政策' });
});

it('is refused to anyone but an operator', async () => {
  await grantRole(cloud, 'o-clerk', 'clerk');
  expect(await cloud.call('admin', { action: 'configReport', input: {} }, 'o-clerk')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
