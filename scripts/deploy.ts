/**
 * `npm run deploy`: creates the collections, indexes and permissions of the collection spec and uploads every
 * function with its triggers, timeout, runtime and environment variables to a CloudBase (WeChat Cloud)
 * environment, through @cloudbase/manager-node.
 *
 *   npm run deploy -- --dry-run          print the plan (no credentials, no network)
 *   npm run deploy -- --dry-run --json   the same plan as JSON
 *   npm run deploy                       build the functions, then apply the plan
 *
 * Credentials and values come from the shell, never from the repository: CLOUDBASE_ENV_ID,
 * TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for temporary keys), plus each
 * function's variables (MEMBER_CODE_SECRET, WX_PAY_SUB_MCH_ID).
 */
import { execSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { applyPlan } from './deploy/apply';
import { buildDeployPlan, renderPlan } from './deploy/plan';

const ROOT = resolve(__dirname, '..');
const CREDENTIALS = ['CLOUDBASE_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const;

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => !['--dry-run', '--json'].includes(a));
  if (unknown.length) {
    console.error(`unknown option(s): ${unknown.join(' ')} (use --dry-run, --json)`);
    return 2;
  }
  const plan = buildDeployPlan(process.env);
  if (argv.includes('--dry-run')) {
    console.log(argv.includes('--json') ? JSON.stringify(plan, null, 2) : renderPlan(plan));
    return 0;
  }
  const absent = CREDENTIALS.filter((name) => !process.env[name]);
  if (absent.length) {
    console.error(`set ${absent.join(', ')} in the environment (never in the repository); see README "Deploy to WeChat Cloud"`);
    return 2;
  }
  console.log(renderPlan(plan), '\n');
  execSync('npm run -s build:functions', { cwd: ROOT, stdio: 'inherit' });
  // Loaded only here: the dry run needs neither the SDK nor the network.
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const manager = new CloudBase({
    envId: process.env.CLOUDBASE_ENV_ID,
    secretId: process.env.TENCENTCLOUD_SECRETID,
    secretKey: process.env.TENCENTCLOUD_SECRETKEY,
    token: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined,
  });
  await applyPlan(plan, manager, { functionsRoot: join(ROOT, 'dist', 'cloudfunctions'), env: process.env, log: (line) => console.log(line) });
  console.log('\ndeployed');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
