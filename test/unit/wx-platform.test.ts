/**
 * The WeChat adapters against a stand-in SDK (the real one needs WeChat Cloud): identity comes from
 * getWXContext, timer runs only for SOURCE wx_trigger, and SDK errors become DatabaseError kinds.
 */
import { isDatabaseError } from '../../cloudfunctions/_platform/database.port';
import { translateWxError, wrapWxDatabase } from '../../cloudfunctions/_platform/wx/wx-database';

const wxContext = { OPENID: 'o-wx', APPID: 'wx123', UNIONID: '', SOURCE: 'wx_client' };
const sdkDoc = {
  get: jest.fn(async () => Promise.reject({ errCode: -1, errMsg: 'document.get:fail document with _id x does not exist' })),
};
const sdkDb = {
  command: { inc: (n: number) => ({ $inc: n }) },
  collection: () => ({
    doc: () => sdkDoc,
    add: async () => Promise.reject({ errCode: -502001, errMsg: 'collection.add:fail -502001 database request fail | errMsg: E11000 duplicate key error' }),
    where: () => ({ get: async () => ({ data: [{ _id: 'a' }] }) }),
  }),
  runTransaction: async (fn: (tx: unknown) => unknown) => fn({ collection: () => ({ doc: () => sdkDoc }) }),
};

jest.mock('wx-server-sdk', () => ({
  DYNAMIC_CURRENT_ENV: Symbol('env'),
  init: jest.fn(),
  database: () => sdkDb,
  getWXContext: () => wxContext,
  openapi: {},
  cloudPay: {},
}));

describe('WeChat platform adapter', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createWxPlatform } = require('../../cloudfunctions/_platform/wx/wx-platform');
  const platform = createWxPlatform();

  it('takes the caller from getWXContext', () => {
    expect(platform.identity.current()).toEqual({ openid: 'o-wx', appid: 'wx123', unionid: undefined, source: 'client' });
    expect(platform.identity.isTimerTrigger()).toBe(false);
  });

  it('recognises only the platform trigger as a timer', () => {
    Object.assign(wxContext, { SOURCE: 'wx_trigger', OPENID: '' });
    expect(platform.identity.isTimerTrigger()).toBe(true);
    expect(platform.identity.current()).toBeUndefined();
    Object.assign(wxContext, { SOURCE: 'wx_client', OPENID: 'o-wx' });
  });

  it('translates SDK errors into DatabaseError kinds, also inside transactions', async () => {
    const db = platform.db;
    const notFound = await db.collection('m').doc('x').get().catch((e: unknown) => e);
    expect(isDatabaseError(notFound, 'not-found')).toBe(true);
    const dup = await db.collection('m').add({ data: {} }).catch((e: unknown) => e);
    expect(isDatabaseError(dup, 'duplicate-key')).toBe(true);
    const inTx = await db.runTransaction((tx: { collection(n: string): { doc(id: string): { get(): Promise<unknown> } } }) => tx.collection('m').doc('x').get()).catch((e: unknown) => e);
    expect(isDatabaseError(inTx, 'not-found')).toBe(true);
    expect(await db.collection('m').where({}).get()).toEqual({ data: [{ _id: 'a' }] });
    expect(db.command).toBe(sdkDb.command);
  });

  it('leaves errors the platform did not report as they are (the SDK shapes: wx-database.test.ts)', () => {
    const e = new Error('network down');
    expect(translateWxError(e)).toBe(e);
  });

  it('gives the functions the database with our transaction retry above the translation', async () => {
    let runs = 0;
    const conflictOnce = { errCode: -501001, errMsg: 'document.update:fail -501001 resource system error. database transaction conflict' };
    const spy = jest.spyOn(sdkDb, 'runTransaction').mockImplementation(async (fn: (tx: unknown) => unknown) => {
      runs++;
      if (runs === 1) throw conflictOnce;
      return fn({ collection: () => ({ doc: () => sdkDoc }) });
    });
    await expect(platform.db.runTransaction(async () => 'done')).resolves.toBe('done');
    expect(runs).toBe(2);
    spy.mockRestore();
  });

  it('wraps any SDK-shaped object', () => {
    expect(wrapWxDatabase(sdkDb).command).toBe(sdkDb.command);
  });
});
