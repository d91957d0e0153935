/**
 * The built bundles (dist/cloudfunctions/<fn>/index.js), exactly as deployed: required in a fresh module
 * scope with the local platform installed, called with a platform identity.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { contracts } from '../../cloudfunctions/_core/contracts';
import { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { ROOT, count, ok, registration, writeDefaultConfigs } from '../support/test-cloud';

const dist = join(ROOT, 'dist', 'cloudfunctions');

beforeAll(() => {
  if (!existsSync(dist)) throw new Error('dist/cloudfunctions is missing: run `npm run build:functions` (npm test does)');
});

describe('function bundles', () => {
  // Every client-callable function has a contract; payment-callback is called by WeChat Pay.
  const deployed = [...Object.keys(contracts), 'payment-callback'].sort();

  it('exist for every contract, each with index.js, package.json (wx-server-sdk only) and config.json', () => {
    expect(readdirSync(dist).sort()).toEqual(deployed);
    for (const fn of deployed) {
      const pkg = JSON.parse(readFileSync(join(dist, fn, 'package.json'), 'utf8'));
      expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);
      expect(existsSync(join(dist, fn, 'config.json'))).toBe(true);
      expect(existsSync(join(dist, fn, 'index.ts'))).toBe(false);
    }
  });

  it('bundle their shared code, keep wx-server-sdk external, and carry no local-cloud code', () => {
    for (const fn of deployed) {
      const code = readFileSync(join(dist, fn, 'index.js'), 'utf8');
      expect(code).toContain('require("wx-server-sdk")');
      expect(code).not.toMatch(/require\("(zod|dayjs)/);
      expect(code).not.toContain('x-dev-openid');
      expect(code).not.toContain('AsyncLocalStorage');
    }
  });

  it('declare exactly the timers their contracts name', () => {
    for (const [fn, c] of Object.entries(contracts)) {
      const cfg = JSON.parse(readFileSync(join(dist, fn, 'config.json'), 'utf8'));
      const names = (cfg.triggers ?? []).map((t: { name: string }) => t.name);
      expect(names).toEqual(Object.keys((c as { timers?: object }).timers ?? {}));
    }
  });

  describe('running on the local platform', () => {
    let cloud: LocalCloud;
    beforeAll(async () => {
      cloud = await LocalCloud.start({ functionsDir: dist });
      await writeDefaultConfigs(cloud);
    });
    afterAll(() => cloud.close());

    it('registers a member with the platform identity and ignores a forged one', async () => {
      const r = await cloud.call('member', { action: 'register', input: registration(), openid: 'o-forged' }, 'o-bundle');
      expect(ok(r)).toMatchObject({ nickname: '测试会员', tier: { code: 'silver' } });
      expect(await count(cloud, 'members', { _id: 'o-bundle' })).toBe(1);
      expect(await count(cloud, 'members', { _id: 'o-forged' })).toBe(0);
    });

    it('returns typed errors for bad input and unknown actions', async () => {
      expect(await cloud.call('member', { action: 'register', input: registration({ nickname: '' }) }, 'o-b2')).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'nickname' },
      });
      expect(await cloud.call('member', { action: 'drop' }, 'o-b2')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    });

    it('runs the timer job only when the platform triggers it', async () => {
      expect(await cloud.call('admin', { Type: 'Timer', TriggerName: 'daily' }, 'o-b2')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await cloud.trigger('admin', 'daily')).toMatchObject({
        ok: true,
        data: { requests: 0, usedCodes: 0, visits: 0, messageCaps: 0, pinAttempts: 0, done: true },
      });
    });

    it('scores members in the scoring bundle: the nightly timer, then the member view', async () => {
      expect(await cloud.trigger('scoring', 'nightly')).toMatchObject({ ok: true, data: { done: true, failed: 0 } });
      const mine = ok(await cloud.call<{ subScores: unknown[]; asOf: string | null }>('scoring', { action: 'mine', input: {} }, 'o-bundle'));
      expect(mine.subScores).toHaveLength(3);
      expect(mine.asOf).not.toBeNull();
    });
  });
});
