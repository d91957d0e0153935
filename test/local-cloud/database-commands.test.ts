import { isDatabaseError, type CollectionRef, type DocData } from '../../cloudfunctions/_platform/database.port';
import { createLocalDatabase, type LocalDatabase } from '../../cloudfunctions/_platform/local/database';

let db: LocalDatabase;
beforeEach(async () => {
  db = await createLocalDatabase({ collections: ['items', 'u', 'many', 'orders'] });
});
afterEach(() => db.close());

const ids = (docs: Array<{ _id: string }>) => docs.map((d) => d._id).sort();

async function rejectsWith(p: Promise<unknown>, kind: string): Promise<Error> {
  const e = await p.then(
    () => {
      throw new Error(`expected DatabaseError('${kind}')`);
    },
    (err: unknown) => err,
  );
  expect(isDatabaseError(e, kind as never)).toBe(true);
  return e as Error;
}

describe('query commands', () => {
  let items: CollectionRef;
  beforeEach(async () => {
    items = db.collection('items');
    const docs = [
      { _id: 'a', n: 1, tags: ['x', 'y'], sub: { b: 1, c: 'k' }, lines: [{ sku: 's1', qty: 2 }], at: new Date('2024-01-01T00:00:00Z') },
      { _id: 'b', n: 5, tags: ['y'], sub: { b: 2 }, lines: [{ sku: 's2', qty: 9 }], at: new Date('2024-06-01T00:00:00Z') },
      { _id: 'c', n: 10, tags: [], lines: [] },
      { _id: 'd', n: null, tags: ['z'] },
    ];
    for (const data of docs) await items.add({ data });
  });

  const where = async (q: Record<string, unknown>) => ids((await items.where(q).get()).data);

  it('supports every documented query command', async () => {
    const _ = db.command;
    expect(await where({ n: _.eq(5) })).toEqual(['b']);
    expect(await where({ n: _.neq(5) })).toEqual(['a', 'c', 'd']);
    expect(await where({ n: _.gt(1) })).toEqual(['b', 'c']);
    expect(await where({ n: _.gte(5) })).toEqual(['b', 'c']);
    expect(await where({ n: _.lt(5) })).toEqual(['a']);
    expect(await where({ n: _.lte(5) })).toEqual(['a', 'b']);
    expect(await where({ n: _.in([1, 10]) })).toEqual(['a', 'c']);
    expect(await where({ n: _.nin([1, 10]) })).toEqual(['b', 'd']);
    expect(await where({ sub: _.exists(true) })).toEqual(['a', 'b']);
    expect(await where({ lines: _.exists(false) })).toEqual(['d']);
    expect(await where({ tags: _.all(['x', 'y']) })).toEqual(['a']);
    expect(await where({ lines: _.elemMatch({ sku: 's2', qty: _.gt(5) }) })).toEqual(['b']);
    expect(await where({ at: _.gt(new Date('2024-03-01T00:00:00Z')) })).toEqual(['b']);
  });

  it('combines conditions with and/or at the top level and on a field', async () => {
    const _ = db.command;
    // The port types where() as DocData, so a top-level logic command needs a cast (see the lead's note).
    const top = (q: unknown) => q as DocData;
    expect(ids((await items.where(top(_.or([{ n: 1 }, { n: 10 }]))).get()).data)).toEqual(['a', 'c']);
    expect(ids((await items.where(top(_.or({ n: 1 }, { tags: 'z' }))).get()).data)).toEqual(['a', 'd']);
    expect(ids((await items.where(top(_.and([{ n: _.gt(0) }, { n: _.lt(6) }]))).get()).data)).toEqual(['a', 'b']);
    expect(await where({ n: _.gt(1).and(_.lt(10)) })).toEqual(['b']);
    expect(await where({ n: _.lt(2).or(_.gt(5)) })).toEqual(['a', 'c']);
    expect(await where({ n: _.and(_.gt(0), _.lt(6)) })).toEqual(['a', 'b']);
    expect(await where({ n: _.or([_.eq(1), _.eq(5)]) })).toEqual(['a', 'b']);
  });

  it('matches nested plain objects by path, not as whole sub-documents', async () => {
    const _ = db.command;
    expect(await where({ sub: { b: 1 } })).toEqual(['a']); // a.sub also has c: still a match
    expect(await where({ 'sub.b': 2 })).toEqual(['b']);
    expect(await where({ sub: _.eq({ b: 2 }) })).toEqual(['b']); // eq compares the whole object
    expect(await where({ sub: _.eq({ b: 1 }) })).toEqual([]);
    expect(await where({ tags: 'y' })).toEqual(['a', 'b']); // array contains
  });

  it('rejects malformed queries at build time', () => {
    const _ = db.command;
    expect(() => items.where({ id: undefined })).toThrow(/undefined/);
    expect(() => items.where({ n: { $gt: 1 } })).toThrow(/raw operator/);
    expect(() => items.where(_.gt(1) as never)).toThrow(/needs a field/);
    expect(() => items.where({ n: _.inc(1) })).toThrow(/update command/);
    expect(() => items.orderBy('n', 'up' as never)).toThrow(/asc/);
    expect(() => items.limit(1.5)).toThrow(/integer/);
  });
});

