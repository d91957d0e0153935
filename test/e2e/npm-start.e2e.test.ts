/**
 * `npm start` as a developer runs it (npm → node scripts/start.ts): stopping npm stops the server it started,
 * whether npm passes the signal on (SIGTERM) or dies without a word (SIGKILL: the server notices its parent is
 * gone); nothing of the process group is left behind. The dev clock offset survives a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/test-cloud';

const DAY = 86_400_000;
let dataDir: string;
const started: ChildProcess[] = [];

beforeAll(() => {
  for (const p of ['dist/h5/index.html', 'dist/cloudfunctions/member/index.js']) {
    if (!existsSync(join(ROOT, p))) throw new Error(`${p} is missing: run \`npm run build\` (npm test does)`);
  }
  dataDir = mkdtempSync(join(tmpdir(), 'suc-start-'));
});
afterAll(async () => {
  // Never leave a server behind, even when a test failed half-way: each group this file started gets SIGTERM
  // (start.ts then stops any build it runs), then SIGKILL.
  const signal = (sig: NodeJS.Signals) =>
    started.forEach((child) => {
      try {
        process.kill(-(child.pid as number), sig);
      } catch {
        // already gone
      }
    });
  signal('SIGTERM');
  await new Promise((r) => setTimeout(r, 3000));
  signal('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** `npm start` in its own process group (as a terminal would run it) on the test's data folder and a free port. */
async function npmStart(): Promise<{ npm: ChildProcess; url: string }> {
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SKIP_BUILD: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(npm);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${output}`)), 45_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /local cloud ready: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    npm.stdout?.on('data', read);
    npm.stderr?.on('data', read);
    npm.on('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
  });
  return { npm, url };
}

function http(url: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Whether any process of the group `pgid` is still alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** After npm is gone: the group empties and the port refuses connections within a few seconds. */
async function expectStopped(npm: ChildProcess, url: string): Promise<void> {
  await exited(npm);
  const deadline = Date.now() + 10_000;
  while (groupAlive(npm.pid as number) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect({ leftBehind: groupAlive(npm.pid as number) }).toEqual({ leftBehind: false });
  await expect(http(`${url}/api/_dev/clock`)).rejects.toThrow(/ECONNREFUSED/);
}

it('SIGTERM to npm stops the server; the clock moved before survives the restart', async () => {
  const first = await npmStart();
  const moved = await http(`${first.url}/api/_dev/clock`, 'POST', JSON.stringify({ advanceMs: 3 * DAY }));
  expect(moved.status).toBe(200);
  const movedTo = Date.parse(JSON.parse(moved.body).now as string);
  expect(movedTo - Date.now()).toBeGreaterThan(3 * DAY - 60_000);

  first.npm.kill('SIGTERM');
  await expectStopped(first.npm, first.url);

  const second = await npmStart();
  const now = Date.parse(JSON.parse((await http(`${second.url}/api/_dev/clock`)).body).now as string);
  // Still three days ahead of real time (the offset kept, time running on).
  expect(now - Date.now()).toBeGreaterThan(3 * DAY - 60_000);
  expect(now - Date.now()).toBeLessThan(3 * DAY + 60_000);
  second.npm.kill('SIGTERM');
  await expectStopped(second.npm, second.url);
}, 120_000);

it('npm killed outright (SIGKILL): the server sees its parent gone and stops too', async () => {
  const { npm, url } = await npmStart();
  npm.kill('SIGKILL');
  await expectStopped(npm, url);
}, 90_000);
