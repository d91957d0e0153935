import type { CenterView, ClaimView, CouponCodeView, MineView, RedeemView, UndoRedeemView } from '../../cloudfunctions/_core/coupons/coupon.schema';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { count, grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { noInstanceCache } from '../../cloudfunctions/_platform/cache.port';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 Beijing, Monday Nov 23
  ok(await cloud.call('member', { action: 'register', input: registration() }, 'o-m'));
  await grantRole(cloud, 'o-clerk', 'clerk', 'S001');
});
afterEach(() => cloud.close());

const template = (id: string, over: Record<string, unknown> = {}) =>
  cloud.db.collection('coupon_templates').doc(id).set({
    data: {
      title: '满100减20',
      kind: { type: 'amount_off', thresholdFen: 10_000, amountOffFen: 2_000 },
      validity: { mode: 'afterClaim', days: 7 },
      total: 100,
      perMember: 1,
      channels: ['claim_center'],
      ...over,
    },
  });

/** Members written directly (registration is tested elsewhere): enough for access and eligibility. */
async function members(n: number, prefix = 'o-x'): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
  for (const [i, id] of ids.entries()) {
    await cloud.db.collection('members').doc(id).set({
      data: { _openid: id, memberNo: String(90_000_000 + i), nickname: 'm', avatarUrl: 'preset:1', birthday: null, phone: null, tierCode: 'silver', growth: 0, growthByMonth: {}, lifetimeGrowth: 0, vipUntil: null, consent: { policyVersion: 'x', acceptedAt: cloud.clock.now() }, createdAt: cloud.clock.now(), updatedAt: cloud.clock.now() },
    });
  }
  return ids;
}

let seq = 0;
const rid = () => `req-${String(++seq).padStart(6, '0')}`;
const claim = (templateId: string, openid = 'o-m', requestId = rid()) =>
  cloud.call<ClaimView>('coupons', { action: 'claim', input: { templateId, requestId } }, openid);
const mine = (status: string, openid = 'o-m') => cloud.call<MineView>('coupons', { action: 'mine', input: { status } }, openid);
const code = (couponId: string, openid = 'o-m') => cloud.call<CouponCodeView>('coupons', { action: 'code', input: { couponId } }, openid);
const redeem = (c: string, redemptionNo: string, clerk = 'o-clerk', orderFen?: number) =>
  cloud.call<RedeemView>('coupons', { action: 'redeem', input: { code: c, redemptionNo, orderFen } }, clerk);
const undo = (redemptionNo: string, clerk = 'o-clerk') =>
  cloud.call<UndoRedeemView>('coupons', { action: 'undoRedeem', input: { redemptionNo, reason: '顾客取消' } }, clerk);
const issued = async (templateId: string) => {
  const s = await cloud.db.collection<{ issued: number }>('coupon_stock').where({ _id: templateId }).get();
  return s.data[0]?.issued ?? 0;
};
const live = (templateId: string) => count(cloud, 'coupons', { templateId, status: cloud.db.command.in(['unused', 'used', 'expired']) });

describe('claim center', () => {
  it('lists claimable templates with stock and a Chinese reason when not claimable; a broken template is skipped', async () => {
    await template('T1');
    await template('GOLD', { title: '金卡专享', audience: { tiers: ['gold'] } });
    await template('LATER', { title: '预告', claimWindow: { from: '2026-12-01', to: '2026-12-31' } });
    await template('MALL', { channels: ['points_exchange'] });
    await cloud.db.collection('coupon_templates').doc('BROKEN').set({ data: { title: '坏的', kind: { type: 'amount_off' } } });
    const c = ok(await cloud.call<CenterView>('coupons', { action: 'center', input: {} }, 'o-m'));
    expect(c.items.map((i) => [i.templateId, i.claimable, i.reasonCode])).toEqual([
      ['GOLD', false, 'COUPON_NOT_ELIGIBLE'],
      ['LATER', false, 'COUPON_NOT_CLAIMABLE'],
      ['T1', true, null],
    ]);
    expect(c.items[0].reason).toBe('你的会员等级暂不能领取');
    ok(await claim('T1'));
    const again = ok(await cloud.call<CenterView>('coupons', { action: 'center', input: {} }, 'o-m'));
    expect(again.items.find((i) => i.templateId === 'T1')).toMatchObject({ remaining: 99, held: 1, claimable: false, reasonCode: 'COUPON_LIMIT_REACHED' });
    const { configReport } = await import('../../cloudfunctions/_core/admin/config-report.service');
    const report = (await configReport({ db: cloud.db, clock: cloud.clock } as never)).configs.filter((r) => r.id.startsWith('coupon_templates/'));
    expect(report.find((r) => r.id === 'coupon_templates/BROKEN')).toMatchObject({ status: 'invalid' });
    expect(report.filter((r) => r.status === 'ok')).toHaveLength(4);
  });

  it('claims one with its validity days and lists it under mine', async () => {
    await template('T1');
    const r = ok(await claim('T1'));
    expect(r).toMatchObject({ repeated: false, coupon: { templateId: 'T1', status: 'unused', validFrom: '2026-11-23', validTo: '2026-11-29', channel: 'claim_center' } });
    expect(ok(await mine('unused')).coupons.map((c) => c.couponId)).toEqual([r.coupon.couponId]);
    expect(ok(await mine('used')).coupons).toEqual([]);
  });
});

