/**
 * `npm run deploy`: the dry run prints the whole plan and it matches the spec (collections, indexes,
 * permissions) and each function's config.json (triggers, open-API permissions), with 60 s for every timer
 * function; the real path calls @cloudbase/manager-node as its typings say, idempotently.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/_core/collections';
import { SERVER_ONLY } from '../../cloudfunctions/_platform/database.port';
import { deployableFunctions } from '../../scripts/build-functions';
import { applyPlan, type DeployManager } from '../../scripts/deploy/apply';
import { buildDeployPlan, FUNCTION_VARIABLES, OPTIONAL_FUNCTION_VARIABLES, OPTIONAL_TIMER_VARIABLES, renderPlan, RUNTIME, type DeployPlan } from '../../scripts/deploy/plan';

const ROOT = join(__dirname, '../..');
const SECRET_VALUE = 'a-secret-that-must-never-be-printed-0123456789';
/** The shell of a developer without credentials, with one variable set. */
const SHELL = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MEMBER_CODE_SECRET: SECRET_VALUE };

function runDeploy(args: string[]) {
  const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', join(ROOT, 'scripts/deploy.ts'), ...args], { cwd: ROOT, env: SHELL as unknown as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const configOf = (fn: string) =>
  JSON.parse(readFileSync(join(ROOT, 'cloudfunctions', fn, 'config.json'), 'utf8')) as { triggers?: { name: string; type: string; config: string }[]; permissions?: { openapi?: string[] } };

describe('npm run deploy -- --dry-run', () => {
  const json = runDeploy(['--dry-run', '--json']);
  const plan = JSON.parse(json.out) as DeployPlan;

  it('needs no credentials and no network, and prints no secret', () => {
    expect(json.code).toBe(0);
    expect(json.out).not.toContain(SECRET_VALUE);
    expect(plan.envId).toBeNull();
  });

  it('creates every collection of the spec with its indexes and its permission', () => {
    expect(plan.collections.map((c) => c.name)).toEqual(COLLECTIONS.map((c) => c.name));
    for (const spec of COLLECTIONS) {
      const planned = plan.collections.find((c) => c.name === spec.name)!;
      expect(planned.permission).toBe('CUSTOM');
      expect(JSON.parse(planned.rule!)).toEqual(SERVER_ONLY.rule);
      expect(planned.indexes).toEqual(
        (spec.indexes ?? []).map((i) => ({ name: i.name, unique: i.unique, keys: Object.entries(i.keys).map(([field, direction]) => ({ field, direction })) })),
      );
    }
  });

  it('uploads every function with its triggers, open-API permissions, timeout, runtime and variables', () => {
    expect(plan.functions.map((f) => f.name)).toEqual(deployableFunctions());
    for (const f of plan.functions) {
      const config = configOf(f.name);
      expect(f.triggers).toEqual(config.triggers ?? []);
      expect(f.openapi).toEqual(config.permissions?.openapi ?? []);
      expect(f.timeout).toBe(f.triggers.length ? 60 : 10);
      expect(f).toMatchObject({ runtime: RUNTIME, handler: 'index.main', installDependency: true, dir: join('dist', 'cloudfunctions', f.name) });
      expect(f.variables).toEqual([
        ...FUNCTION_VARIABLES[f.name].map((name) => ({ name, set: name === 'MEMBER_CODE_SECRET', required: true })),
        ...(OPTIONAL_FUNCTION_VARIABLES[f.name] ?? []).map((name) => ({ name, set: false, required: false })),
        ...(f.triggers.length ? [{ name: 'JOB_RUN_SECRET', set: false, required: false }] : []),
      ]);
    }
    // The timer functions the issue named keep no default timeout.
    for (const fn of ['coupons', 'admin', 'mall', 'points', 'member']) expect(plan.functions.find((f) => f.name === fn)?.timeout).toBe(60);
  });

  it('prints the same plan as text, every collection, index, function, trigger and variable in it', () => {
    const text = runDeploy(['--dry-run']);
    expect(text.code).toBe(0);
    expect(text.out.trim()).toBe(renderPlan(buildDeployPlan(SHELL)));
    for (const c of plan.collections) {
      expect(text.out).toContain(`  ${c.name}  permission CUSTOM {"read":false,"write":false}`);
      for (const i of c.indexes) expect(text.out).toContain(`    index ${i.name} (`);
    }
    for (const f of plan.functions) {
      expect(text.out).toContain(`  ${f.name}  from dist/cloudfunctions/${f.name}  runtime ${RUNTIME}  handler index.main  timeout ${f.timeout} s`);
      for (const t of f.triggers) expect(text.out).toContain(`${t.name} (timer "${t.config}")`);
      for (const v of f.variables) expect(text.out).toContain(`${v.name} (${v.set ? 'set' : v.required ? 'MISSING' : 'unset, optional'})`);
    }
    expect(text.out).not.toContain(SECRET_VALUE);
  });

  it('a real deploy without credentials stops before doing anything, saying what to set', () => {
    const real = runDeploy([]);
    expect(real.code).toBe(2);
    expect(real.err).toContain('CLOUDBASE_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY');
  });
});

describe('function variables', () => {
  /** Set by WeChat Cloud itself in every function. */
  const PLATFORM_PROVIDED = new Set(['TCB_ENV', 'SCF_NAMESPACE']);
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      if (p.includes(join('_platform', 'local'))) return [];
      return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
    });

  it('declares every variable the deployed code reads for some function', () => {
    const read = new Set<string>();
    for (const file of sources(join(ROOT, 'cloudfunctions'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/process\.env\.([A-Z_][A-Z0-9_]*)/g)) read.add(m[1]);
      for (const m of text.matchAll(/export type SecretName = ([^;]+);/g)) for (const s of m[1].matchAll(/'([A-Z_]+)'/g)) read.add(s[1]);
    }
    const declared = new Set([...Object.values(FUNCTION_VARIABLES).flat(), ...Object.values(OPTIONAL_FUNCTION_VARIABLES).flat(), ...OPTIONAL_TIMER_VARIABLES]);
    expect([...read].filter((v) => !PLATFORM_PROVIDED.has(v) && !declared.has(v))).toEqual([]);
    expect(read.size).toBeGreaterThan(1);
  });
});

