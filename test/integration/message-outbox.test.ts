import { dispatchOutbox, enqueueMessage, type OutgoingMessage } from '../../cloudfunctions/_core/messaging/outbox.service';
import type { JobContext } from '../../cloudfunctions/_core/shared/use-case-context';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { SubscribeView } from '../../cloudfunctions/_core/coupons/coupon.schema';
import { count, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await cloud.db.collection('app_config').doc('message_templates').set({ data: { couponExpiry: 'TPL_EXPIRY' } });
  cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 Beijing, Monday Nov 23
  ok(await cloud.call('member', { action: 'register', input: registration() }, 'o-m'));
});
afterEach(() => cloud.close());

const ctx = (openapi = cloud.platform.openapi): JobContext =>
  cloud.jobContext({ log: { info: () => undefined, warn: () => undefined, error: () => undefined }, openapi });
let seq = 0;
const subscribe = (template = 'TPL_EXPIRY', requestId = `sub-${String(++seq).padStart(6, '0')}`) =>
  cloud.call<SubscribeView>('coupons', { action: 'subscribe', input: { template, requestId } }, 'o-m');
const msg = (dedupeKey: string, over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  openid: 'o-m',
  kind: 'service',
  template: 'TPL_EXPIRY',
  data: { thing1: '满100减20' },
  page: 'pages/coupons/index',
  dedupeKey,
  ...over,
});
const sentToDevOutbox = () => count(cloud, '_dev_outbox', { kind: 'subscribeMessage' });
const statusOf = async (id: string) => (await cloud.db.collection<{ status: string; reason: string | null }>('message_outbox').doc(id).get()).data;