describe('claims under concurrency (litemall #581)', () => {
  it('total 1, perMember 1: 64 members at once get exactly one coupon', async () => {
    await template('ONE', { total: 1 });
    const ids = await members(64);
    const results = await Promise.all(ids.map((id) => claim('ONE', id)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('COUPON_SOLD_OUT');
    expect(await count(cloud, 'coupons')).toBe(1);
    expect(await issued('ONE')).toBe(1);
  });

  it('1,000 claims by 300 members against stock 100: exactly 100 coupons, issued 100', async () => {
    await template('HUNDRED', { total: 100, perMember: 1 });
    const ids = await members(300);
    cloud.db.resetStats();
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => claim('HUNDRED', ids[i % 300])));
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(100);
    for (const r of results) if (!r.ok) expect(['COUPON_SOLD_OUT', 'COUPON_LIMIT_REACHED']).toContain(r.error.code);
    expect(await count(cloud, 'coupons')).toBe(100);
    expect(await issued('HUNDRED')).toBe(100);
    const holders = new Set(won.map((r) => (r.ok ? r.data.coupon.couponId : '')));
    expect(holders.size).toBe(100);
    const held = await cloud.db.collection<{ held: number }>('coupon_holdings').where({ templateId: 'HUNDRED' }).limit(1000).get();
    expect(held.data.reduce((s, h) => s + h.held, 0)).toBe(100);
  });

  it('perMember 2: 30 concurrent claims by one member give 2', async () => {
    await template('TWO', { perMember: 2 });
    const results = await Promise.all(Array.from({ length: 30 }, () => claim('TWO')));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('COUPON_LIMIT_REACHED');
    expect(await count(cloud, 'coupons')).toBe(2);
    expect(await issued('TWO')).toBe(2);
  });

  it('perMemberPerDay resets at Beijing midnight', async () => {
    await template('DAILY', { perMember: 5, perMemberPerDay: 1 });
    cloud.clock.set(new Date('2026-11-23T15:58:00Z')); // 23:58 Beijing
    ok(await claim('DAILY'));
    expect(await claim('DAILY')).toMatchObject({ ok: false, error: { code: 'COUPON_LIMIT_REACHED', message: '每天限领 1 张，明天再来' } });
    cloud.clock.set(new Date('2026-11-23T16:01:00Z')); // 00:01 on the 24th
    const results = await Promise.all(Array.from({ length: 10 }, () => claim('DAILY')));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await count(cloud, 'coupons')).toBe(2);
  });

  it('the same requestId 20 times at once gives one coupon', async () => {
    await template('T1', { perMember: 5 });
    const results = await Promise.all(Array.from({ length: 20 }, () => claim('T1', 'o-m', 'same-request-1')));
    const ids = new Set(results.map((r) => ok(r).coupon.couponId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.data.repeated)).toHaveLength(1);
    expect(await count(cloud, 'coupons')).toBe(1);
    expect(await issued('T1')).toBe(1);
    expect(ok(await claim('T1', 'o-m', 'same-request-1')).repeated).toBe(true);
  });
});

