import { birthdayJob } from '../../cloudfunctions/_core/birthday/birthday.job';
import type { BirthdayCardView } from '../../cloudfunctions/_core/birthday/birthday.schema';
import type { BirthdayConfig } from '../../cloudfunctions/_core/birthday/birthday-config.schema';
import { DEFAULT_BIRTHDAY } from '../../cloudfunctions/_core/config/defaults';
import { CONFIG_COLLECTION } from '../../cloudfunctions/_core/config/operator-config';
import type { PointsSummaryView } from '../../cloudfunctions/_core/points/points.schema';
import type { PurchaseRecordedView } from '../../cloudfunctions/_core/staff/staff-till.schema';
import type { Database } from '../../cloudfunctions/_platform/database.port';
import { enqueueMessage } from '../../cloudfunctions/_core/messaging/outbox.service';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { firesBetween } from '../../cloudfunctions/_platform/local/timer-schedule';
import { count, grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { openVisit } from '../support/till';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await cloud.db.collection('coupon_templates').doc('BDAY50').set({
    data: {
      title: '生日 50 元券',
      description: '生日当月使用',
      kind: { type: 'amount_off', thresholdFen: 0, amountOffFen: 5_000 },
      validity: { mode: 'afterClaim', days: 30 },
      total: 1_000,
      perMember: 10,
      channels: ['birthday'],
    },
  });
  await cloud.db.collection(CONFIG_COLLECTION).doc('message_templates').set({ data: { couponExpiry: null, birthdayGreeting: 'tmpl-bday' } });
  await setBirthday({ window: 'day' });
});
afterEach(() => cloud.close());

async function setBirthday(patch: Partial<BirthdayConfig>) {
  const cfg: BirthdayConfig = {
    ...DEFAULT_BIRTHDAY,
    tiers: [
      { tierCode: 'silver', couponTemplateIds: ['BDAY50'], bonusPoints: 50, pointsMultiplierPercent: 200 },
      { tierCode: 'gold', couponTemplateIds: ['BDAY50'], bonusPoints: 100, pointsMultiplierPercent: 200 },
    ],
    ...patch,
  };
  await cloud.db.collection(CONFIG_COLLECTION).doc('birthday').set({ data: { ...cfg } });
  cloud.coldStart();
}

/** 00:10 Beijing on `day`, when the timer fires. */
const at0010 = (day: string) => new Date(new Date(`${day}T00:10:00+08:00`).getTime());
const register = async (openid: string, birthday?: { month: number; day: number }) =>
  ok(await cloud.call('member', { action: 'register', input: registration(birthday ? { birthday } : {}) }, openid));
const runJob = async () => ok(await cloud.trigger('birthday', 'daily')) as { members: number; opened: number; granted: number; done: boolean; period: string };
const grants = (openid?: string) => count(cloud, 'birthday_grants', openid ? { _openid: openid } : {});
const card = async (openid: string) => ok(await cloud.call<BirthdayCardView>('birthday', { action: 'card', input: {} }, openid));
const balance = async (openid: string) => ok(await cloud.call<PointsSummaryView>('points', { action: 'summary', input: {} }, openid)).balance;