describe('update commands', () => {
  const doc = () => db.collection('u').doc('x');
  const read = async () => (await doc().get()).data as Record<string, unknown>;
  beforeEach(async () => {
    await db.collection('u').add({
      data: { _id: 'x', n: 10, arr: [1, 2, 3], set: ['a'], style: { color: 'blue', size: 'S' }, gone: 1, d: new Date(1000) },
    });
  });

  it('applies each documented update command', async () => {
    const _ = db.command;
    await doc().update({ data: { n: _.inc(5) } });
    expect((await read()).n).toBe(15);
    await doc().update({ data: { n: _.mul(2) } });
    expect((await read()).n).toBe(30);
    await doc().update({ data: { n: _.max(40) } });
    expect((await read()).n).toBe(40);
    await doc().update({ data: { n: _.min(7) } });
    expect((await read()).n).toBe(7);
    await doc().update({ data: { gone: _.remove() } });
    expect(await read()).not.toHaveProperty('gone');
    await doc().update({ data: { arr: _.push(4) } });
    await doc().update({ data: { arr: _.push([5, 6]) } });
    expect((await read()).arr).toEqual([1, 2, 3, 4, 5, 6]);
    await doc().update({ data: { arr: _.pop() } });
    await doc().update({ data: { arr: _.shift() } });
    expect((await read()).arr).toEqual([2, 3, 4, 5]);
    await doc().update({ data: { arr: _.unshift([0, 1]) } });
    expect((await read()).arr).toEqual([0, 1, 2, 3, 4, 5]);
    await doc().update({ data: { arr: _.push({ each: [9], position: 1, slice: 3 }) } });
    expect((await read()).arr).toEqual([0, 9, 1]);
    await doc().update({ data: { set: _.addToSet('a') } });
    await doc().update({ data: { set: _.addToSet('b') } });
    expect((await read()).set).toEqual(['a', 'b']);
    await doc().update({ data: { style: _.set({ color: 'red' }) } });
    expect((await read()).style).toEqual({ color: 'red' });
  });

  it('merges a nested plain object by path, while set() on the document replaces it', async () => {
    await doc().update({ data: { style: { color: 'red' } } });
    expect((await read()).style).toEqual({ color: 'red', size: 'S' });
    await doc().update({ data: { 'style.size': 'M' } });
    expect((await read()).style).toEqual({ color: 'red', size: 'M' });

    const res = await doc().set({ data: { only: true } });
    expect(res).toEqual({ _id: 'x', stats: { updated: 1, created: 0 } });
    expect(await read()).toEqual({ _id: 'x', only: true });
    expect(await db.collection('u').doc('new').set({ data: { v: 1 } })).toEqual({ _id: 'new', stats: { updated: 0, created: 1 } });
  });

  it('keeps Dates as Dates and never aliases stored objects', async () => {
    const input = { _id: 'y', when: new Date('2024-02-03T04:05:06Z'), list: [{ k: 1 }] };
    await db.collection('u').add({ data: input });
    input.list[0].k = 99; // mutating the caller's object must not reach the store
    const first = (await db.collection('u').doc('y').get()).data as typeof input;
    expect(first.when).toBeInstanceOf(Date);
    expect(first.when.toISOString()).toBe('2024-02-03T04:05:06.000Z');
    first.list[0].k = 42; // nor mutating what a read returned
    expect(((await db.collection('u').doc('y').get()).data as typeof input).list[0].k).toBe(1);
  });

  it('refuses what the cloud refuses', async () => {
    const _ = db.command;
    await rejectsWith(doc().update({ data: { _id: 'other' } }), 'invalid');
    await rejectsWith(doc().set({ data: { _id: 'x', a: 1 } }), 'invalid');
    await rejectsWith(doc().set({ data: { a: _.inc(1) } }), 'invalid');
    await rejectsWith(doc().update({ data: { style: _.inc(1) } }), 'invalid'); // $inc on an object
    await rejectsWith(doc().update({ data: { n: _.push(1) } }), 'invalid'); // $push on a number
    await rejectsWith(doc().update({ data: { n: 1, 'n.x': 2 } }), 'invalid'); // path conflict
    await rejectsWith(doc().update({ data: { n: _.gt(1) } }), 'invalid');
    await rejectsWith(doc().update({ data: { n: NaN } }), 'invalid');
    expect((await read()).n).toBe(10); // nothing of the above was applied
  });

  it('reports stats.updated as documents actually changed; missing doc -> 0; get on missing -> not-found', async () => {
    const _ = db.command;
    expect(await doc().update({ data: { n: 10 } })).toEqual({ stats: { updated: 0 } }); // same value
    expect(await doc().update({ data: { n: _.inc(1) } })).toEqual({ stats: { updated: 1 } });
    expect(await db.collection('u').doc('nope').update({ data: { n: 1 } })).toEqual({ stats: { updated: 0 } });
    await rejectsWith(db.collection('u').doc('nope').get(), 'not-found');
    expect(await db.collection('u').doc('nope').remove()).toEqual({ stats: { removed: 0 } });
    expect(await doc().remove()).toEqual({ stats: { removed: 1 } });
  });

  it('add generates 32-hex ids and refuses an existing _id', async () => {
    const { _id } = await db.collection('u').add({ data: { v: 1 } });
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    await rejectsWith(db.collection('u').add({ data: { _id: 'x' } }), 'duplicate-key');
  });
});

