/**
 * The deploy plan: everything `npm run deploy` creates or changes in a WeChat Cloud (CloudBase) environment,
 * derived from the repository alone — collections, indexes and permissions from
 * `cloudfunctions/_core/collections.ts`; functions with their triggers and open-API permissions from each
 * `cloudfunctions/<fn>/config.json`; timeouts, runtime and environment variables from FUNCTION_SETTINGS
 * below. `npm run deploy -- --dry-run` prints it without credentials or network.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/_core/collections';
import type { CollectionPermission } from '../../cloudfunctions/_platform/database.port';
import { deployableFunctions } from '../build-functions';

const ROOT = resolve(__dirname, '../..');

/**
 * Node 16.13: the bundles are built for node16 (scripts/build-functions.ts) and use nothing newer; 18.15 would
 * also run them. The runtime of an existing function cannot be changed by an update (only at creation).
 */
export const RUNTIME = 'Nodejs16.13';
/** Every function with a timer job gets WeChat's maximum, so a batch job's time budget (50 s) fits. */
export const TIMER_FUNCTION_TIMEOUT_S = 60;
/**
 * Functions called by the app: WeChat's default of 3 s is too short for a cold start plus our transaction
 * retry (up to ~350 ms of jittered waits by default) or a slow WeChat Pay call.
 */
export const CALLED_FUNCTION_TIMEOUT_S = 10;

/**
 * Environment variables each function needs; their values come from the deploying shell, never the
 * repository, and a deploy refuses to start without them.
 */
export const FUNCTION_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  admin: [],
  // Birthday grants: points, coupons and the outbox; no secret, no money.
  birthday: [],
  community: [],
  koc: ['MEMBER_CODE_SECRET'],
  coupons: ['MEMBER_CODE_SECRET'],
  // Withdrawals go through the merchant transfer adapter (README, "Withdrawals in production"), not cloudPay:
  // its variables are optional (OPTIONAL_FUNCTION_VARIABLES); without them a withdrawal fails cleanly.
  distribution: [],
  groupbuy: ['MEMBER_CODE_SECRET', 'WX_PAY_SUB_MCH_ID'],
  mall: ['MEMBER_CODE_SECRET', 'WX_PAY_SUB_MCH_ID'],
  member: ['MEMBER_CODE_SECRET'],
  // Layer messages: the outbox and subscribe messages; no secret, no money.
  messages: [],
  scoring: [],
  'payment-callback': ['WX_PAY_SUB_MCH_ID'],
  points: [],
  staff: ['MEMBER_CODE_SECRET'],
  vip: ['WX_PAY_SUB_MCH_ID'],
};

/**
 * Variables every function with a timer gets when the shell has them: JOB_RUN_SECRET lets an operator run a job
 * by hand (_platform/runtime/run-job.ts); without it manual runs are refused, which is a safe default.
 */
export const OPTIONAL_TIMER_VARIABLES: readonly string[] = ['JOB_RUN_SECRET'];

/**
 * Variables a function gets when the shell has them, and works without: the merchant transfer's (商家转账)
 * merchant number, appid, API certificate serial and private key, and WeChat Pay's public key to verify answers
 * (_platform/wx/wx-transfers.ts). Without the first four, withdrawals fail cleanly and return the amount.
 */
export const OPTIONAL_FUNCTION_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  distribution: [
    'WX_TRANSFER_MCH_ID',
    'WX_TRANSFER_APPID',
    'WX_TRANSFER_CERT_SERIAL',
    'WX_TRANSFER_PRIVATE_KEY',
    'WX_TRANSFER_WECHATPAY_PUBLIC_KEY',
    'WX_TRANSFER_WECHATPAY_PUBLIC_KEY_ID',
  ],
};

export interface PlannedIndex {
  name: string;
  keys: { field: string; direction: 1 | -1 }[];
  unique: boolean;
}
export interface PlannedCollection {
  name: string;
  /** CloudBase's ACL tag: READONLY, PRIVATE, ADMINWRITE, ADMINONLY or CUSTOM (with `rule`). */
  permission: 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY' | 'CUSTOM';
  rule?: string;
  indexes: PlannedIndex[];
}
export interface PlannedTrigger {
  name: string;
  type: 'timer';
  /** WeChat's 7-field cron, Asia/Shanghai. */
  config: string;
}
export interface PlannedVariable {
  name: string;
  /** Whether the deploying shell has a value (the value itself is never printed). */
  set: boolean;
  /** A required variable left unset stops the deploy; an optional one is simply not set on the function. */
  required: boolean;
}
export interface PlannedFunction {
  name: string;
  /** Uploaded from here after `npm run build:functions`. */
  dir: string;
  runtime: string;
  handler: 'index.main';
  timeout: number;
  triggers: PlannedTrigger[];
  openapi: string[];
  variables: PlannedVariable[];
  /** WeChat installs package.json's dependencies (wx-server-sdk) in the cloud. */
  installDependency: true;
}
export interface DeployPlan {
  envId: string | null;
  collections: PlannedCollection[];
  functions: PlannedFunction[];
}

