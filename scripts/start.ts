/**
 * `npm start`: builds what is stale, opens the local cloud on .data/, seeds the demo brand into an empty
 * data folder, serves the H5 app and the functions on 127.0.0.1, and runs timer triggers.
 *
 * Stopping: Ctrl-C, SIGTERM or SIGHUP stop the server (and a build still running); so does the end of the
 * process that started this one or the one that started that (npm killed without passing the signal on; npm runs
 * us under `sh -c`), checked twice a second from the first moment, builds included. The dev clock (POST /api/_dev/clock) is kept in the data folder.
 * FORCE_BUILD=1 rebuilds even when fresh; SKIP_BUILD=1 serves what dist/ holds (test/e2e/npm-start.e2e.test.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LocalCloud } from '../cloudfunctions/_platform/local/local-cloud';
import { startGateway } from '../cloudfunctions/_platform/local/gateway';
import { seedDemoBrand } from '../cloudfunctions/_platform/local/demo-seed';
import { PERSONAS } from '../cloudfunctions/_platform/local/demo-personas';

const root = resolve(__dirname, '..');
const builds = new Set<ChildProcess>();
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;

async function stop(code = 0): Promise<never> {
  if (!stopping) {
    stopping = true;
    // Each build runs in its own process group (detached): stop the group, the build's own children included.
    for (const child of builds) if (child.pid) process.kill(-child.pid, 'SIGTERM');
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
process.on('SIGHUP', () => void stop());
// `npm start` runs this under `sh -c`: when npm dies (SIGKILL, a closed terminal), the shell stays and our parent
// never changes, so the process that started the shell (npm) is watched too.
const parent = process.ppid;
const grandparent = parentOf(parent);
setInterval(() => {
  if (process.ppid !== parent || (grandparent !== null && !alive(grandparent))) void stop();
}, 500).unref();

function parentOf(pid: number): number | null {
  const answer = spawnSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' });
  const ppid = Number(answer.stdout?.trim());
  // 1 (init) or 0: nothing meaningful to watch.
  return answer.status === 0 && Number.isInteger(ppid) && ppid > 1 ? ppid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newestMtime(join(path, f))), st.mtimeMs);
}

/** Runs a build as a child this process can stop (a synchronous exec would block the parent check). */
function run(command: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('sh', ['-c', command], { cwd: root, stdio: 'inherit', detached: true });
    builds.add(child);
    child.on('exit', (code) => {
      builds.delete(child);
      if (code === 0) done();
      else fail(new Error(`${command} failed (${code})`));
    });
  });
}

async function buildIfStale(name: string, output: string, inputs: string[], command: string): Promise<void> {
  const built = newestMtime(output);
  const changed = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  if (built && (process.env.SKIP_BUILD || (built >= changed && !process.env.FORCE_BUILD))) return;
  console.log(`building ${name}…`);
  await run(command);
}

async function main(): Promise<void> {
  await buildIfStale('cloud functions', join(root, 'dist/cloudfunctions'), ['cloudfunctions'], 'npm run -s build:functions');
  await buildIfStale('H5 app', join(root, 'dist/h5/index.html'), ['src', 'config', 'cloudfunctions/_core'], 'npm run -s build:h5');

  const dataDir = resolve(root, process.env.DATA_DIR ?? '.data');
  const cloud = await LocalCloud.start({ dataDir, functionsDir: join(root, 'dist/cloudfunctions') });
  cleanups.push(() => cloud.close());
  // Payouts behave as WeChat Pay's merchant transfer does in production: the member confirms receipt (确认收款).
  cloud.payments.transferBehaviour = 'wait_confirm';
  const seed = await seedDemoBrand(cloud);
  if (seed.seeded) console.log(`seeded the demo brand: ${seed.members} members, ${PERSONAS.length} personas`);

  const gateway = await startGateway({ cloud, staticDir: join(root, 'dist/h5'), port: Number(process.env.PORT ?? 10086) });
  cleanups.push(async () => {
    gateway.server.closeAllConnections();
    await gateway.close();
  });
  const timers = setInterval(() => void cloud.runDueTimers().catch((e) => console.error('timer failed', e)), 1000);
  cleanups.push(async () => clearInterval(timers));

  console.log(`\n本地云已启动 local cloud ready: ${gateway.url}/`);
  console.log(`data: ${dataDir}   clock: ${cloud.clock.now().toISOString()}   functions: ${cloud.functionNames().join(', ')}`);
  const latency = cloud.db.latency();
  if (latency) console.log(`database latency model: ${JSON.stringify(latency)} (LOCAL_DB_LATENCY_MS & co.)`);
  console.log(`timers: ${cloud.triggers().map((t) => `${t.fn}.${t.name} "${t.cron}"`).join('; ') || 'none'}`);
  console.log('personas (switch in the app, top right): ' + PERSONAS.map((p) => `${p.name}(${p.role})`).join(', '));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  void stop(1);
});
