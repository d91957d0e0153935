import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createLocalDatabase, type LocalDatabase, type LocalDatabaseOptions } from '../../cloudfunctions/_platform/local/database';

const ROOT = path.resolve(__dirname, '../..');
const JOURNAL = 'journal.jsonl';
const SNAPSHOT = 'snapshot.json';

let dir: string;
const open: LocalDatabase[] = [];
/** The ad-hoc collections these tests (and fixtures/db-writer.ts) write. */
const COLLECTIONS = ['members', 'ledger', 'temp', 'pair', 'audit'];

async function openDb(opts: Partial<LocalDatabaseOptions> = {}) {
  const db = await createLocalDatabase({ dataDir: dir, collections: COLLECTIONS, ...opts });
  open.push(db);
  return db;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'localdb-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function seed(db: LocalDatabase) {
  const _ = db.command;
  await db.collection('members').add({ data: { _id: 'm1', name: '小明', joinedAt: new Date('2024-05-01T08:00:00Z'), points: 10 } });
  await db.collection('members').add({ data: { _id: 'm2', name: 'Li', joinedAt: new Date('2024-05-02T08:00:00Z'), points: 0 } });
  await db.collection('members').doc('m1').update({ data: { points: _.inc(5), tags: _.push('vip') } });
  await db.runTransaction(async (tx) => {
    await tx.collection('members').doc('m2').update({ data: { points: _.inc(7) } });
    await tx.collection('ledger').add({ data: { _id: 'l1', member: 'm2', points: 7, at: new Date('2024-05-03T00:00:00Z') } });
  });
  await db.collection('temp').add({ data: { _id: 't1' } });
  await db.collection('temp').doc('t1').remove();
}

async function expectSeeded(db: LocalDatabase) {
  const m1 = (await db.collection('members').doc('m1').get()).data;
  expect(m1).toEqual({ _id: 'm1', name: '小明', joinedAt: new Date('2024-05-01T08:00:00Z'), points: 15, tags: ['vip'] });
  expect(m1.joinedAt).toBeInstanceOf(Date);
  expect((await db.collection('members').doc('m2').get()).data.points).toBe(7);
  const l1 = (await db.collection('ledger').doc('l1').get()).data;
  expect(l1.at).toBeInstanceOf(Date);
  expect((l1.at as Date).toISOString()).toBe('2024-05-03T00:00:00.000Z');
  expect(await db.collection('temp').count()).toEqual({ total: 0 });
}

describe('durability', () => {
  it('keeps data across close and reopen, Dates intact (with fsync on)', async () => {
    const db = await openDb({ fsync: true });
    await seed(db);
    await db.close();
    await expectSeeded(await openDb());
  });

  it('refuses a second open of the same folder, and allows it after close', async () => {
    const db = await openDb();
    await expect(createLocalDatabase({ dataDir: dir, collections: COLLECTIONS })).rejects.toThrow(/already open/);
    await db.close();
    await openDb();
  });

  it('discards a torn final journal line and keeps everything else', async () => {
    const db = await openDb();
    await seed(db);
    await db.close();
    const file = path.join(dir, JOURNAL);
    const intact = fs.readFileSync(file);
    fs.appendFileSync(file, '{"seq":999,"writes":[{"c":"members","id":"m3","doc":{"_id":"m3","na');
    const reopened = await openDb();
    await expectSeeded(reopened);
    await expect(reopened.collection('members').doc('m3').get()).rejects.toMatchObject({ kind: 'not-found' });
    expect(fs.readFileSync(file)).toEqual(intact); // cut off, so that new lines are not glued onto it
    await reopened.collection('members').add({ data: { _id: 'm4' } });
    await reopened.close();
    const again = await openDb();
    await expectSeeded(again);
    expect((await again.collection('members').doc('m4').get()).data).toEqual({ _id: 'm4' });
  });

  it('refuses to open over a corrupt journal line in the middle, naming the file and line', async () => {
    const db = await openDb();
    await seed(db);
    await db.close();
    const file = path.join(dir, JOURNAL);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1].slice(0, 20) + 'GARBAGE';
    fs.writeFileSync(file, lines.join('\n'));
    await expect(createLocalDatabase({ dataDir: dir, collections: COLLECTIONS })).rejects.toThrow(`Corrupt journal ${file} line 2`);
    // the failed open released the lock and touched nothing
    expect(fs.readFileSync(file, 'utf8')).toBe(lines.join('\n'));
    expect(fs.existsSync(path.join(dir, 'LOCK'))).toBe(false);
  });

  it('compacts into a snapshot, empties the journal, and reopens from both', async () => {
    const db = await openDb();
    await seed(db);
    await db.compact();
    expect(fs.statSync(path.join(dir, JOURNAL)).size).toBe(0);
    expect(fs.existsSync(path.join(dir, SNAPSHOT))).toBe(true);
    await db.collection('members').doc('m2').update({ data: { points: db.command.inc(1) } });
    await db.close();
    const reopened = await openDb();
    expect((await reopened.collection('members').doc('m2').get()).data.points).toBe(8);
    await reopened.collection('members').doc('m2').update({ data: { points: 7 } });
    await expectSeeded(reopened);
  });

  it('skips journal lines already in the snapshot (crash between snapshot rename and journal truncate)', async () => {
    const db = await openDb();
    await seed(db);
    const file = path.join(dir, JOURNAL);
    const before = fs.readFileSync(file);
    await db.compact();
    await db.close();
    fs.writeFileSync(file, before); // as if the truncate never happened
    await expectSeeded(await openDb());
  });

  it('refuses a corrupt snapshot, naming the file', async () => {
    const db = await openDb();
    await seed(db);
    await db.compact();
    await db.close();
    const file = path.join(dir, SNAPSHOT);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split('\n').slice(0, 2).join('\n') + '\n'); // lost its end
    await expect(createLocalDatabase({ dataDir: dir, collections: COLLECTIONS })).rejects.toThrow(`Corrupt snapshot ${file}`);
  });

  it('refuses to build a unique index over duplicates already on disk', async () => {
    const db = await openDb();
    await db.collection('ledger').add({ data: { requestId: 'r' } });
    await db.collection('ledger').add({ data: { requestId: 'r' } });
    await db.close();
    await expect(
      createLocalDatabase({
        dataDir: dir,
        collections: COLLECTIONS,
        indexes: [{ collection: 'ledger', name: 'requestId_unique', keys: { requestId: 1 }, unique: true, why: 'test' }],
      }),
    ).rejects.toThrow(/cannot build unique index ledger.requestId_unique/);
  });

  it('survives SIGKILL of a writing process: every transaction is wholly there or absent', async () => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'fixtures/db-writer.ts'), dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const lastAcked = await new Promise<number>((resolve, reject) => {
      let buf = '';
      let last = 0;
      child.stdout.on('data', (b: Buffer) => {
        buf += b.toString();
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        if (lines.length) last = Number(lines[lines.length - 1]);
        if (last >= 300) {
          child.kill('SIGKILL'); // in the middle of its write loop
          resolve(last);
        }
      });
      child.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));

    const db = await openDb(); // the dead writer's lock is stale and taken over
    const a = (await db.collection('pair').doc('a').get()).data;
    const b = (await db.collection('pair').doc('b').get()).data;
    expect(a.n).toBe(b.n);
    expect(a.n as number).toBeGreaterThanOrEqual(lastAcked); // acknowledged commits are never lost
    expect(b.at).toEqual(new Date(1_700_000_000_000 + (b.n as number)));
    expect(await db.collection('audit').count()).toEqual({ total: a.n });
  }, 30000);
});
