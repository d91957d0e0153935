/**
 * The race proof: concurrent calls interleave between database operations, so code that races in the cloud
 * races here too, and the documented safe patterns stay safe.
 */
import { isDatabaseError } from '../../cloudfunctions/_platform/database.port';
import { createLocalDatabase, type LocalDatabase } from '../../cloudfunctions/_platform/local/database';

let db: LocalDatabase;
afterEach(() => db.close());

const times = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

describe('concurrency', () => {
  beforeEach(async () => {
    db = await createLocalDatabase({ collections: ['counters', 'products', 'coupons'] });
  });

  it('loses updates with a naive read-modify-write, exactly like the cloud would', async () => {
    const counter = db.collection('counters').doc('naive');
    await counter.set({ data: { n: 0 } });
    await times(100, async () => {
      const { data } = await counter.get();
      await counter.update({ data: { n: (data.n as number) + 1 } });
    });
    const { data } = await counter.get();
    expect(data.n).toBeLessThan(100);
  });

  it('counts exactly with the atomic _.inc', async () => {
    const counter = db.collection('counters').doc('atomic');
    await counter.set({ data: { n: 0 } });
    const results = await times(100, () => counter.update({ data: { n: db.command.inc(1) } }));
    expect(results.every((r) => r.stats.updated === 1)).toBe(true);
    expect((await counter.get()).data.n).toBe(100);
  });

  it('sells exactly the stock with a conditional decrement checked by stats.updated', async () => {
    const _ = db.command;
    const products = db.collection('products');
    await products.add({ data: { _id: 'p1', stock: 10 } });
    const results = await times(50, () =>
      products.where({ _id: 'p1', stock: _.gte(1) }).update({ data: { stock: _.inc(-1) } }),
    );
    expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(10);
    expect(results.filter((r) => r.stats.updated === 0)).toHaveLength(40);
    expect((await products.doc('p1').get()).data.stock).toBe(0);
  });

  it('oversells with check-then-write (the litemall bug), proving the interleaving is real', async () => {
    const coupons = db.collection('coupons');
    await coupons.add({ data: { _id: 'c1', left: 1 } });
    const claimed = await times(20, async () => {
      const { data } = await coupons.doc('c1').get();
      if ((data.left as number) < 1) return false;
      await coupons.doc('c1').update({ data: { left: (data.left as number) - 1 } });
      return true;
    });
    expect(claimed.filter(Boolean).length).toBeGreaterThan(1);
  });
});

describe('unique indexes', () => {
  beforeEach(async () => {
    db = await createLocalDatabase({
      collections: ['claims'],
      indexes: [
        { collection: 'claims', name: 'requestId_unique', keys: { requestId: 1 }, unique: true, why: 'idempotency' },
        { collection: 'claims', name: 'member_campaign', keys: { member: 1, campaign: 1 }, unique: true, why: 'one per member' },
        { collection: 'claims', name: 'by_member', keys: { member: 1 }, unique: false, why: 'listing' },
      ],
    });
  });

  it('lets exactly one of many concurrent adds with the same key succeed', async () => {
    const outcomes = await times(30, (i) =>
      db
        .collection('claims')
        .add({ data: { requestId: 'req-1', member: `m${i}`, campaign: 'c' } })
        .then(
          () => 'ok',
          (e) => (isDatabaseError(e, 'duplicate-key') ? 'dup' : `other: ${String(e)}`),
        ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'dup')).toHaveLength(29);
    expect(await db.collection('claims').count()).toEqual({ total: 1 });
  });

  it('enforces compound keys, counts a missing field as null, and checks set/update too', async () => {
    const claims = db.collection('claims');
    await claims.add({ data: { _id: 'a', requestId: 'r1', member: 'm1', campaign: 'c1' } });
    await claims.add({ data: { _id: 'b', requestId: 'r2', member: 'm1', campaign: 'c2' } });
    await expect(claims.add({ data: { requestId: 'r3', member: 'm1', campaign: 'c1' } })).rejects.toMatchObject({
      kind: 'duplicate-key',
      message: expect.stringContaining('member_campaign'),
    });
    // two documents without requestId both index null
    await claims.add({ data: { _id: 'n1', member: 'x', campaign: 'y' } });
    await expect(claims.add({ data: { member: 'x2', campaign: 'y2' } })).rejects.toMatchObject({ kind: 'duplicate-key' });
    await expect(claims.doc('b').update({ data: { campaign: 'c1' } })).rejects.toMatchObject({ kind: 'duplicate-key' });
    await expect(claims.doc('b').set({ data: { requestId: 'r1' } })).rejects.toMatchObject({ kind: 'duplicate-key' });
    expect((await claims.doc('b').get()).data).toEqual({ _id: 'b', requestId: 'r2', member: 'm1', campaign: 'c2' });
    // moving a key away frees it
    await claims.doc('a').update({ data: { requestId: 'r1-old' } });
    await claims.add({ data: { requestId: 'r1', member: 'm9', campaign: 'c9' } });
  });

  it('applies nothing of a multi-document update that would violate an index', async () => {
    const claims = db.collection('claims');
    await claims.add({ data: { _id: 'a', requestId: 'r1', member: 'm1', campaign: 'c1' } });
    await claims.add({ data: { _id: 'b', requestId: 'r2', member: 'm2', campaign: 'c1' } });
    await expect(claims.where({ campaign: 'c1' }).update({ data: { member: 'same' } })).rejects.toMatchObject({
      kind: 'duplicate-key',
    });
    expect((await claims.orderBy('_id', 'asc').get()).data.map((d) => d.member)).toEqual(['m1', 'm2']);
  });
});
