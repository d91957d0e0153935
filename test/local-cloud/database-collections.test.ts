/**
 * WeChat does not create collections on demand: a read or write of a collection that was never created fails
 * with -502005 (wx-server-sdk: `TCB_ERR_CODE.DATABASE_COLLECTION_NOT_EXIST`). The local cloud fails the same
 * way for every collection outside the spec, so a forgotten declaration shows up in tests, not in production.
 */
import { COLLECTION_NAMES } from '../../cloudfunctions/_core/collections';
import { isDatabaseError, type DatabaseError } from '../../cloudfunctions/_platform/database.port';
import { createLocalDatabase, type LocalDatabase } from '../../cloudfunctions/_platform/local/database';
import { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';

const notExists = async (p: Promise<unknown>, api: string) => {
  const e = (await p.then(
    () => new Error('expected -502005'),
    (err: unknown) => err,
  )) as DatabaseError;
  expect(isDatabaseError(e, 'collection-not-exists')).toBe(true);
  expect(e.errCode).toBe(-502005);
  expect(e.message).toContain(`${api}:fail -502005 database collection not exists`);
};

describe('undeclared collections', () => {
  let db: LocalDatabase;
  beforeEach(async () => {
    db = await createLocalDatabase({ collections: ['declared'] });
  });
  afterEach(() => db.close());

  it('refuses every read and write outside a transaction, and changes nothing', async () => {
    const c = db.collection('nowhere');
    await notExists(c.add({ data: { a: 1 } }), 'collection.add');
    await notExists(c.doc('x').set({ data: { a: 1 } }), 'document.set');
    await notExists(c.doc('x').get(), 'document.get');
    await notExists(c.doc('x').update({ data: { a: 2 } }), 'document.update');
    await notExists(c.doc('x').remove(), 'document.remove');
    await notExists(c.where({ a: 1 }).get(), 'collection.get');
    await notExists(c.count(), 'collection.count');
    await notExists(c.where({ a: 1 }).update({ data: { a: 3 } }), 'collection.update');
    await notExists(c.where({ a: 1 }).remove(), 'collection.remove');
    await notExists(c.aggregate().match({}).end(), 'collection.aggregate');
    expect(db.stats()).toMatchObject({ reads: 0, writes: 0, queries: 0 });
    await db.collection('declared').add({ data: { _id: 'ok' } });
    expect((await db.collection('declared').doc('ok').get()).data._id).toBe('ok');
  });

  it('refuses them inside a transaction too, without re-running it, and commits nothing', async () => {
    let runs = 0;
    const p = db.runTransaction(async (tx) => {
      runs++;
      await tx.collection('declared').doc('a').set({ data: { n: 1 } });
      await tx.collection('nowhere').doc('b').set({ data: { n: 1 } });
    });
    await notExists(p, 'document.set');
    expect(runs).toBe(1);
    expect(await db.collection('declared').count()).toEqual({ total: 0 });
  });

  it('needs every index to sit on a declared collection', async () => {
    await expect(
      createLocalDatabase({ collections: ['a'], indexes: [{ collection: 'b', name: 'x', keys: { x: 1 }, unique: true, why: 'test' }] }),
    ).rejects.toThrow(/not declared/);
  });
});

describe('the local cloud', () => {
  it('knows exactly the spec’s collections (plus its own stand-ins and a test’s declared fixtures)', async () => {
    const cloud = await LocalCloud.start({ functionsDir: '/nonexistent', testCollections: ['fixture_only'] });
    try {
      for (const name of COLLECTION_NAMES) expect(await cloud.db.collection(name).count()).toEqual({ total: 0 });
      await cloud.db.collection('fixture_only').add({ data: { a: 1 } });
      await notExists(cloud.db.collection('point_account').doc('typo').get(), 'document.get');
    } finally {
      await cloud.close();
    }
  });
});