describe('fault injection', () => {
  it('a failure at any database operation of a claim loses and creates nothing: counters equal coupons', async () => {
    await template('FF', { perMember: 3 });
    ok(await claim('FF')); // the counters exist: the hot path
    for (const fresh of [false, true]) {
      const who = fresh ? 'o-fresh' : 'o-m';
      if (fresh) await members(1, 'o-fresh');
      for (let failAt = 1; failAt <= 12; failAt++) {
        let seen = 0;
        cloud.db.injectFault(() => ++seen === failAt);
        const r = await claim('FF', fresh ? 'o-fresh0000' : who);
        cloud.db.injectFault(null);
        const coupons = await live('FF');
        expect(await count(cloud, 'coupons', { status: cloud.db.command.in(['claiming', 'void']) })).toBe(0);
        expect(await issued('FF')).toBe(coupons);
        const holdings = await cloud.db.collection<{ held: number }>('coupon_holdings').where({ templateId: 'FF' }).get();
        expect(holdings.data.reduce((s, h) => s + h.held, 0)).toBe(coupons);
        if (r.ok) break;
        expect(r.error.code).toBe('BUSY');
      }
    }
    expect(await live('FF')).toBe(3);
  });

  it('a crash at any point of a claim (every operation from then on fails) is repaired by the daily job', async () => {
    await template('CR', { perMember: 20 });
    ok(await claim('CR'));
    const balanced = async () => {
      const coupons = await live('CR');
      const holding = (await cloud.db.collection<{ held: number; dayCount: number }>('coupon_holdings').doc('CR:o-m').get()).data;
      return { issued: await issued('CR'), held: holding.held, dayCount: holding.dayCount, coupons };
    };
    for (let crashAt = 1; crashAt <= 10; crashAt++) {
      let seen = 0;
      cloud.db.injectFault(() => ++seen >= crashAt);
      const r = await claim('CR');
      cloud.db.injectFault(null);
      if (r.ok) break;
      cloud.clock.advance(11 * 60_000);
      ok(await cloud.trigger('coupons', 'daily'));
      const b = await balanced();
      expect(b).toEqual({ issued: b.coupons, held: b.coupons, dayCount: b.coupons, coupons: b.coupons });
      expect(await count(cloud, 'coupons', { status: cloud.db.command.in(['claiming', 'void']) })).toBe(0);
    }
  });

  it('a failure at any database operation of a redemption leaves the coupon unused and nothing recorded', async () => {
    await template('RR');
    const c = ok(await claim('RR')).coupon;
    const token = ok(await code(c.couponId)).token;
    for (let failAt = 1; failAt <= 12; failAt++) {
      let seen = 0;
      cloud.db.injectFault(() => ++seen === failAt);
      const r = await redeem(token, 'RD-FAULT-01');
      cloud.db.injectFault(null);
      if (r.ok) break;
      expect(r.error.code).toBe('BUSY');
      expect(await count(cloud, 'coupon_redemptions')).toBe(0);
      expect(await count(cloud, 'audit_log', { action: 'coupon.redeem' })).toBe(0);
      expect(await count(cloud, 'coupons', { status: 'used' })).toBe(0);
    }
    expect(await count(cloud, 'coupons', { status: 'used' })).toBe(1);
  });

  it('the daily job repairs counters left high by a crash mid-claim', async () => {
    await template('FF', { perMember: 3 });
    ok(await claim('FF'));
    // A crash after taking the counters, before finalizing: a claiming document and both counters +1.
    const _ = cloud.db.command;
    await cloud.db.collection('coupons').add({ data: { _id: 'crashed-claim-000001', _openid: 'o-m', templateId: 'FF', status: 'claiming', claimDay: '2026-11-23', claimedAt: cloud.clock.now() } });
    await cloud.db.collection('coupon_stock').doc('FF').update({ data: { issued: _.inc(1), ops: _.inc(1) } });
    await cloud.db.collection('coupon_holdings').doc('FF:o-m').update({ data: { held: _.inc(1), dayCount: _.inc(1), ops: _.inc(1) } });
    ok(await cloud.trigger('coupons', 'daily'));
    expect(await issued('FF')).toBe(2); // still in flight (young): not touched
    cloud.clock.advance(11 * 60_000);
    const r = ok(await cloud.trigger('coupons', 'daily')) as { reconciled: Record<string, number> };
    expect(r.reconciled).toMatchObject({ removed: 1, stockRepaired: 1, holdingsRepaired: 1 });
    expect(await issued('FF')).toBe(1);
    expect((await cloud.db.collection<{ held: number }>('coupon_holdings').doc('FF:o-m').get()).data.held).toBe(1);
  });
});