/** A stand-in for @cloudbase/manager-node that records what it is asked, typed by the real typings. */
function recordingManager(existing: { indexes?: Record<string, { Name: string; Keys: { Name: string; Direction: string }[]; Unique: boolean }[]>; functions?: Record<string, { Runtime: string; Triggers: { TriggerName: string; Type: string; TriggerDesc: string }[] }> } = {}) {
  const calls: [string, ...unknown[]][] = [];
  const rec = (name: string, result: unknown = {}) => async (...args: unknown[]) => {
    calls.push([name, ...args]);
    return result as never;
  };
  const manager: DeployManager = {
    database: {
      createCollectionIfNotExists: async (name) => {
        calls.push(['createCollectionIfNotExists', name]);
        return { IsCreated: !existing.indexes?.[name], RequestId: 'r', ExistsResult: { RequestId: 'r', Exists: Boolean(existing.indexes?.[name]) } };
      },
      describeCollection: async (name) => {
        calls.push(['describeCollection', name]);
        return { RequestId: 'r', Indexes: (existing.indexes?.[name] ?? []).map((i) => ({ ...i, Size: 0, Accesses: { Ops: 0, Since: '' } })) };
      },
      updateCollection: rec('updateCollection'),
    },
    permission: { modifyResourcePermission: rec('modifyResourcePermission', { Data: { Success: true }, RequestId: 'r' }) },
    functions: {
      getFunctionDetail: async (name) => {
        calls.push(['getFunctionDetail', name]);
        const f = existing.functions?.[name];
        if (!f) throw Object.assign(new Error(`function ${name} not found`), { code: 'ResourceNotFound.Function' });
        return { FunctionName: name, Runtime: f.Runtime, Triggers: f.Triggers.map((t) => ({ ...t, Name: t.TriggerName, Config: t.TriggerDesc })) } as never;
      },
      createFunction: rec('createFunction'),
      updateFunctionCode: rec('updateFunctionCode'),
      updateFunctionConfig: rec('updateFunctionConfig'),
      waitFunctionActive: rec('waitFunctionActive'),
      createFunctionTriggers: rec('createFunctionTriggers'),
      deleteFunctionTrigger: rec('deleteFunctionTrigger'),
    },
  };
  return { manager, calls };
}

