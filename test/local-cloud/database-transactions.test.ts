import fc from 'fast-check';
import { isDatabaseError, type Transaction } from '../../cloudfunctions/_platform/database.port';
import { createLocalDatabase, type LocalDatabase } from '../../cloudfunctions/_platform/local/database';

let db: LocalDatabase;
beforeEach(async () => {
  db = await createLocalDatabase({
    collections: ['accounts', 'ledger', 'counters'],
    indexes: [{ collection: 'ledger', name: 'requestId_unique', keys: { requestId: 1 }, unique: true, why: 'idempotency' }],
  });
  await db.collection('accounts').add({ data: { _id: 'alice', balance: 100 } });
  await db.collection('accounts').add({ data: { _id: 'bob', balance: 100 } });
});
afterEach(() => db.close());

const balance = async (id: string) => (await db.collection('accounts').doc(id).get()).data.balance as number;

async function transfer(tx: Transaction, from: string, to: string, amount: number) {
  const accounts = tx.collection('accounts');
  const a = (await accounts.doc(from).get()).data.balance as number;
  const b = (await accounts.doc(to).get()).data.balance as number;
  await accounts.doc(from).set({ data: { balance: a - amount } });
  await accounts.doc(to).set({ data: { balance: b + amount } });
}

describe('transactions', () => {
  it('reads a snapshot: concurrent committed writes are invisible inside, own writes visible', async () => {
    const seen: number[] = [];
    await db.runTransaction(async (tx) => {
      seen.push((await tx.collection('accounts').doc('alice').get()).data.balance as number);
      await db.collection('accounts').doc('alice').update({ data: { balance: 500 } }); // someone else commits
      seen.push((await tx.collection('accounts').doc('alice').get()).data.balance as number);
      await tx.collection('accounts').doc('bob').update({ data: { balance: db.command.inc(1) } });
      seen.push((await tx.collection('accounts').doc('bob').get()).data.balance as number);
      expect(await balance('bob')).toBe(100); // not visible outside before commit
    });
    expect(seen).toEqual([100, 100, 101]);
    expect(await balance('bob')).toBe(101);
    expect(await balance('alice')).toBe(500);
  });

  it('concurrent opposite transfers: the one that writes a held document fails at that write, unretried; the total is kept', async () => {
    const runs = { ab: 0, ba: 0 };
    const results = await Promise.allSettled([
      db.runTransaction((tx) => (runs.ab++, transfer(tx, 'alice', 'bob', 30))),
      db.runTransaction((tx) => (runs.ba++, transfer(tx, 'bob', 'alice', 10))),
    ]);
    // T1 holds alice and T2 holds bob when T1 writes bob: WeChat fails that write, and the SDK re-runs only
    // commit-time conflicts (its check is `error.code === 'DATABASE_TRANSACTION_CONFLICT'`).
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ name: 'DatabaseError', kind: 'conflict' });
    expect(runs).toEqual({ ab: 1, ba: 1 });
    expect(await balance('alice')).toBe(110);
    expect(await balance('bob')).toBe(90);
    expect(db.stats()).toMatchObject({ conflicts: 1, transactions: 1 });
  });

  it('a write to a document another open transaction holds fails at once, and the holder still commits', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let secondRuns = 0;
    const holder = db.runTransaction(async (tx) => {
      await tx.collection('accounts').doc('alice').update({ data: { balance: db.command.inc(-5) } });
      await gate;
    });
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    const second = db.runTransaction(async (tx) => {
      secondRuns++;
      await tx.collection('accounts').doc('bob').update({ data: { balance: db.command.inc(1) } });
      await tx.collection('accounts').doc('alice').update({ data: { balance: db.command.inc(1) } });
    });
    await expect(second).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('document.update:fail') });
    expect(secondRuns).toBe(1);
    release();
    await holder;
    expect([await balance('alice'), await balance('bob')]).toEqual([95, 100]);
  });

  it('a write to a document someone committed after the snapshot fails at that write, unretried', async () => {
    let runs = 0;
    const p = db.runTransaction(async (tx) => {
      runs++;
      await tx.collection('accounts').doc('alice').get();
      await db.collection('accounts').doc('alice').update({ data: { balance: db.command.inc(1) } }); // someone else
      await tx.collection('accounts').doc('alice').update({ data: { balance: 0 } });
    }, 5);
    await expect(p).rejects.toMatchObject({ name: 'DatabaseError', kind: 'conflict' });
    expect(runs).toBe(1);
    expect(await balance('alice')).toBe(101);
  });

  it('50 concurrent get+set increments: each succeeds or fails with conflict, none is lost', async () => {
    await db.collection('counters').add({ data: { _id: 'c', n: 0 } });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        db
          .runTransaction(async (tx) => {
            const { data } = await tx.collection('counters').doc('c').get();
            await tx.collection('counters').doc('c').set({ data: { n: (data.n as number) + 1 } });
          })
          .then(
            () => 'ok',
            (e) => (isDatabaseError(e, 'conflict') ? 'conflict' : `other: ${String(e)}`),
          ),
      ),
    );
    const ok = outcomes.filter((o) => o === 'ok').length;
    expect(outcomes.filter((o) => o !== 'ok' && o !== 'conflict')).toEqual([]);
    expect(ok).toBeGreaterThan(0);
    expect((await db.collection('counters').doc('c').get()).data.n).toBe(ok);
  });

  it('a conflict found at commit re-runs the whole callback, at most `retries` more times, then rejects', async () => {
    let runs = 0;
    const p = db.runTransaction(async (tx) => {
      runs++;
      await tx.collection('accounts').doc('alice').update({ data: { balance: 0 } });
      // A write outside any transaction lands after ours was made: only the commit can see it.
      await db.collection('accounts').doc('alice').update({ data: { balance: db.command.inc(1) } });
    }, 2);
    await expect(p).rejects.toMatchObject({ name: 'DatabaseError', kind: 'conflict' });
    expect(runs).toBe(3);
    expect(await balance('alice')).toBe(103);
  });

  it('a commit-time conflict re-runs the callback, which then commits', async () => {
    let runs = 0;
    await db.runTransaction(async (tx) => {
      runs++;
      await tx.collection('accounts').doc('alice').update({ data: { balance: db.command.inc(-10) } });
      if (runs === 1) await db.collection('accounts').doc('alice').update({ data: { touchedBy: 'other' } });
    });
    expect(runs).toBe(2);
    expect(await balance('alice')).toBe(90);
    expect(db.stats()).toMatchObject({ conflicts: 1, transactions: 1 });
  });

  it('a write conflict caught by the callback still aborts the attempt: no partial commit, no re-run', async () => {
    let runs = 0;
    const p = db.runTransaction(async (tx) => {
      runs++;
      await tx.collection('accounts').doc('alice').update({ data: { balance: db.command.inc(-10) } });
      await db.collection('accounts').doc('bob').update({ data: { touchedBy: 'other' } });
      try {
        await tx.collection('accounts').doc('bob').update({ data: { balance: db.command.inc(10) } });
      } catch {
        // swallowing the error must not let the debit through alone
      }
    });
    await expect(p).rejects.toMatchObject({ kind: 'conflict' });
    expect(runs).toBe(1);
    expect(await balance('alice')).toBe(100);
    expect(await balance('bob')).toBe(100);
  });

  it('applies nothing and does not retry when the callback throws', async () => {
    let runs = 0;
    const boom = new Error('business rule said no');
    await expect(
      db.runTransaction(async (tx) => {
        runs++;
        await tx.collection('accounts').doc('alice').update({ data: { balance: 0 } });
        await tx.collection('ledger').add({ data: { requestId: 'r1' } });
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(runs).toBe(1);
    expect(await balance('alice')).toBe(100);
    expect(await db.collection('ledger').count()).toEqual({ total: 0 });
  });

  it('offers no where/aggregate on tx (throws if forced past the type)', async () => {
    await db.runTransaction(async (tx) => {
      const forced = tx.collection('accounts') as unknown as Record<string, (...a: unknown[]) => unknown>;
      expect(() => forced.where({ balance: 1 })).toThrow(/not available inside a transaction/);
      expect(() => forced.aggregate()).toThrow(/not available inside a transaction/);
      expect(() => forced.get()).toThrow(/not available inside a transaction/);
    });
  });

  it('rejects a unique-index violation at commit with duplicate-key and applies nothing', async () => {
    await db.collection('ledger').add({ data: { requestId: 'r1', points: 10 } });
    let runs = 0;
    await expect(
      db.runTransaction(async (tx) => {
        runs++;
        await tx.collection('accounts').doc('alice').update({ data: { balance: db.command.inc(10) } });
        await tx.collection('ledger').add({ data: { requestId: 'r1', points: 10 } });
      }),
    ).rejects.toMatchObject({ kind: 'duplicate-key' });
    expect(runs).toBe(1);
    expect(await balance('alice')).toBe(100);
    expect(await db.collection('ledger').count()).toEqual({ total: 1 });
  });

  it('two concurrent transactions with the same idempotency key: exactly one applies', async () => {
    const grant = (tx: Transaction) =>
      Promise.all([
        tx.collection('ledger').add({ data: { requestId: 'r-same', points: 5 } }),
        tx.collection('accounts').doc('bob').update({ data: { points: db.command.inc(5) } }),
      ]);
    const results = await Promise.allSettled([db.runTransaction(grant), db.runTransaction(grant)]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(['duplicate-key', 'conflict']).toContain((rejected[0].reason as { kind: string }).kind);
    expect((await db.collection('accounts').doc('bob').get()).data.points).toBe(5);
    expect(await db.collection('ledger').count()).toEqual({ total: 1 });
  });

  it('tx get of a missing document rejects with not-found; tx add of an existing _id with duplicate-key', async () => {
    await expect(db.runTransaction((tx) => tx.collection('accounts').doc('nobody').get())).rejects.toMatchObject({ kind: 'not-found' });
    await expect(db.runTransaction((tx) => tx.collection('accounts').add({ data: { _id: 'alice' } }))).rejects.toMatchObject({
      kind: 'duplicate-key',
    });
  });

  it('refuses a tx used after its callback ended', async () => {
    let leaked: Transaction | undefined;
    await db.runTransaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.collection('accounts').doc('alice').get()).rejects.toMatchObject({ kind: 'invalid' });
  });
});

describe('fault injection', () => {
  it('a fault at the N-th operation of a transaction leaves no partial state, for every N', async () => {
    const ops = ['doc.get', 'doc.get', 'doc.set', 'doc.set', 'add', 'commit'];
    for (let n = 1; n <= ops.length; n++) {
      const seen: string[] = [];
      db.injectFault((op) => {
        if (!op.inTransaction) return false;
        seen.push(op.kind);
        return seen.length === n;
      });
      await expect(
        db.runTransaction(async (tx) => {
          await transfer(tx, 'alice', 'bob', 25);
          await tx.collection('ledger').add({ data: { requestId: `t-${n}`, amount: 25 } });
        }),
      ).rejects.toMatchObject({ kind: 'unavailable' });
      db.injectFault(null);
      expect(seen).toEqual(ops.slice(0, n));
      expect(await balance('alice')).toBe(100);
      expect(await balance('bob')).toBe(100);
      expect(await db.collection('ledger').count()).toEqual({ total: 0 });
    }
    // and without the fault the same transaction goes through
    await db.runTransaction((tx) => transfer(tx, 'alice', 'bob', 25));
    expect([await balance('alice'), await balance('bob')]).toEqual([75, 125]);
  });

  it('a throwing injector fails the operation with unavailable and changes nothing', async () => {
    db.injectFault((op) => {
      if (op.kind === 'update') throw new Error('network down');
      return false;
    });
    await expect(db.collection('accounts').where({ _id: 'alice' }).update({ data: { balance: 1 } })).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('network down'),
    });
    db.injectFault(null);
    expect(await balance('alice')).toBe(100);
  });
});