describe('bad input writes nothing', () => {
  it('unknown template, ineligible, not in channel', async () => {
    await template('MALL', { channels: ['points_exchange'] });
    await template('NEW', { audience: { newMembersWithinDays: 7 } });
    expect(await claim('NOPE')).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_FOUND' } });
    expect(await claim('MALL')).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_CLAIMABLE' } });
    cloud.clock.advance(8 * 86_400_000);
    expect(await claim('NEW')).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_ELIGIBLE' } });
    expect(await claim('bad id!')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'templateId' } });
    expect(await claim('MALL', 'o-stranger')).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    expect(await count(cloud, 'coupons')).toBe(0);
    expect(await count(cloud, 'coupon_stock')).toBe(0);
    expect(await count(cloud, 'coupon_holdings')).toBe(0);
  });
});

describe('issueCoupon (for the mall, birthday...)', () => {
  it('is idempotent on sourceKey and respects the channel', async () => {
    await template('MALL', { channels: ['points_exchange'], total: 5 });
    const { issueCoupon } = await import('../../cloudfunctions/_core/coupons/claim-coupon.service');
    const ctx = { db: cloud.db, clock: cloud.clock, cache: noInstanceCache, log: { info: () => undefined, warn: () => undefined, error: () => undefined } };
    const req = { templateId: 'MALL', openid: 'o-m', channel: 'points_exchange' as const, sourceKey: 'mall:ORDER1' };
    const results = await Promise.all(Array.from({ length: 10 }, () => issueCoupon(ctx, req)));
    expect(new Set(results.map((r) => r.coupon._id)).size).toBe(1);
    expect(await count(cloud, 'coupons')).toBe(1);
    await expect(issueCoupon(ctx, { ...req, channel: 'birthday', sourceKey: 'b:1' })).rejects.toMatchObject({ code: 'COUPON_NOT_CLAIMABLE' });
  });
});

