import { join, resolve } from 'node:path';
import { ALL_CONFIGS } from '../../cloudfunctions/_core/config/config-registry';
import { CONFIG_COLLECTION } from '../../cloudfunctions/_core/config/operator-config';
import { ROLES, type RoleRecord } from '../../cloudfunctions/_core/staff/role.record';
import type { Result } from '../../cloudfunctions/_core/shared/errors';
import { LocalCloud, type FunctionMain } from '../../cloudfunctions/_platform/local/local-cloud';

export const ROOT = resolve(__dirname, '../..');

/** The local cloud running the functions from source (integration tests); function tests use the bundles. */
export async function startSourceCloud(opts: { dataDir?: string } = {}): Promise<LocalCloud> {
  return LocalCloud.start({
    dataDir: opts.dataDir,
    functionsDir: join(ROOT, 'cloudfunctions'),
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loadMain: (fn) => (require(join(ROOT, 'cloudfunctions', fn, 'index.ts')) as { main: FunctionMain }).main,
  });
}

export async function writeDefaultConfigs(cloud: LocalCloud): Promise<void> {
  for (const def of ALL_CONFIGS) {
    await cloud.db.collection(CONFIG_COLLECTION).doc(def.id).set({ data: { ...(def.fallback as object) } });
  }
}

export async function grantRole(cloud: LocalCloud, openid: string, role: RoleRecord['role'], storeId: string | null = 'S001') {
  await cloud.db.collection(ROLES).doc(openid).set({ data: { role, storeId, name: openid, active: true } });
}

export function registration(overrides: Record<string, unknown> = {}) {
  return {
    consent: { policyVersion: '2026-11-01', accepted: true },
    nickname: '测试会员',
    avatarUrl: 'preset:1',
    ...overrides,
  };
}

/** Unwraps a successful Result or fails the test with the error it carried. */
export function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.data;
}

export async function count(cloud: LocalCloud, collection: string, where: Record<string, unknown> = {}): Promise<number> {
  return (await cloud.db.collection(collection).where(where).count()).total;
}
