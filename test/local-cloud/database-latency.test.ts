/**
 * The latency model: every operation waits one round trip, a transaction's begin and commit one each, at most
 * `maxConcurrent` operations are in flight, and the critical-path clock counts sequential round trips.
 */
import { createLocalDatabase, latencyFromEnv, VirtualClock, type LatencyModel, type LocalDatabase, type RoundTripClock } from '../../cloudfunctions/_platform/local/database';

let db: LocalDatabase;
beforeEach(async () => {
  db = await createLocalDatabase({ collections: ['c'] });
});
afterEach(() => db.close());

const model = (m: Partial<LatencyModel> = {}): LatencyModel => ({ opMs: 10, jitterMs: 0, beginMs: 10, commitMs: 10, maxConcurrent: 0, ...m });

/** Records every round trip's duration and ends it on the next turn: no real waiting. */
function recordingClock(random = () => 0.5) {
  const waits: number[] = [];
  const clock: RoundTripClock = { sleep: (ms) => (waits.push(ms), new Promise((r) => setImmediate(r))), random };
  return { waits, clock };
}

describe('latency model', () => {
  it('is off by default: operations never wait a round trip', async () => {
    const { waits, clock } = recordingClock();
    db.setLatency(null, clock);
    await db.collection('c').add({ data: { _id: 'a' } });
    await db.collection('c').doc('a').get();
    expect(db.latency()).toBeNull();
    expect(waits).toEqual([]);
    expect(latencyFromEnv({})).toBeNull();
  });

  it('makes every operation one round trip, and a transaction two more (begin, commit)', async () => {
    const { waits, clock } = recordingClock();
    db.setLatency(model({ opMs: 10, beginMs: 7, commitMs: 8 }), clock);
    const c = db.collection('c');
    await c.add({ data: { _id: 'a', n: 1 } });
    await c.doc('a').get();
    await c.where({ n: 1 }).count();
    expect(waits).toEqual([10, 10, 10]);
    waits.length = 0;
    await db.runTransaction(async (tx) => {
      const { data } = await tx.collection('c').doc('a').get();
      await tx.collection('c').doc('a').update({ data: { n: (data.n as number) + 1 } });
    });
    expect(waits).toEqual([7, 10, 10, 8]);
    expect((await c.doc('a').get()).data.n).toBe(2);
  });

  it('keeps jitter within ± jitterMs of the latency', async () => {
    for (const [r, expected] of [[0, 6], [0.5, 10], [0.999999, 14]] as const) {
      const { waits, clock } = recordingClock(() => r);
      db.setLatency(model({ opMs: 10, jitterMs: 4 }), clock);
      await db.collection('c').where({}).get();
      expect(waits[0]).toBeCloseTo(expected, 3);
    }
  });

  it('takes about the configured time on real timers: 10 sequential operations at 20 ms, 10 parallel ones', async () => {
    db.setLatency(model({ opMs: 20 }));
    const doc = db.collection('c').doc('x');
    await doc.set({ data: { n: 0 } });
    let t = performance.now();
    for (let i = 0; i < 10; i++) await doc.update({ data: { n: db.command.inc(1) } });
    const sequential = performance.now() - t;
    t = performance.now();
    await Promise.all(Array.from({ length: 10 }, () => doc.get()));
    const parallel = performance.now() - t;
    // Timers never fire early (1 ms of rounding allowed); the upper bounds leave room for a busy machine.
    expect(sequential).toBeGreaterThanOrEqual(10 * 19);
    expect(sequential).toBeLessThan(10 * 20 + 1500);
    expect(parallel).toBeGreaterThanOrEqual(19);
    expect(parallel).toBeLessThan(sequential / 2);
    expect((await doc.get()).data.n).toBe(10);
  });

  it('caps the operations in flight; the rest queue and all complete', async () => {
    let pending = 0;
    let peak = 0;
    const clock: RoundTripClock = {
      random: () => 0.5,
      sleep: () => {
        peak = Math.max(peak, ++pending);
        return new Promise((r) => setTimeout(() => (pending--, r()), 1));
      },
    };
    db.setLatency(model({ maxConcurrent: 5 }), clock);
    const c = db.collection('c');
    await Promise.all(Array.from({ length: 50 }, (_, i) => c.add({ data: { _id: `d${i}` } })));
    expect(peak).toBe(5);
    expect((await c.count()).total).toBe(50);
  });

  it('still interleaves concurrent callers between operations: a read-modify-write loses updates', async () => {
    db.setLatency(model({ opMs: 2, jitterMs: 1 }));
    const doc = db.collection('c').doc('rmw');
    await doc.set({ data: { n: 0 } });
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const { data } = await doc.get();
        await doc.update({ data: { n: (data.n as number) + 1 } });
      }),
    );
    expect((await doc.get()).data.n).toBeLessThan(20);
  });

  it('reads the environment', () => {
    expect(latencyFromEnv({ LOCAL_DB_LATENCY_MS: '10' })).toEqual({ opMs: 10, jitterMs: 0, beginMs: 10, commitMs: 10, maxConcurrent: 0 });
    const env = { LOCAL_DB_LATENCY_MS: '10', LOCAL_DB_JITTER_MS: '3', LOCAL_DB_BEGIN_MS: '15', LOCAL_DB_COMMIT_MS: '12', LOCAL_DB_MAX_CONCURRENT: '20' };
    expect(latencyFromEnv(env)).toEqual({ opMs: 10, jitterMs: 3, beginMs: 15, commitMs: 12, maxConcurrent: 20 });
    expect(latencyFromEnv({ LOCAL_DB_LATENCY_MS: '0' })).toBeNull();
    expect(() => latencyFromEnv({ LOCAL_DB_LATENCY_MS: '-1' })).toThrow(/LOCAL_DB_LATENCY_MS/);
  });
});

describe('critical-path clock', () => {
  const roundTrips = async (fn: () => Promise<unknown>) => {
    const clock = new VirtualClock();
    db.setLatency(model({ opMs: 1, beginMs: 1, commitMs: 1 }), clock);
    await fn();
    db.setLatency(null);
    return clock.now();
  };

  it('adds sequential round trips and counts operations awaited together once', async () => {
    const c = db.collection('c');
    await c.add({ data: { _id: 'a', n: 1 } });
    expect(await roundTrips(async () => {
      await c.doc('a').get();
      await c.doc('a').get();
      await c.doc('a').get();
    })).toBe(3);
    expect(await roundTrips(() => Promise.all([c.doc('a').get(), c.where({ n: 1 }).get(), c.count(), c.doc('a').get()]))).toBe(1);
    expect(await roundTrips(async () => {
      await Promise.all([c.doc('a').get(), (async () => (await c.doc('a').get(), await c.doc('a').get()))()]);
      await c.doc('a').get();
    })).toBe(3);
    // begin, get, update, commit
    expect(await roundTrips(() => db.runTransaction(async (tx) => {
      await tx.collection('c').doc('a').get();
      await tx.collection('c').doc('a').update({ data: { n: 2 } });
    }))).toBe(4);
  });
});