describe('the birthday job', () => {
  it('fires at 00:10 Beijing and again through the night until 05:50, so a long night resumes', () => {
    expect(cloud.triggers()).toContainEqual({ fn: 'birthday', name: 'daily', cron: '0 10/10 0-5 * * * *' });
    const fires = firesBetween('0 10/10 0-5 * * * *', new Date('2026-11-29T16:00:00Z'), new Date('2026-11-30T16:00:00Z'));
    expect(fires[0].toISOString()).toBe('2026-11-29T16:10:00.000Z');
    expect(fires).toHaveLength(30); // :10 to :50 of each hour from 00 to 05
    expect(fires[fires.length - 1].toISOString()).toBe('2026-11-29T21:50:00.000Z');
  });

  it('gives the benefit on the day: points, a birthday coupon, the greeting queued; nothing twice when the timer runs twice', async () => {
    cloud.clock.set(new Date('2026-03-01T02:00:00Z'));
    await register('o-today', { month: 3, day: 15 });
    await register('o-other', { month: 3, day: 16 });
    await register('o-none');
    cloud.clock.set(at0010('2026-03-15'));
    const first = await runJob();
    expect(first).toMatchObject({ period: '2026-03-15', members: 1, opened: 1, granted: 1, done: true });
    expect(await grants()).toBe(1);
    expect(await balance('o-today')).toBe(50);
    expect(await count(cloud, 'coupons', { _openid: 'o-today', templateId: 'BDAY50', channel: 'birthday', status: 'unused' })).toBe(1);
    expect(await count(cloud, 'message_outbox', { _openid: 'o-today', template: 'tmpl-bday', kind: 'promotion' })).toBe(1);

    const again = await runJob();
    expect(again).toMatchObject({ members: 0, opened: 0, done: true }); // the period is done
    await cloud.db.collection('job_cursors').doc('birthday').remove();
    const third = await runJob(); // even forgetting the cursor: each member once a year
    expect(third).toMatchObject({ members: 1, opened: 0 });
    expect(await grants()).toBe(1);
    expect(await balance('o-today')).toBe(50);
    expect(await count(cloud, 'coupons', { _openid: 'o-today' })).toBe(1);
    expect(await count(cloud, 'message_outbox')).toBe(1);
    expect(await grants('o-none')).toBe(0);
    expect(await card('o-none')).toMatchObject({ active: false });
  });

  it('29 February counts on 28 February in other years, and on 29 February in leap years', async () => {
    cloud.clock.set(new Date('2027-01-10T02:00:00Z'));
    await register('o-leap', { month: 2, day: 29 });
    await register('o-28', { month: 2, day: 28 });
    cloud.clock.set(at0010('2027-02-28'));
    expect(await runJob()).toMatchObject({ members: 2, opened: 2 });
    expect((await cloud.db.collection('birthday_grants').doc('o-leap:2027').get()).data).toMatchObject({ windowStart: '2027-02-28', windowEnd: '2027-02-28' });
    cloud.clock.set(at0010('2027-03-01'));
    expect(await runJob()).toMatchObject({ members: 0 });

    cloud.clock.set(at0010('2028-02-28'));
    expect(await runJob()).toMatchObject({ members: 1, opened: 1 }); // only the 28th
    expect(await grants('o-leap')).toBe(1);
    cloud.clock.set(at0010('2028-02-29'));
    expect(await runJob()).toMatchObject({ members: 1, opened: 1 });
    expect((await cloud.db.collection('birthday_grants').doc('o-leap:2028').get()).data).toMatchObject({ windowStart: '2028-02-29' });
  });

  it('finds members through the month-day index only, never a scan', async () => {
    cloud.clock.set(new Date('2026-05-01T02:00:00Z'));
    for (let i = 0; i < 30; i++) await register(`o-m${i}`, { month: 5, day: (i % 28) + 1 });
    const wheres: Record<string, unknown>[] = [];
    const spy = spyOnMemberQueries(cloud.db, wheres);
    await setBirthday({ window: 'week' });
    cloud.clock.set(at0010('2026-05-04')); // a Monday: 4-10 May
    const r = await birthdayJob(cloud.jobContext({ db: spy }));
    expect(r).toMatchObject({ period: '2026-05-04', opened: 7, done: true });
    expect(wheres.length).toBeGreaterThanOrEqual(7);
    for (const w of wheres) expect(Object.keys(w).sort()).toEqual(expect.arrayContaining(['birthday.day', 'birthday.month']));
    // A run on Wednesday of the same week finds the period done.
    cloud.clock.set(at0010('2026-05-06'));
    expect(await runJob()).toMatchObject({ period: '2026-05-04', members: 0, done: true });
  });

  it('a week window across the new year belongs to the birthday\'s year; a missed Monday is made up on Tuesday', async () => {
    await setBirthday({ window: 'week' });
    cloud.clock.set(new Date('2026-12-01T02:00:00Z'));
    await register('o-jan2', { month: 1, day: 2 });
    await register('o-dec30', { month: 12, day: 30 });
    cloud.clock.set(at0010('2026-12-29')); // Tuesday; the week is Mon 28 Dec - Sun 3 Jan
    expect(await runJob()).toMatchObject({ period: '2026-12-28', opened: 2 });
    expect((await cloud.db.collection('birthday_grants').doc('o-jan2:2027').get()).data).toMatchObject({ windowStart: '2026-12-28', windowEnd: '2027-01-03' });
    expect(await grants('o-dec30')).toBe(1);
    expect(await card('o-jan2')).toMatchObject({ active: true, windowEnd: '2027-01-03', points: 50, preparing: false });
  });

  it('a run that hits its time budget resumes from its cursor the next time', async () => {
    await setBirthday({ window: 'month' });
    cloud.clock.set(new Date('2026-06-20T02:00:00Z'));
    for (let i = 0; i < 25; i++) await register(`o-j${i}`, { month: 7, day: (i % 5) + 1 });
    cloud.clock.set(at0010('2026-07-01'));
    let calls = 0;
    const r1 = await birthdayJob(cloud.jobContext(), { pageSize: 3, concurrency: 1, elapsedMs: () => (calls++ > 12 ? 60_000 : 0) });
    expect(r1.done).toBe(false);
    expect(r1.opened).toBeGreaterThan(0);
    expect(r1.opened).toBeLessThan(25);
    const r2 = await birthdayJob(cloud.jobContext(), { pageSize: 3 });
    expect(r2.done).toBe(true);
    expect(r1.opened + r2.opened).toBe(25);
    expect(await grants()).toBe(25);
  });
});