interface FunctionConfigJson {
  triggers?: { name: string; type: string; config: string }[];
  permissions?: { openapi?: string[] };
}

export function planPermission(p: CollectionPermission): Pick<PlannedCollection, 'permission' | 'rule'> {
  return 'simple' in p ? { permission: p.simple } : { permission: 'CUSTOM', rule: JSON.stringify(p.rule) };
}

/** The deploying shell's variables (process.env). */
export type ShellEnv = Readonly<Record<string, string | undefined>>;

export function buildDeployPlan(env: ShellEnv): DeployPlan {
  const collections = COLLECTIONS.map(
    (c): PlannedCollection => ({
      name: c.name,
      ...planPermission(c.permission),
      indexes: (c.indexes ?? []).map((i) => ({
        name: i.name,
        keys: Object.entries(i.keys).map(([field, direction]) => ({ field, direction })),
        unique: i.unique,
      })),
    }),
  );
  const functions = deployableFunctions().map((name): PlannedFunction => {
    const config = JSON.parse(readFileSync(join(ROOT, 'cloudfunctions', name, 'config.json'), 'utf8')) as FunctionConfigJson;
    const triggers = (config.triggers ?? []).map((t): PlannedTrigger => {
      if (t.type !== 'timer') throw new Error(`${name}/config.json: trigger ${t.name} is ${t.type}; only timer triggers exist`);
      return { name: t.name, type: 'timer', config: t.config };
    });
    const variables = FUNCTION_VARIABLES[name];
    if (!variables) throw new Error(`function ${name} has no entry in FUNCTION_VARIABLES (scripts/deploy/plan.ts)`);
    return {
      name,
      dir: join('dist', 'cloudfunctions', name),
      runtime: RUNTIME,
      handler: 'index.main',
      timeout: triggers.length ? TIMER_FUNCTION_TIMEOUT_S : CALLED_FUNCTION_TIMEOUT_S,
      triggers,
      openapi: config.permissions?.openapi ?? [],
      variables: [
        ...variables.map((v) => ({ name: v, set: Boolean(env[v]), required: true })),
        ...(OPTIONAL_FUNCTION_VARIABLES[name] ?? []).map((v) => ({ name: v, set: Boolean(env[v]), required: false })),
        ...(triggers.length ? OPTIONAL_TIMER_VARIABLES.map((v) => ({ name: v, set: Boolean(env[v]), required: false })) : []),
      ],
      installDependency: true,
    };
  });
  return { envId: env.CLOUDBASE_ENV_ID || null, collections, functions };
}

export function renderPlan(plan: DeployPlan): string {
  const out = [
    `Deploy plan for CloudBase environment ${plan.envId ?? '(CLOUDBASE_ENV_ID not set)'}`,
    '',
    `Collections (${plan.collections.length}): create when missing, create missing indexes, set the permission`,
  ];
  for (const c of plan.collections) {
    out.push(`  ${c.name}  permission ${c.permission}${c.rule ? ` ${c.rule}` : ''}`);
    for (const i of c.indexes) {
      const keys = i.keys.map((k) => `${k.field} ${k.direction === 1 ? 'asc' : 'desc'}`).join(', ');
      out.push(`    index ${i.name} (${keys})${i.unique ? ' unique' : ''}`);
    }
  }
  out.push('', `Functions (${plan.functions.length}): upload the bundle, install dependencies in the cloud, set the configuration, sync the triggers`);
  for (const f of plan.functions) {
    out.push(`  ${f.name}  from ${f.dir}  runtime ${f.runtime}  handler ${f.handler}  timeout ${f.timeout} s`);
    out.push(`    triggers: ${f.triggers.length ? f.triggers.map((t) => `${t.name} (${t.type} "${t.config}")`).join(', ') : 'none'}`);
    out.push(`    open-API permissions (config.json, uploaded with the code): ${f.openapi.length ? f.openapi.join(', ') : 'none'}`);
    const state = (v: PlannedVariable) => (v.set ? 'set' : v.required ? 'MISSING' : 'unset, optional');
    out.push(`    environment: ${f.variables.length ? f.variables.map((v) => `${v.name} (${state(v)})`).join(', ') : 'none'}`);
  }
  const missing = new Set(plan.functions.flatMap((f) => f.variables.filter((v) => v.required && !v.set).map((v) => v.name)));
  if (missing.size) out.push('', `Not set in this shell (a real deploy refuses): ${[...missing].join(', ')}`);
  return out.join('\n');
}