describe('message outbox', () => {
  it('queues a dedupe key once, also inside a transaction, and never re-queues a sent message', async () => {
    expect(await enqueueMessage(cloud.db, msg('k1'), cloud.clock.now())).toBe(true);
    expect(await enqueueMessage(cloud.db, msg('k1'), cloud.clock.now())).toBe(false);
    expect(await cloud.db.runTransaction((tx) => enqueueMessage(tx, msg('k2'), cloud.clock.now()))).toBe(true);
    expect(await cloud.db.runTransaction((tx) => enqueueMessage(tx, msg('k2'), cloud.clock.now()))).toBe(false);
    expect(await count(cloud, 'message_outbox')).toBe(2);
  });

  it('sends only against an unused one-time subscription, and uses it up', async () => {
    await enqueueMessage(cloud.db, msg('a'), cloud.clock.now());
    await enqueueMessage(cloud.db, msg('b'), cloud.clock.now());
    expect(ok(await subscribe())).toEqual({ template: 'TPL_EXPIRY', remaining: 1 });
    expect(ok(await subscribe('TPL_EXPIRY', 'sub-same-0001')).remaining).toBe(2);
    expect(ok(await subscribe('TPL_EXPIRY', 'sub-same-0001')).remaining).toBe(2); // a retry counts once
    expect(await subscribe('TPL_OTHER')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'template' } });
    await enqueueMessage(cloud.db, msg('c'), cloud.clock.now());
    const r = await dispatchOutbox(ctx());
    expect(r).toMatchObject({ sent: 2, skipped: { no_subscription: 1 }, done: true });
    expect(await sentToDevOutbox()).toBe(2);
    const sent = (await cloud.db.collection('_dev_outbox').get()).data[0];
    expect(sent).toMatchObject({ touser: 'o-m', templateId: 'TPL_EXPIRY', page: 'pages/coupons/index', data: { thing1: { value: '满100减20' } } });
    expect((await cloud.db.collection<{ count: number }>('message_subscriptions').doc('o-m:TPL_EXPIRY').get()).data.count).toBe(0);
    expect(await dispatchOutbox(ctx())).toMatchObject({ sent: 0, done: true }); // nothing pending: nothing re-sent
  });

  it('holds the caps: service ≤ 3 a day; promotions ≤ 1 a day and ≤ 2 a week', async () => {
    for (let i = 0; i < 10; i++) ok(await subscribe());
    for (let i = 0; i < 5; i++) await enqueueMessage(cloud.db, msg(`s${i}`), cloud.clock.now());
    for (let i = 0; i < 2; i++) await enqueueMessage(cloud.db, msg(`p${i}`, { kind: 'promotion' }), cloud.clock.now());
    const r = await dispatchOutbox(ctx());
    expect(r).toMatchObject({ sent: 4, skipped: { cap_day: 3 } });
    // the capped messages gave their subscriptions back
    expect((await cloud.db.collection<{ count: number }>('message_subscriptions').doc('o-m:TPL_EXPIRY').get()).data.count).toBe(6);
    cloud.clock.set(new Date('2026-11-24T02:00:00Z'));
    await enqueueMessage(cloud.db, msg('p-tue', { kind: 'promotion' }), cloud.clock.now());
    expect(await dispatchOutbox(ctx())).toMatchObject({ sent: 1 }); // the week's second promotion
    cloud.clock.set(new Date('2026-11-26T02:00:00Z'));
    await enqueueMessage(cloud.db, msg('p-thu', { kind: 'promotion' }), cloud.clock.now());
    expect(await dispatchOutbox(ctx())).toMatchObject({ sent: 0, skipped: { cap_week: 1 } });
    cloud.clock.set(new Date('2026-11-30T02:00:00Z')); // next Monday
    await enqueueMessage(cloud.db, msg('p-mon', { kind: 'promotion' }), cloud.clock.now());
    expect(await dispatchOutbox(ctx())).toMatchObject({ sent: 1 });
  });

  it('caps hold when 20 messages are dispatched by two runs at once', async () => {
    for (let i = 0; i < 20; i++) ok(await subscribe());
    for (let i = 0; i < 20; i++) await enqueueMessage(cloud.db, msg(`m${String(i).padStart(2, '0')}`), cloud.clock.now());
    await Promise.all([dispatchOutbox(ctx()), dispatchOutbox(ctx())]);
    expect(await sentToDevOutbox()).toBe(3);
    expect(await count(cloud, 'message_outbox', { status: 'sent' })).toBe(3);
    expect(await count(cloud, 'message_outbox', { status: 'skipped', reason: 'cap_day' })).toBe(17);
    expect((await statusOf('m00')).status).not.toBe('pending');
  });

  it('drops stale messages and retries a failed send, giving up after three attempts', async () => {
    await enqueueMessage(cloud.db, msg('old'), cloud.clock.now());
    cloud.clock.advance(4 * 86_400_000);
    for (let i = 0; i < 3; i++) ok(await subscribe());
    expect(await dispatchOutbox(ctx())).toMatchObject({ skipped: { stale: 1 } });
    await enqueueMessage(cloud.db, msg('bad'), cloud.clock.now());
    const failing = { ...cloud.platform.openapi, sendSubscribeMessage: () => Promise.reject(new Error('errcode 43101')) };
    await dispatchOutbox(ctx(failing));
    expect(await statusOf('bad')).toMatchObject({ status: 'pending' });
    for (let i = 0; i < 2; i++) await dispatchOutbox(ctx(failing));
    expect(await statusOf('bad')).toMatchObject({ status: 'failed', reason: 'send_failed' });
    // nothing was used up by the failures
    expect((await cloud.db.collection<{ count: number }>('message_subscriptions').doc('o-m:TPL_EXPIRY').get()).data.count).toBe(3);
    expect(await count(cloud, 'message_caps', { count: cloud.db.command.gt(0) })).toBe(0);
  });

  describe('a dispatcher killed at its time limit', () => {
    const waitFor = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 200; i++) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error('condition never met');
    };

    it('leaves no message stranded: one that reached the API call becomes unconfirmed and is never sent again', async () => {
      for (let i = 0; i < 3; i++) ok(await subscribe());
      await enqueueMessage(cloud.db, msg('hang'), cloud.clock.now());
      // WeChat's call never returns: the function is killed there (the promise is abandoned).
      const hanging = { ...cloud.platform.openapi, sendSubscribeMessage: () => new Promise<void>(() => undefined) };
      void dispatchOutbox(ctx(hanging));
      await waitFor(async () => (await cloud.db.collection<{ sendingAt: Date | null }>('message_outbox').doc('hang').get()).data.sendingAt != null);
      expect(await statusOf('hang')).toMatchObject({ status: 'sending' });

      // Within the lease a live run is left alone.
      cloud.clock.advance(60_000);
      expect(await dispatchOutbox(ctx())).toMatchObject({ recovered: { requeued: 0, unconfirmed: 0 }, sent: 0 });
      cloud.clock.advance(5 * 60_000);
      expect(await dispatchOutbox(ctx())).toMatchObject({ recovered: { requeued: 0, unconfirmed: 1 }, sent: 0 });
      expect(await statusOf('hang')).toMatchObject({ status: 'unconfirmed', reason: 'interrupted' });
      expect(await dispatchOutbox(ctx())).toMatchObject({ recovered: { unconfirmed: 0 }, sent: 0 });
      expect(await sentToDevOutbox()).toBe(0);
      // its subscription stays used, as if WeChat had delivered it
      expect((await cloud.db.collection<{ count: number }>('message_subscriptions').doc('o-m:TPL_EXPIRY').get()).data.count).toBe(2);
    });

    it('one killed before its send record goes back to pending and is sent exactly once', async () => {
      ok(await subscribe());
      await enqueueMessage(cloud.db, msg('early'), cloud.clock.now());
      // What a run killed between the lock and the send record leaves behind.
      const lockedAt = cloud.clock.now();
      await cloud.db.collection('message_outbox').doc('early').update({ data: { status: 'sending', attempts: 1, sendingAt: null, updatedAt: lockedAt } });
      cloud.clock.advance(10 * 60_000);
      const r = await dispatchOutbox(ctx());
      expect(r).toMatchObject({ recovered: { requeued: 1, unconfirmed: 0 }, sent: 1 });
      expect(await statusOf('early')).toMatchObject({ status: 'sent' });
      expect(await dispatchOutbox(ctx())).toMatchObject({ sent: 0 });
      expect(await sentToDevOutbox()).toBe(1);
    });

    it('writes the send record before calling WeChat', async () => {
      ok(await subscribe());
      await enqueueMessage(cloud.db, msg('order'), cloud.clock.now());
      let recordSeen: unknown = 'not called';
      const watching = {
        ...cloud.platform.openapi,
        sendSubscribeMessage: async () => {
          recordSeen = (await cloud.db.collection<{ sendingAt: Date | null }>('message_outbox').doc('order').get()).data.sendingAt;
        },
      };
      await dispatchOutbox(ctx(watching));
      expect(recordSeen).toBeInstanceOf(Date);
      expect(await statusOf('order')).toMatchObject({ status: 'sent' });
    });
  });
});