describe('registering or setting the birthday inside the window', () => {
  it('a member who registers inside their window gets it the same day, once', async () => {
    await setBirthday({ window: 'month' });
    cloud.clock.set(at0010('2026-09-01'));
    await runJob();
    cloud.clock.set(new Date('2026-09-12T06:00:00Z'));
    await register('o-new', { month: 9, day: 3 }); // the window opened on 1 September, before they joined
    expect((await cloud.db.collection('birthday_grants').doc('o-new:2026').get()).data).toMatchObject({ via: 'register', status: 'granted' });
    expect(await balance('o-new')).toBe(50);
    expect(await card('o-new')).toMatchObject({ active: true, points: 50, multiplierPercent: 200, coupons: [{ title: '生日 50 元券' }] });
    cloud.clock.set(at0010('2026-09-13'));
    await runJob();
    expect(await grants('o-new')).toBe(1);
    await register('o-new', { month: 9, day: 3 }); // a repeated registration changes nothing
    expect(await grants('o-new')).toBe(1);
    // Outside the window: nothing until the window opens.
    await register('o-later', { month: 10, day: 3 });
    expect(await grants('o-later')).toBe(0);
  });

  it('setting the birthday for the first time inside the window gives it; the birthday then cannot be changed to farm it', async () => {
    cloud.clock.set(new Date('2026-04-20T02:00:00Z'));
    await register('o-p');
    const set = (month: number, day: number) => cloud.call('member', { action: 'updateProfile', input: { birthday: { month, day } } }, 'o-p');
    const [a, b] = await Promise.all([set(4, 20), set(4, 20)]);
    expect(a.ok && b.ok).toBe(true);
    expect((await cloud.db.collection('birthday_grants').doc('o-p:2026').get()).data).toMatchObject({ via: 'profile', status: 'granted' });
    expect(await grants('o-p')).toBe(1);
    expect(await set(4, 21)).toMatchObject({ ok: false, error: { code: 'BIRTHDAY_LOCKED' } });
    expect(await balance('o-p')).toBe(50);
  });
});

