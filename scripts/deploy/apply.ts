/**
 * Applies a deploy plan to a CloudBase environment through @cloudbase/manager-node (the official management
 * SDK; its typings in node_modules/@cloudbase/manager-node/types are what this is written against).
 * Idempotent: run it again and it changes only what differs from the plan. It never deletes a collection,
 * a document or an index that the spec does not name (it reports such indexes).
 */
import type CloudBase from '@cloudbase/manager-node';
import type { DeployPlan, PlannedCollection, PlannedFunction, ShellEnv } from './plan';

/** The part of the manager this uses (a test passes a recording stand-in of the same type). */
export interface DeployManager {
  database: Pick<CloudBase['database'], 'createCollectionIfNotExists' | 'describeCollection' | 'updateCollection'>;
  permission: Pick<CloudBase['permission'], 'modifyResourcePermission'>;
  functions: Pick<
    CloudBase['functions'],
    'getFunctionDetail' | 'createFunction' | 'updateFunctionCode' | 'updateFunctionConfig' | 'waitFunctionActive' | 'createFunctionTriggers' | 'deleteFunctionTrigger'
  >;
}

type FunctionSpec = Parameters<CloudBase['functions']['createFunction']>[0]['func'];

export interface ApplyOptions {
  /** Absolute folder holding the built functions (dist/cloudfunctions). */
  functionsRoot: string;
  /** Values of the functions' environment variables (the deploying shell's). */
  env: ShellEnv;
  log: (line: string) => void;
}

export async function applyPlan(plan: DeployPlan, manager: DeployManager, opts: ApplyOptions): Promise<void> {
  const missing = plan.functions.flatMap((f) => f.variables.filter((v) => v.required && !opts.env[v.name]).map((v) => v.name));
  if (missing.length) throw new Error(`set these environment variables before deploying: ${[...new Set(missing)].join(', ')}`);
  for (const c of plan.collections) await applyCollection(c, manager, opts.log);
  for (const f of plan.functions) await applyFunction(f, manager, opts);
}

async function applyCollection(c: PlannedCollection, manager: DeployManager, log: (line: string) => void): Promise<void> {
  const { IsCreated } = await manager.database.createCollectionIfNotExists(c.name);
  log(`collection ${c.name}: ${IsCreated ? 'created' : 'exists'}`);

  const existing = (await manager.database.describeCollection(c.name)).Indexes ?? [];
  const byName = new Map(existing.map((i) => [i.Name, i]));
  const differs = c.indexes.filter((i) => {
    const have = byName.get(i.name);
    if (!have) return false;
    const keys = (have.Keys ?? []).map((k) => `${k.Name}:${k.Direction}`).join(',');
    return keys !== i.keys.map((k) => `${k.field}:${k.direction}`).join(',') || Boolean(have.Unique) !== i.unique;
  });
  const create = c.indexes.filter((i) => !byName.has(i.name) || differs.includes(i));
  if (differs.length) {
    await manager.database.updateCollection(c.name, { DropIndexes: differs.map((i) => ({ IndexName: i.name })) });
    log(`  dropped changed indexes: ${differs.map((i) => i.name).join(', ')}`);
  }
  if (create.length) {
    await manager.database.updateCollection(c.name, {
      CreateIndexes: create.map((i) => ({
        IndexName: i.name,
        MgoKeySchema: { MgoIsUnique: i.unique, MgoIndexKeys: i.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })) },
      })),
    });
    log(`  created indexes: ${create.map((i) => i.name).join(', ')}`);
  }
  const unknown = existing.filter((i) => i.Name !== '_id_' && !c.indexes.some((s) => s.name === i.Name)).map((i) => i.Name);
  if (unknown.length) log(`  indexes not in the spec (left alone): ${unknown.join(', ')}`);

  await manager.permission.modifyResourcePermission({ resourceType: 'collection', resource: c.name, permission: c.permission, securityRule: c.rule });
  log(`  permission ${c.permission}${c.rule ? ` ${c.rule}` : ''}`);
}

function functionSpec(f: PlannedFunction, env: ShellEnv): FunctionSpec {
  return {
    name: f.name,
    runtime: f.runtime,
    handler: f.handler,
    timeout: f.timeout,
    installDependency: f.installDependency,
    // The function's variables are exactly these: one set by hand in the console and unset here is removed.
    envVariables: Object.fromEntries(f.variables.filter((v) => env[v.name]).map((v) => [v.name, env[v.name] as string])),
    triggers: f.triggers.map((t) => ({ name: t.name, type: t.type, config: t.config })),
  };
}

/** SCF answers ResourceNotFound.Function (or ResourceNotFound.FunctionName) for a function that does not exist. */
const isNotFound = (e: unknown) => /^ResourceNotFound/.test(String((e as { code?: unknown })?.code ?? ''));

async function applyFunction(f: PlannedFunction, manager: DeployManager, opts: ApplyOptions): Promise<void> {
  const func = functionSpec(f, opts.env);
  const detail = await manager.functions.getFunctionDetail(f.name).catch((e: unknown) => {
    if (isNotFound(e)) return null;
    throw e;
  });
  if (!detail) {
    // Creates the function with its code, configuration and triggers, and waits until it is active.
    await manager.functions.createFunction({ func, functionRootPath: opts.functionsRoot, force: false });
    opts.log(`function ${f.name}: created (${f.runtime}, ${f.timeout} s, ${f.triggers.length} trigger(s))`);
    return;
  }
  if (detail.Runtime && detail.Runtime !== f.runtime) {
    throw new Error(`function ${f.name} runs ${detail.Runtime} but the plan wants ${f.runtime}: an update cannot change the runtime (delete the function in the console, then deploy)`);
  }
  await manager.functions.updateFunctionCode({ func, functionRootPath: opts.functionsRoot });
  await manager.functions.waitFunctionActive(f.name);
  // Without `triggers`: updateFunctionConfig would create them and swallow a failure; they are synced below.
  const { triggers: _t, ...config } = func;
  void _t;
  await manager.functions.updateFunctionConfig(config);
  await manager.functions.waitFunctionActive(f.name);

  const remote = detail.Triggers ?? [];
  const wanted = new Map(f.triggers.map((t) => [t.name, t]));
  const stale = remote.filter((r) => {
    const w = wanted.get(r.TriggerName);
    return !w || w.config !== r.TriggerDesc || w.type !== r.Type;
  });
  for (const r of stale) await manager.functions.deleteFunctionTrigger(f.name, r.TriggerName);
  const kept = new Set(remote.filter((r) => !stale.includes(r)).map((r) => r.TriggerName));
  const create = f.triggers.filter((t) => !kept.has(t.name));
  if (create.length) await manager.functions.createFunctionTriggers(f.name, create);
  opts.log(
    `function ${f.name}: code and configuration updated (${f.timeout} s); triggers ${create.length || stale.length ? `-${stale.length} +${create.length}` : 'unchanged'}`,
  );
}
