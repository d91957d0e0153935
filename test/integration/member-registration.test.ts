import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { MemberCenterView } from '../../cloudfunctions/_core/member/member.schema';
import { planEarn } from '../../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx } from '../../cloudfunctions/_core/points/points-ledger.service';
import { count, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
});
afterEach(() => cloud.close());

const register = (openid: string, input: unknown = registration()) =>
  cloud.call<MemberCenterView>('member', { action: 'register', input }, openid);

describe('registration', () => {
  it('creates the member, the points account and the consent record together', async () => {
    cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
    const view = ok(await register('o-alice', registration({ birthday: { month: 3, day: 8 }, phone: '13800138000' })));
    expect(view).toMatchObject({ nickname: '测试会员', tier: { code: 'silver' }, growth: 0, points: { balance: 0 } });
    expect(view.memberNo).toMatch(/^[1-9]\d{11}$/);
    const member = (await cloud.db.collection('members').doc('o-alice').get()).data;
    expect(member).toMatchObject({ _openid: 'o-alice', birthday: { month: 3, day: 8 }, phone: '13800138000' });
    expect(member.consent).toEqual({ policyVersion: '2026-11-01', acceptedAt: new Date('2026-11-23T02:00:00Z') });
    expect(await count(cloud, 'consents', { _openid: 'o-alice', policyVersion: '2026-11-01' })).toBe(1);
    expect(await count(cloud, 'point_accounts', { _openid: 'o-alice' })).toBe(1);
  });

  it('a second registration changes nothing and returns the same member', async () => {
    const first = ok(await register('o-bob'));
    const again = ok(await register('o-bob', registration({ nickname: '改个名字', birthday: { month: 1, day: 1 } })));
    expect(again.memberNo).toBe(first.memberNo);
    expect(again.nickname).toBe('测试会员');
    expect(again.birthday).toBeNull();
    expect(await count(cloud, 'members')).toBe(1);
    expect(await count(cloud, 'consents')).toBe(1);
  });

  it('20 concurrent registrations of one person make one member', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => register('o-tap')));
    const numbers = new Set(results.filter((r) => r.ok).map((r) => (r.ok ? r.data.memberNo : '')));
    expect(numbers.size).toBe(1);
    // Losers of the write conflict either see the winner on retry or get BUSY; none creates a second member.
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('BUSY');
    expect(await count(cloud, 'members')).toBe(1);
    expect(await count(cloud, 'consents')).toBe(1);
    expect(await count(cloud, 'point_accounts')).toBe(1);
  });

  it('different people registering at once all get distinct member numbers', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => register(`o-crowd-${i}`)));
    const numbers = results.map((r) => ok(r).memberNo);
    expect(new Set(numbers).size).toBe(30);
  });
});

describe('identity', () => {
  it('ignores an openid forged in the event or the input', async () => {
    const forged = { action: 'register', input: { ...registration(), openid: 'o-victim' }, openid: 'o-victim', userInfo: { openId: 'o-victim' } };
    ok(await cloud.call('member', forged, 'o-attacker'));
    expect(await count(cloud, 'members', { _id: 'o-attacker' })).toBe(1);
    expect(await count(cloud, 'members', { _id: 'o-victim' })).toBe(0);

    ok(await register('o-victim'));
    const seen = ok(await cloud.call<MemberCenterView>('member', { action: 'center', input: { openid: 'o-victim' }, openid: 'o-victim' }, 'o-attacker'));
    const victim = ok(await cloud.call<MemberCenterView>('member', { action: 'center', input: {} }, 'o-victim'));
    expect(seen.memberNo).not.toBe(victim.memberNo);
  });

  it('refuses a call the platform did not identify', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../../cloudfunctions/member/index.ts');
    const r = await main({ action: 'center', input: {} });
    expect(r).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });

  it('asks a visitor to register before showing the member center or the card', async () => {
    for (const action of ['center', 'card', 'updateProfile']) {
      const r = await cloud.call('member', { action, input: { nickname: 'x' } }, 'o-nobody');
      expect(r).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    }
  });
});

