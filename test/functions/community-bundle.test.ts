/** The built community bundle, as deployed: its certificate renderer finds the fonts and wasm in assets/. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { ROOT, ok, writeDefaultConfigs } from '../support/test-cloud';
import { call, post, registerMany, seedCommunity } from '../support/community';

const dist = join(ROOT, 'dist', 'cloudfunctions');
let cloud: LocalCloud;

beforeAll(async () => {
  if (!existsSync(join(dist, 'community', 'assets', 'resvg.wasm'))) throw new Error('run `npm run build:functions` first');
  cloud = await LocalCloud.start({ functionsDir: dist });
  await writeDefaultConfigs(cloud);
  await seedCommunity(cloud, { days: 1 });
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
});
afterAll(() => cloud.close());

it('joins a one-day campaign, checks in, and gets a generated certificate image', async () => {
  await registerMany(cloud, ['o-bundle']);
  ok(await call(cloud, 'o-bundle', 'joinCampaign', { campaignId: 'run7' }));
  await post(cloud, 'o-bundle', { text: '晨跑', topics: ['morning-run'] });
  const cert = ok(await call<{ imageUrl: string | null }>(cloud, 'o-bundle', 'certificate', { campaignId: 'run7' }));
  expect(cert.imageUrl).toContain('/_files/certificates/run7/');
});