describe('redemption at the till', () => {
  const claimAndCode = async (openid = 'o-m', templateId = 'T1') => {
    const c = ok(await claim(templateId, openid)).coupon;
    return { couponId: c.couponId, token: ok(await code(c.couponId, openid)).token };
  };

  it('redeems once under 30 concurrent scans; a retry of the same redemptionNo returns the same answer; audited', async () => {
    await template('T1');
    const { couponId, token } = await claimAndCode();
    expect(token).not.toContain('o-m');
    cloud.db.resetStats();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => redeem(token, `RD-${String(i).padStart(6, '0')}`, 'o-clerk', 12_000)));
    const done = results.filter((r) => r.ok);
    expect(done).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(['COUPON_USED', 'BUSY']).toContain(r.error.code);
    const first = ok(done[0]);
    expect(first).toMatchObject({ couponId, discountFen: 2_000, repeated: false });
    expect(ok(await redeem(token, first.redemptionNo))).toEqual({ ...first, repeated: true });
    expect(await count(cloud, 'coupon_redemptions')).toBe(1);
    expect(await count(cloud, 'audit_log', { action: 'coupon.redeem', actor: 'o-clerk' })).toBe(1);
    expect(ok(await mine('used')).coupons.map((c) => c.couponId)).toEqual([couponId]);
    expect(await code(couponId)).toMatchObject({ ok: false, error: { code: 'COUPON_USED' } });
  });

  it('undo within the window makes it usable again; after the window UNDO_WINDOW_PASSED', async () => {
    await template('T1', { undoMinutes: 30 });
    const { couponId, token } = await claimAndCode();
    ok(await redeem(token, 'RD-000001'));
    cloud.clock.advance(10 * 60_000);
    expect(ok(await undo('RD-000001'))).toMatchObject({ couponId, status: 'unused', repeated: false });
    expect(ok(await undo('RD-000001')).repeated).toBe(true);
    expect(ok(await mine('unused')).coupons.map((c) => c.couponId)).toEqual([couponId]);
    expect(await count(cloud, 'audit_log', { action: 'coupon.undoRedeem' })).toBe(1);
    ok(await redeem(ok(await code(couponId)).token, 'RD-000002'));
    cloud.clock.advance(31 * 60_000);
    expect(await undo('RD-000002')).toMatchObject({ ok: false, error: { code: 'UNDO_WINDOW_PASSED' } });
    expect(await undo('RD-999999')).toMatchObject({ ok: false, error: { code: 'REDEMPTION_NOT_FOUND' } });
  });

  it('a retry of a redemption number that was undone answers REDEMPTION_UNDONE, never a success, and redeems nothing', async () => {
    await template('T1', { undoMinutes: 30 });
    const { couponId, token } = await claimAndCode();
    const first = ok(await redeem(token, 'RD-UNDO-01', 'o-clerk', 12_000));
    ok(await undo('RD-UNDO-01'));
    const writesBefore = await count(cloud, 'audit_log');
    // The till retries with the same number (fresh code, and the code it first sent, even once expired).
    const fresh = ok(await code(couponId)).token;
    for (const retry of [fresh, token]) {
      expect(await redeem(retry, first.redemptionNo, 'o-clerk', 12_000)).toEqual({
        ok: false,
        error: { code: 'REDEMPTION_UNDONE', message: '这次核销已被撤销，券已退回会员账户；如需核销，请重新扫码' },
      });
    }
    cloud.clock.advance(5 * 60_000);
    expect(await redeem(token, first.redemptionNo)).toMatchObject({ ok: false, error: { code: 'REDEMPTION_UNDONE' } });
    // Concurrent retries agree.
    const retries = await Promise.all(Array.from({ length: 5 }, () => redeem(fresh, first.redemptionNo)));
    expect(retries.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(Array(5).fill('REDEMPTION_UNDONE'));
    // Nothing changed: the coupon is still usable, the record still undone, nothing audited.
    expect(ok(await mine('unused')).coupons.map((c) => c.couponId)).toEqual([couponId]);
    expect((await cloud.db.collection('coupon_redemptions').doc('RD-UNDO-01').get()).data.status).toBe('undone');
    expect(await count(cloud, 'audit_log')).toBe(writesBefore);
    // A new number redeems it again, as a new redemption.
    expect(ok(await redeem(ok(await code(couponId)).token, 'RD-UNDO-02'))).toMatchObject({ couponId, repeated: false });
  });

  it("refuses another member's coupon, forged, stale, expired, used and wrong-store codes, writing nothing", async () => {
    await template('T1', { validity: { mode: 'afterClaim', days: 1 } });
    await template('S2', { stores: ['S002'] });
    const { couponId, token } = await claimAndCode();
    await members(1, 'o-other');
    expect(await code(couponId, 'o-other0000')).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_FOUND' } });
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect(await redeem(forged, 'RD-000010')).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    expect(await redeem('1.12345678.abc.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'RD-000011')).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    const wrong = await claimAndCode('o-m', 'S2');
    expect(await redeem(wrong.token, 'RD-000012')).toMatchObject({ ok: false, error: { code: 'COUPON_WRONG_STORE' } });
    cloud.clock.advance(61_000);
    expect(await redeem(token, 'RD-000013')).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED' } });
    expect(await redeem(token, 'RD-000013', 'o-m')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    cloud.clock.set(new Date('2026-11-24T02:00:00Z')); // the 1-day coupon ended yesterday
    expect(await code(couponId)).toMatchObject({ ok: false, error: { code: 'COUPON_EXPIRED' } });
    cloud.clock.set(new Date('2026-11-23T15:59:30Z'));
    const late = ok(await code(couponId)).token;
    cloud.clock.set(new Date('2026-11-23T16:00:10Z')); // 00:00:10 on the 24th, code still fresh
    expect(await redeem(late, 'RD-000014')).toMatchObject({ ok: false, error: { code: 'COUPON_EXPIRED' } });
    expect(await count(cloud, 'coupon_redemptions')).toBe(0);
    expect(await count(cloud, 'audit_log', { action: 'coupon.redeem' })).toBe(0);
    expect(await count(cloud, 'coupons', { status: 'used' })).toBe(0);
  });
});

describe('daily job', () => {
  it('expires coupons past validity and queues one reminder per member N days before expiry', async () => {
    await cloud.db.collection('app_config').doc('message_templates').set({ data: { couponExpiry: 'TPL_EXPIRY' } });
    await template('T1', { validity: { mode: 'afterClaim', days: 5 }, remindDaysBefore: 2, perMember: 3 });
    ok(await claim('T1')); // valid Nov 23-27, reminder due Nov 25
    ok(await claim('T1'));
    cloud.clock.set(new Date('2026-11-24T02:00:00Z'));
    let r = ok(await cloud.trigger('coupons', 'daily')) as { expired: number; remindersQueued: number };
    expect(r).toMatchObject({ expired: 0, remindersQueued: 0 });
    cloud.clock.set(new Date('2026-11-25T02:00:00Z'));
    r = ok(await cloud.trigger('coupons', 'daily')) as { expired: number; remindersQueued: number };
    expect(r.remindersQueued).toBe(1);
    const msg = (await cloud.db.collection('message_outbox').get()).data;
    expect(msg).toHaveLength(1);
    expect(msg[0]).toMatchObject({ _openid: 'o-m', kind: 'service', template: 'TPL_EXPIRY', status: 'skipped', reason: 'no_subscription', data: { thing1: '满100减20等2张券', date2: '2026-11-27' } });
    expect(ok(await cloud.trigger('coupons', 'daily'))).toMatchObject({ remindersQueued: 0 });
    cloud.clock.set(new Date('2026-11-28T02:00:00Z'));
    expect(ok(await cloud.trigger('coupons', 'daily'))).toMatchObject({ expired: 2, done: true });
    expect(ok(await mine('expired')).coupons).toHaveLength(2);
    expect(await count(cloud, 'coupons', { status: 'expired' })).toBe(2);
  });

  it('pages through expiry within the budget and resumes', async () => {
    const { expireCoupons } = await import('../../cloudfunctions/_core/coupons/coupons-daily.job');
    const { startBudget } = await import('../../cloudfunctions/_core/shared/batch-job');
    for (let i = 0; i < 25; i++) {
      await cloud.db.collection('coupons').add({ data: { _id: `old-coupon-${String(i).padStart(8, '0')}`, _openid: 'o-m', templateId: 'X', status: 'unused', validTo: '2026-11-01' } });
    }
    const ctx = cloud.jobContext({ log: { info: () => undefined, warn: () => undefined, error: () => undefined } });
    // Every database operation costs 10 ms of fake time: after two pages (4 steps) the next query is estimated
    // to end past the 55 ms budget, so it is not started.
    let t = 0;
    cloud.db.injectFault(() => ((t += 10), false));
    const first = await expireCoupons(ctx, startBudget({ pageSize: 10, budgetMs: 55, elapsedMs: () => t }), cloud.clock.now());
    cloud.db.injectFault(null);
    expect(first).toEqual({ n: 20, done: false });
    expect(await expireCoupons(ctx, startBudget({ pageSize: 10 }), cloud.clock.now())).toEqual({ n: 5, done: true });
  });
});

describe('database operations per action', () => {
  it('claim (first, repeat of a member, retry), center, redeem', async () => {
    await template('T1', { perMember: 5 });
    await template('T2');
    const measure = async (fn: () => Promise<unknown>) => {
      cloud.db.resetStats();
      await fn();
      const { reads, writes, queries, transactions } = cloud.db.stats();
      return { reads, writes, queries, transactions };
    };
    const ops = {
      claimFirst: await measure(async () => ok(await claim('T1', 'o-m', 'ops-claim-1'))),
      claimAgain: await measure(async () => ok(await claim('T1', 'o-m', 'ops-claim-2'))),
      claimRetry: await measure(async () => ok(await claim('T1', 'o-m', 'ops-claim-2'))),
      center: await measure(async () => ok(await cloud.call('coupons', { action: 'center', input: {} }, 'o-m'))),
      code: await measure(async () => ok(await code(ok(await mine('unused')).coupons[0].couponId))),
    };
    const token = ok(await code(ok(await mine('unused')).coupons[0].couponId)).token;
    Object.assign(ops, {
      redeem: await measure(async () => ok(await redeem(token, 'RD-OPS-0001', 'o-clerk', 20_000))),
      redeemRetry: await measure(async () => ok(await redeem(token, 'RD-OPS-0001', 'o-clerk', 20_000))),
      undoRedeem: await measure(async () => ok(await undo('RD-OPS-0001'))),
    });
    // The member/role read of access control and config reads are included; operator documents are read
    // once per warm instance (claimAgain finds the template claimFirst read in the cache).
    // claimFirst also creates the template's stock document (a failed conditional update, a read, an add).
    expect(ops).toEqual({
      claimFirst: { reads: 5, writes: 5, queries: 2, transactions: 0 }, // +1: the stores document (views name stores), cached after
      claimAgain: { reads: 2, writes: 5, queries: 3, transactions: 0 },
      claimRetry: { reads: 3, writes: 0, queries: 0, transactions: 0 },
      center: { reads: 5, writes: 0, queries: 3, transactions: 0 },
      code: { reads: 4, writes: 0, queries: 1, transactions: 0 }, // with the `mine` call that finds the coupon
      redeem: { reads: 4, writes: 3, queries: 0, transactions: 1 },
      redeemRetry: { reads: 3, writes: 0, queries: 0, transactions: 0 },
      undoRedeem: { reads: 3, writes: 3, queries: 0, transactions: 1 },
    });
  });
});