describe('applying the plan with @cloudbase/manager-node', () => {
  const env = { CLOUDBASE_ENV_ID: 'prod-1a2b', MEMBER_CODE_SECRET: 's'.repeat(40), WX_PAY_SUB_MCH_ID: '1900000109' };
  const plan = buildDeployPlan(env);
  const opts = { functionsRoot: '/repo/dist/cloudfunctions', env, log: () => {} };

  it('into an empty environment: every collection, index, permission and function', async () => {
    const { manager, calls } = recordingManager();
    await applyPlan(plan, manager, opts);
    const named = (n: string) => calls.filter((c) => c[0] === n);
    expect(named('createCollectionIfNotExists').map((c) => c[1])).toEqual(COLLECTIONS.map((c) => c.name));
    expect(named('modifyResourcePermission')).toContainEqual([
      'modifyResourcePermission',
      { resourceType: 'collection', resource: 'point_accounts', permission: 'CUSTOM', securityRule: '{"read":false,"write":false}' },
    ]);
    expect(named('modifyResourcePermission')).toHaveLength(COLLECTIONS.length);
    expect(named('updateCollection')).toContainEqual([
      'updateCollection',
      'point_entries',
      {
        CreateIndexes: [
          { IndexName: 'owner_seq', MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [{ Name: '_openid', Direction: '1' }, { Name: 'seq', Direction: '-1' }] } },
          {
            IndexName: 'owner_source_day',
            MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: '_openid', Direction: '1' }, { Name: 'source', Direction: '1' }, { Name: 'day', Direction: '1' }] },
          },
          { IndexName: 'day_source', MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: 'day', Direction: '1' }, { Name: 'source', Direction: '1' }] } },
        ],
      },
    ]);
    const created = named('createFunction').map((c) => c[1] as { func: Record<string, unknown>; functionRootPath: string });
    expect(created.map((c) => c.func.name)).toEqual(deployableFunctions());
    expect(created.find((c) => c.func.name === 'mall')).toEqual({
      functionRootPath: '/repo/dist/cloudfunctions',
      force: false,
      func: {
        name: 'mall',
        runtime: RUNTIME,
        handler: 'index.main',
        timeout: 60,
        installDependency: true,
        envVariables: { MEMBER_CODE_SECRET: env.MEMBER_CODE_SECRET, WX_PAY_SUB_MCH_ID: env.WX_PAY_SUB_MCH_ID },
        triggers: [{ name: 'unpaid', type: 'timer', config: '0 */5 * * * * *' }],
      },
    });
  });

  it('into an existing environment: changes only what differs, never drops what the spec does not name', async () => {
    const { manager, calls } = recordingManager({
      indexes: {
        coupons: [
          { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true },
          { Name: 'templateId', Keys: [{ Name: 'templateId', Direction: '1' }], Unique: false },
          { Name: 'status_validTo', Keys: [{ Name: 'status', Direction: '1' }], Unique: false },
          { Name: 'by_hand', Keys: [{ Name: 'x', Direction: '1' }], Unique: false },
        ],
      },
      functions: { points: { Runtime: RUNTIME, Triggers: [{ TriggerName: 'daily', Type: 'timer', TriggerDesc: '0 0 1 * * * *' }, { TriggerName: 'old', Type: 'timer', TriggerDesc: '0 0 4 * * * *' }] } },
    });
    const lines: string[] = [];
    await applyPlan(plan, manager, { ...opts, log: (l) => lines.push(l) });
    const coupons = calls.filter((c) => c[0] === 'updateCollection' && c[1] === 'coupons').map((c) => c[2] as Record<string, { IndexName: string }[]>);
    expect(coupons[0]).toEqual({ DropIndexes: [{ IndexName: 'status_validTo' }] });
    expect(coupons[1].CreateIndexes.map((i) => i.IndexName)).toEqual(['owner_status_claimedAt', 'status_validTo', 'status_remindOn', 'status_claimedAt', 'owner_template_day']);
    expect(lines).toContain('  indexes not in the spec (left alone): by_hand');

    const points = calls.filter((c) => c.includes('points') || (c[1] as { name?: string })?.name === 'points' || (c[1] as { func?: { name?: string } })?.func?.name === 'points');
    expect(points.map((c) => c[0])).toEqual([
      'getFunctionDetail',
      'updateFunctionCode',
      'waitFunctionActive',
      'updateFunctionConfig',
      'waitFunctionActive',
      'deleteFunctionTrigger',
      'deleteFunctionTrigger',
      'createFunctionTriggers',
    ]);
    const config = points.find((c) => c[0] === 'updateFunctionConfig')![1] as Record<string, unknown>;
    expect(config).toMatchObject({ name: 'points', timeout: 60, runtime: RUNTIME });
    expect(config).not.toHaveProperty('triggers');
    expect(points.filter((c) => c[0] === 'createFunctionTriggers')[0][2]).toEqual([{ name: 'daily', type: 'timer', config: '0 5/10 0-5 * * * *' }]);
  });

  it('gives JOB_RUN_SECRET to every timer function when the shell has it, to none otherwise', async () => {
    const withSecret = { ...env, JOB_RUN_SECRET: 'j'.repeat(40) };
    const { manager, calls } = recordingManager();
    await applyPlan(buildDeployPlan(withSecret), manager, { ...opts, env: withSecret });
    const vars = Object.fromEntries(
      calls.filter((c) => c[0] === 'createFunction').map((c) => {
        const func = (c[1] as { func: { name: string; envVariables: Record<string, string> } }).func;
        return [func.name, Object.keys(func.envVariables).sort()];
      }),
    );
    expect(vars).toMatchObject({ points: ['JOB_RUN_SECRET'], admin: ['JOB_RUN_SECRET'], staff: ['MEMBER_CODE_SECRET'], vip: ['WX_PAY_SUB_MCH_ID'] });
    expect(vars.mall).toEqual(['JOB_RUN_SECRET', 'MEMBER_CODE_SECRET', 'WX_PAY_SUB_MCH_ID']);
  });

  it('refuses a runtime it cannot change, and a missing variable before touching anything', async () => {
    const { manager } = recordingManager({ functions: { admin: { Runtime: 'Nodejs10.15', Triggers: [] } } });
    await expect(applyPlan(plan, manager, opts)).rejects.toThrow(/admin runs Nodejs10.15 but the plan wants Nodejs16.13/);
    const fresh = recordingManager();
    await expect(applyPlan(buildDeployPlan({}), fresh.manager, { ...opts, env: {} })).rejects.toThrow(/MEMBER_CODE_SECRET, WX_PAY_SUB_MCH_ID/);
    expect(fresh.calls).toEqual([]);
  });
});