describe('bad input', () => {
  it.each([
    [{ nickname: '' }, 'nickname'],
    [{ nickname: '一二三四五六七八九十一二三四五六七八九十一' }, 'nickname'],
    [{ birthday: { month: 2, day: 30 } }, 'birthday.day'],
    [{ birthday: { month: 13, day: 1 } }, 'birthday.month'],
    [{ phone: '12345' }, 'phone'],
    [{ avatarUrl: 'javascript:alert(1)' }, 'avatarUrl'],
    [{ consent: { policyVersion: '2026-11-01', accepted: false } }, 'consent.accepted'],
    [{ consent: undefined }, 'consent'],
  ])('%j is refused with the field named and nothing written', async (override, field) => {
    const r = await register('o-bad', registration(override));
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } });
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count(cloud, 'members')).toBe(0);
    expect(await count(cloud, 'consents')).toBe(0);
  });

  it('refuses consent to an outdated privacy policy', async () => {
    const r = await register('o-old', registration({ consent: { policyVersion: '2020-01-01', accepted: true } }));
    expect(r).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    expect(await count(cloud, 'members')).toBe(0);
  });

  it.each([null, 'register', 42, { action: 'nope' }, { action: '__proto__' }, { action: 'constructor' }])(
    'answers %j with a typed error',
    async (event) => {
      const r = await cloud.call('member', event, 'o-x');
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    },
  );
});

describe('member center and card', () => {
  it('show tier, growth, progress, points and benefits', async () => {
    const reg = ok(await register('o-card'));
    await cloud.db.collection('members').doc('o-card').update({ data: { growth: 1800, tierCode: 'gold' } });
    await cloud.db.runTransaction((tx) =>
      postInTx(tx, 'o-card', { key: 'seed:o-card', kind: 'earn', reason: '测试', source: 'test', sourceId: 'seed', plan: (s) => planEarn(s, { amount: 320, expiresOn: '2099-12-31' }) }, cloud.clock.now()),
    );
    const center = ok(await cloud.call<MemberCenterView>('member', { action: 'center', input: {} }, 'o-card'));
    expect(center).toMatchObject({
      tier: { code: 'gold', name: '金卡会员' },
      growth: 1800,
      nextTier: { name: '黑金会员', threshold: 5000 },
      growthToNext: 3200,
      progressPercent: 20,
      points: { balance: 320 },
    });
    expect(center.benefits.map((b) => b.code)).toContain('new_product_trial');
    const card = ok(await cloud.call<{ memberNo: string; tier: { name: string } }>('member', { action: 'card', input: {} }, 'o-card'));
    expect(card).toMatchObject({ memberNo: reg.memberNo, tier: { name: '金卡会员' } });
  });

  it('keeps working on a broken tier document and explains it to the operator', async () => {
    ok(await register('o-broken'));
    await cloud.db.collection('app_config').doc('tiers').set({ data: { tiers: [{ code: 'Gold!', threshold: -1 }] } });
    const center = ok(await cloud.call<MemberCenterView>('member', { action: 'center', input: {} }, 'o-broken'));
    expect(center.tier.code).toBe('silver'); // built-in defaults stand in
    await cloud.db.collection('roles').doc('o-op').set({ data: { role: 'operator', storeId: null, name: '运营', active: true } });
    const report = ok(await cloud.call<{ configs: { id: string; status: string; problems?: string[] }[] }>('admin', { action: 'configReport', input: {} }, 'o-op'));
    const tiers = report.configs.find((c) => c.id === 'tiers');
    expect(tiers?.status).toBe('invalid');
    expect(tiers?.problems).toEqual(expect.arrayContaining(['tiers[0].code：等级代码只能用小写字母、数字和下划线', 'tiers[0].name：缺少此字段']));
    expect(report.configs.find((c) => c.id === 'privacy')?.status).toBe('ok');
  });
});

describe('profile', () => {
  beforeEach(async () => {
    ok(await register('o-p'));
  });
  const update = (input: unknown) => cloud.call<MemberCenterView>('member', { action: 'updateProfile', input }, 'o-p');

  it('changes nickname and avatar any time; the birthday once', async () => {
    expect(ok(await update({ nickname: '新名字', avatarUrl: 'preset:5' }))).toMatchObject({ nickname: '新名字', avatarUrl: 'preset:5' });
    expect(ok(await update({ birthday: { month: 6, day: 1 } })).birthday).toEqual({ month: 6, day: 1 });
    expect(ok(await update({ birthday: { month: 6, day: 1 } })).birthday).toEqual({ month: 6, day: 1 }); // a retry
    expect(await update({ birthday: { month: 7, day: 1 } })).toMatchObject({ ok: false, error: { code: 'BIRTHDAY_LOCKED' } });
  });

  it('lets exactly one of two concurrent first birthdays land', async () => {
    const [a, b] = await Promise.all([update({ birthday: { month: 1, day: 1 } }), update({ birthday: { month: 2, day: 2 } })]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(loser).toMatchObject({ ok: false, error: { code: 'BIRTHDAY_LOCKED' } });
  });

  it('refuses an empty change', async () => {
    expect(await update({})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