describe('snapshot isolation under random interleavings (property)', () => {
  it('conserves the total, keeps reads repeatable, and loses no account', async () => {
    type Task = { kind: 'transfer'; from: number; to: number; amount: number } | { kind: 'recreate'; who: number } | { kind: 'scan' };
    const task: fc.Arbitrary<Task> = fc.oneof(
      fc.record({ kind: fc.constant('transfer' as const), from: fc.nat(4), to: fc.nat(4), amount: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ kind: fc.constant('recreate' as const), who: fc.nat(4) }),
      fc.constant({ kind: 'scan' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(task, { minLength: 1, maxLength: 25 }), async (tasks) => {
        const pdb = await createLocalDatabase({ collections: ['acc'] });
        const names = ['a0', 'a1', 'a2', 'a3', 'a4'];
        for (const n of names) await pdb.collection('acc').add({ data: { _id: n, balance: 100 } });
        const unrepeatable: string[] = [];
        const run = (t: Task) => {
          if (t.kind === 'scan') return pdb.collection('acc').get();
          if (t.kind === 'recreate') {
            // Take the account out in one transaction, put it back in a later call: in between it is absent,
            // and transactions whose snapshot still sees it must conflict rather than resurrect it.
            const id = names[t.who];
            return pdb
              .runTransaction(async (tx) => {
                const { data } = await tx.collection('acc').doc(id).get();
                await tx.collection('acc').doc(id).remove();
                return data.balance;
              }, 10)
              .then((balance) => pdb.collection('acc').add({ data: { _id: id, balance } }));
          }
          return pdb.runTransaction(async (tx) => {
            const acc = tx.collection('acc');
            const [from, to] = [names[t.from], names[t.to]];
            const a = (await acc.doc(from).get()).data.balance as number;
            const b = (await acc.doc(to).get()).data.balance as number;
            if ((await acc.doc(from).get()).data.balance !== a) unrepeatable.push(from);
            if (from === to) return;
            await acc.doc(from).update({ data: { balance: a - t.amount } });
            await acc.doc(to).update({ data: { balance: b + t.amount } });
          }, 10);
        };
        await Promise.allSettled(tasks.map(run));
        const all = (await pdb.collection('acc').get()).data;
        await pdb.close();
        expect(unrepeatable).toEqual([]);
        expect(all.map((d) => d._id).sort()).toEqual(names);
        expect(all.reduce((s, d) => s + (d.balance as number), 0)).toBe(500);
      }),
      { numRuns: 60 },
    );
  });
});
