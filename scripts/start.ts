/**
 * `npm start`: builds what is stale, opens the local cloud on .data/, seeds the demo brand into an empty
 * data folder, serves the H5 app and the functions on 127.0.0.1, and runs timer triggers.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LocalCloud } from '../cloudfunctions/_platform/local/local-cloud';
import { startGateway } from '../cloudfunctions/_platform/local/gateway';
import { seedDemoBrand } from '../cloudfunctions/_platform/local/demo-seed';
import { PERSONAS } from '../cloudfunctions/_platform/local/demo-personas';

const root = resolve(__dirname, '..');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newestMtime(join(path, f))), st.mtimeMs);
}

function buildIfStale(name: string, output: string, inputs: string[], command: string): void {
  const built = newestMtime(output);
  const changed = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  if (built && built >= changed && !process.env.FORCE_BUILD) return;
  console.log(`building ${name}…`);
  execSync(command, { cwd: root, stdio: 'inherit' });
}

async function main(): Promise<void> {
  buildIfStale('cloud functions', join(root, 'dist/cloudfunctions'), ['cloudfunctions'], 'npm run -s build:functions');
  buildIfStale('H5 app', join(root, 'dist/h5/index.html'), ['src', 'config', 'cloudfunctions/_core'], 'npm run -s build:h5');

  const dataDir = resolve(root, process.env.DATA_DIR ?? '.data');
  const cloud = await LocalCloud.start({ dataDir, functionsDir: join(root, 'dist/cloudfunctions') });
  const seed = await seedDemoBrand(cloud);
  if (seed.seeded) console.log(`seeded the demo brand: ${seed.members} members, ${PERSONAS.length} personas`);

  const gateway = await startGateway({ cloud, staticDir: join(root, 'dist/h5'), port: Number(process.env.PORT ?? 10086) });
  const timers = setInterval(() => void cloud.runDueTimers().catch((e) => console.error('timer failed', e)), 1000);

  console.log(`\n本地云已启动 local cloud ready: ${gateway.url}/`);
  console.log(`data: ${dataDir}   functions: ${cloud.functionNames().join(', ')}`);
  console.log(`timers: ${cloud.triggers().map((t) => `${t.fn}.${t.name} "${t.cron}"`).join('; ') || 'none'}`);
  console.log('personas (switch in the app, top right): ' + PERSONAS.map((p) => `${p.name}(${p.role})`).join(', '));

  const stop = async () => {
    clearInterval(timers);
    await gateway.close();
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
