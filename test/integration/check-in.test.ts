import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { CheckInStatusView, CheckInView, HistoryView, PointsSummaryView } from '../../cloudfunctions/_core/points/points.schema';
import { count, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  ok(await cloud.call('member', { action: 'register', input: registration() }, 'o-c'));
});
afterEach(() => cloud.close());

const checkIn = (openid = 'o-c') => cloud.call<CheckInView>('points', { action: 'checkIn', input: {} }, openid);
const status = () => cloud.call<CheckInStatusView>('points', { action: 'checkInStatus', input: {} }, 'o-c');
const summary = () => cloud.call<PointsSummaryView>('points', { action: 'summary', input: {} }, 'o-c');
/** 10:00 Beijing time on a November day (2026-11-d), never the 8th (member day) unless asked. */
const at = (iso: string) => cloud.clock.set(new Date(iso));

describe('daily check-in', () => {
  it('200 concurrent check-ins on one day award exactly once', async () => {
    at('2026-11-23T02:00:00Z');
    const results = await Promise.all(Array.from({ length: 200 }, () => checkIn()));
    const done = results.filter((r) => r.ok).map((r) => (r.ok ? r.data : null)!);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('BUSY');
    expect(done.filter((d) => !d.repeated)).toHaveLength(1);
    expect(await count(cloud, 'point_entries', { _openid: 'o-c', source: 'checkin' })).toBe(1);
    expect(ok(await summary()).balance).toBe(5);
  });

  it('a second tap the same day is not an error and changes nothing', async () => {
    at('2026-11-23T02:00:00Z');
    const first = ok(await checkIn());
    const again = ok(await checkIn());
    expect(again).toEqual({ ...first, repeated: true });
    expect(ok(await status())).toMatchObject({ checkedInToday: true, streak: 1 });
  });

  it('counts streaks by Beijing day across midnight, and a missed day resets', async () => {
    at('2026-11-22T15:59:00Z'); // 23:59 on the 22nd in Beijing
    expect(ok(await checkIn())).toMatchObject({ day: '2026-11-22', streak: 1 });
    at('2026-11-22T16:01:00Z'); // 00:01 on the 23rd: a new day, two minutes later
    expect(ok(await checkIn())).toMatchObject({ day: '2026-11-23', streak: 2, award: { total: 5 } });
    at('2026-11-24T04:00:00Z');
    expect(ok(await checkIn())).toMatchObject({ day: '2026-11-24', streak: 3, award: { total: 10 } });
    at('2026-11-26T04:00:00Z'); // skipped the 25th
    expect(ok(await status())).toMatchObject({ streak: 0, checkedInToday: false, nextReward: 5 });
    expect(ok(await checkIn())).toMatchObject({ streak: 1, award: { total: 5 } });
    const week = ok(await status()).week;
    expect(week.map((d) => `${d.day.slice(8)}:${d.checkedIn ? 'Y' : '-'}`)).toEqual(['20:-', '21:-', '22:Y', '23:Y', '24:Y', '25:-', '26:Y']);
  });

  it('doubles on member day (the 8th, Beijing time) and explains it', async () => {
    at('2026-12-07T16:30:00Z'); // 00:30 on Dec 8 in Beijing
    const r = ok(await checkIn());
    expect(r.award.lineItems).toEqual([
      { code: 'checkin', title: '连续签到第 1 天', points: 5 },
      { code: 'member_day', title: '会员日加倍', points: 5 },
    ]);
    expect(ok(await status()).memberDayToday).toBe(true);
  });

  it('shows every award in the history with its reason and line items', async () => {
    at('2026-11-23T02:00:00Z');
    ok(await checkIn());
    at('2026-11-24T02:00:00Z');
    ok(await checkIn());
    const h = ok(await cloud.call<HistoryView>('points', { action: 'history', input: { limit: 1 } }, 'o-c'));
    expect(h.entries).toHaveLength(1);
    expect(h.entries[0]).toMatchObject({ kind: 'earn', status: 'active', delta: 5, reason: '每日签到', day: '2026-11-24' });
    const older = ok(await cloud.call<HistoryView>('points', { action: 'history', input: { beforeSeq: h.nextBeforeSeq } }, 'o-c'));
    expect(older.entries.map((e) => e.day)).toEqual(['2026-11-23']);
    expect(older.nextBeforeSeq).toBeNull();
    // 2027-12-31 is more than 30 days away: no expiry warning yet.
    expect(ok(await summary())).toEqual({ balance: 10, pending: 0, owed: 0, expiring: null });
  });

  it('is for members only', async () => {
    expect(await checkIn('o-stranger')).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });
});

describe('fault injection', () => {
  it('a failure at any database operation of a check-in leaves no partial state', async () => {
    at('2026-11-23T02:00:00Z');
    for (let failAt = 1; failAt <= 12; failAt++) {
      let seen = 0;
      cloud.db.injectFault((op) => op.inTransaction && ++seen === failAt);
      const r = await checkIn();
      cloud.db.injectFault(null);
      if (r.ok) break; // past the last operation: the check-in went through
      expect(await count(cloud, 'point_entries')).toBe(0);
      expect(await count(cloud, 'checkin_streaks')).toBe(0);
      expect(ok(await summary()).balance).toBe(0);
    }
    expect(ok(await summary()).balance).toBe(5);
    expect(await count(cloud, 'point_entries')).toBe(1);
  });
});