describe('in the window', () => {
  it('purchases earn the birthday multiplier as its own line item; the card shows the gifts', async () => {
    await setBirthday({ window: 'week' });
    cloud.clock.set(new Date('2026-11-01T02:00:00Z'));
    await register('o-b', { month: 11, day: 25 });
    await grantRole(cloud, 'o-clerk', 'clerk');
    cloud.clock.set(new Date('2026-11-20T02:00:00Z'));
    const buy = async (orderNo: string) => {
      const visitId = await openVisit(cloud, 'o-b', 'o-clerk');
      return ok(await cloud.call<PurchaseRecordedView>('staff', { action: 'recordPurchase', input: { visitId, orderNo, amountFen: 10_000 } }, 'o-clerk'));
    };
    expect((await buy('B-0001')).award.lineItems.map((i) => i.code)).toEqual(['purchase']);
    expect(await card('o-b')).toMatchObject({ active: false });
    cloud.clock.set(new Date('2026-11-24T02:00:00Z')); // the week of the 25th, before any job ran
    expect(await card('o-b')).toMatchObject({ active: true, preparing: true, windowStart: '2026-11-23', windowEnd: '2026-11-29' });
    expect((await buy('B-0002')).award.lineItems).toContainEqual({ code: 'birthday_bonus', title: '生日礼遇积分加成', points: 100 });
    cloud.clock.set(at0010('2026-11-25'));
    await runJob();
    expect(await card('o-b')).toMatchObject({ active: true, preparing: false, points: 50, coupons: [{ title: '生日 50 元券' }] });
  });

  it('the greeting goes out through the outbox only with a subscription and within the caps', async () => {
    cloud.clock.set(new Date('2026-03-01T02:00:00Z'));
    await register('o-sub', { month: 3, day: 15 });
    await register('o-nosub', { month: 3, day: 15 });
    ok(await cloud.call('coupons', { action: 'subscribe', input: { template: 'tmpl-bday', requestId: 'req-sub-0001' } }, 'o-sub'));
    cloud.clock.set(at0010('2026-03-15'));
    await runJob();
    cloud.clock.set(new Date('2026-03-15T02:00:00Z')); // the coupons timer (10:00) dispatches the outbox
    ok(await cloud.trigger('coupons', 'daily'));
    const sent = (await cloud.db.collection('_dev_outbox').where({ kind: 'subscribeMessage' }).get()).data;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ touser: 'o-sub', templateId: 'tmpl-bday', data: { thing1: { value: '生日快乐' }, thing2: { value: '50积分、1张生日券、消费积分2倍' }, date3: { value: '2026-03-15' } } });
    expect(await count(cloud, 'message_outbox', { _openid: 'o-nosub', status: 'skipped', reason: 'no_subscription' })).toBe(1);

    // Next year a campaign message is queued the same day: one promotion a day reaches the member, the other waits out.
    ok(await cloud.call('coupons', { action: 'subscribe', input: { template: 'tmpl-bday', requestId: 'req-sub-0002' } }, 'o-sub'));
    ok(await cloud.call('coupons', { action: 'subscribe', input: { template: 'tmpl-bday', requestId: 'req-sub-0003' } }, 'o-sub'));
    cloud.clock.set(at0010('2027-03-15'));
    await enqueueMessage(cloud.db, { openid: 'o-sub', kind: 'promotion', template: 'tmpl-bday', data: { thing1: '活动' }, page: 'pages/home/index', dedupeKey: 'campaign:2027' }, new Date(cloud.clock.now().getTime() - 60_000));
    await runJob();
    cloud.clock.set(new Date('2027-03-15T02:00:00Z'));
    ok(await cloud.trigger('coupons', 'daily'));
    expect(await count(cloud, '_dev_outbox', { kind: 'subscribeMessage', touser: 'o-sub' })).toBe(2);
    expect(await count(cloud, 'message_outbox', { _openid: 'o-sub', status: 'skipped', reason: 'cap_day' })).toBe(1);
  });

  it('benefits switched off: no grants, no card, no multiplier', async () => {
    await setBirthday({ enabled: false });
    cloud.clock.set(new Date('2026-03-01T02:00:00Z'));
    await register('o-x', { month: 3, day: 1 });
    expect(await grants()).toBe(0);
    cloud.clock.set(at0010('2026-03-01'));
    expect(await runJob()).toMatchObject({ opened: 0, done: true });
    expect(await card('o-x')).toMatchObject({ active: false });
  });
});

/** The database with every `members` query's where clause recorded. */
function spyOnMemberQueries(db: Database, wheres: Record<string, unknown>[]): Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'collection') {
        return (name: string) => {
          const c = target.collection(name);
          if (name !== 'members') return c;
          return new Proxy(c, {
            get(t, p, r) {
              if (p === 'where') return (q: Record<string, unknown>) => (wheres.push(q), t.where(q));
              const v = Reflect.get(t, p, r);
              return typeof v === 'function' ? v.bind(t) : v;
            },
          });
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