describe('paging, sorting, projection', () => {
  beforeEach(async () => {
    const c = db.collection('many');
    for (let i = 0; i < 1500; i++) await c.add({ data: { _id: `m${String(i).padStart(4, '0')}`, i, group: i % 3, name: `n${i}` } });
  });

  it('returns 100 by default and at most 1,000 per call; update and remove have no cap', async () => {
    const c = db.collection('many');
    expect((await c.get()).data).toHaveLength(100);
    expect((await c.limit(5000).get()).data).toHaveLength(1000);
    expect((await c.limit(1000).skip(1000).get()).data).toHaveLength(500);
    expect(await c.count()).toEqual({ total: 1500 });
    expect(await c.where({ group: 0 }).update({ data: { flagged: true } })).toEqual({ stats: { updated: 500 } });
    expect(await c.where({ flagged: true }).count()).toEqual({ total: 500 });
    expect(await c.where({ group: 1 }).remove()).toEqual({ stats: { removed: 500 } });
    expect(await c.count()).toEqual({ total: 1000 });
  });

  it('sorts by several keys in call order, skips, limits and projects', async () => {
    const c = db.collection('many');
    const page = await c.where({ i: db.command.lt(9) }).orderBy('group', 'desc').orderBy('i', 'asc').skip(1).limit(4).field({ i: true }).get();
    expect(page.data).toEqual([
      { _id: 'm0005', i: 5 },
      { _id: 'm0008', i: 8 },
      { _id: 'm0001', i: 1 },
      { _id: 'm0004', i: 4 },
    ]);
    const hidden = await c.orderBy('i', 'desc').limit(1).field({ name: false, group: false }).get();
    expect(hidden.data).toEqual([{ _id: 'm1499', i: 1499 }]);
  });
});

describe('aggregation', () => {
  it('matches with WeChat commands, groups with $.sum, sorts and limits', async () => {
    const orders = db.collection('orders');
    const rows = [
      { member: 'm1', amount: 100, status: 'paid' },
      { member: 'm1', amount: 250, status: 'paid' },
      { member: 'm2', amount: 80, status: 'paid' },
      { member: 'm3', amount: 500, status: 'refunded' },
      { member: 'm3', amount: 20, status: 'paid' },
    ];
    for (const data of rows) await orders.add({ data });
    const _ = db.command;
    const $ = _.aggregate;
    const { list } = await orders
      .aggregate()
      .match({ status: 'paid', amount: _.gte(20) })
      .group({ _id: '$member', total: $.sum('$amount'), orders: $.sum(1) })
      .sort({ total: -1 })
      .limit(2)
      .end();
    expect(list).toEqual([
      { _id: 'm1', total: 350, orders: 2 },
      { _id: 'm2', total: 80, orders: 1 },
    ]);
    const counted = await orders.aggregate().match({ status: 'refunded' }).count('n').end();
    expect(counted.list).toEqual([{ n: 1 }]);
  });
});
