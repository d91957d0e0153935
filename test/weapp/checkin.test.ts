/**
 * The points subpackage of the built mini-program (dist/weapp) in the simulator: the daily check-in (a first
 * check-in with its line items, and a repeat that is not an error) and the points history (pending entries,
 * expiry notice, loading more with beforeSeq).
 */
import type { CheckInStatusView, CheckInView, EntryView, HistoryView, PointsSummaryView } from '../../cloudfunctions/_core/points/points.schema';
import { fail, ok, textOf, waitFor, type SimNode, useWeappHarness } from './harness';
import { linCenter } from './member-fixtures';

const status: CheckInStatusView = {
  today: '2026-11-18',
  checkedInToday: false,
  streak: 1,
  rewards: [2, 5, 5, 10, 10, 10, 20],
  nextReward: 5,
  memberDayToday: true,
  week: [
    { day: '2026-11-12', checkedIn: false },
    { day: '2026-11-13', checkedIn: false },
    { day: '2026-11-14', checkedIn: false },
    { day: '2026-11-15', checkedIn: false },
    { day: '2026-11-16', checkedIn: false },
    { day: '2026-11-17', checkedIn: true },
    { day: '2026-11-18', checkedIn: false },
  ],
};

const award: CheckInView['award'] = {
  total: 10,
  lineItems: [
    { code: 'checkin', title: '连续签到第 2 天', points: 5 },
    { code: 'member_day', title: '会员日加倍', points: 5 },
  ],
};

const checkedIn: CheckInView = { day: '2026-11-18', streak: 2, repeated: false, award, balance: 2390 };

describe('weapp points pages (built output)', () => {
  const { boot, calls } = useWeappHarness();

  const doneDays = (page: SimNode) => page.querySelectorAll('.checkin-day--done').length;

  it('checks in and shows the award line items, the new balance and the done state', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'checkInStatus') return ok(status);
      if (call.data.action === 'checkIn') return ok(checkedIn);
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/points/checkin/index');
    const button = await waitFor(() => page.querySelector('.checkin-button'), 'the check-in page');

    expect(calls).toEqual([{ name: 'points', data: { action: 'checkInStatus', input: {} } }]);
    expect(textOf(page.querySelector('.checkin-streak'))).toBe('已连续签到 1 天');
    expect(page.querySelectorAll('.checkin-day')).toHaveLength(7);
    expect(doneDays(page)).toBe(1);
    expect(textOf(page.querySelector('.checkin-member-day'))).toContain('会员日');
    expect(textOf(button)).toContain('+5 积分');
    // The reward table highlights the day this check-in counts as: day 2.
    expect(textOf(page.querySelector('.checkin-reward--next'))).toBe('+5今天');
    expect(page.querySelector('.checkin-done')).toBeUndefined();
    expect(page.querySelector('.checkin-award')).toBeUndefined();

    button.dispatchEvent('tap');
    const awardCard = await waitFor(() => page.querySelector('.checkin-award'), 'the award');

    expect(calls.map((c) => c.data)).toEqual([
      { action: 'checkInStatus', input: {} },
      { action: 'checkIn', input: {} },
    ]);
    expect(textOf(awardCard)).toContain('签到成功');
    expect(textOf(awardCard)).toContain('+10 积分');
    expect(page.querySelectorAll('.checkin-line-item').map(textOf)).toEqual(['连续签到第 2 天 +5', '会员日加倍 +5']);
    expect(textOf(page.querySelector('.checkin-balance'))).toBe('当前积分 2,390');
    expect(textOf(page.querySelector('.checkin-done'))).toBe('今日已签到，明天再来可得 5 积分');
    expect(textOf(page.querySelector('.checkin-streak'))).toBe('已连续签到 2 天');
    expect(doneDays(page)).toBe(2);
    expect(page.querySelector('.checkin-button--done')).toBeDefined();
    expect(textOf(page.querySelector('.checkin-reward--next'))).toBe('+5明天');

    // A second tap on a done day asks nothing of the server and shows no error.
    (page.querySelector('.checkin-button') as SimNode).dispatchEvent('tap');
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.filter((c) => c.data.action === 'checkIn')).toHaveLength(1);
    expect(page.querySelector('.status-view--error')).toBeUndefined();
  });

  it('treats a repeated check-in (already done on another device) as done, not as an error', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'checkInStatus') return ok({ ...status, memberDayToday: false });
      if (call.data.action === 'checkIn') return ok({ ...checkedIn, repeated: true });
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const toast = jest.spyOn(harness.wx as { showToast: (o: unknown) => void }, 'showToast');
    const page = harness.openPage('packages/points/checkin/index');
    const button = await waitFor(() => page.querySelector('.checkin-button'), 'the check-in page');
    expect(page.querySelector('.checkin-member-day')).toBeUndefined();

    button.dispatchEvent('tap');
    const done = await waitFor(() => page.querySelector('.checkin-done'), 'the done state');

    expect(textOf(done)).toContain('今日已签到');
    expect(textOf(page.querySelector('.checkin-award'))).toContain('今天已经签到过了');
    expect(page.querySelectorAll('.checkin-line-item')).toHaveLength(2);
    expect(page.querySelector('.status-view--error')).toBeUndefined();
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '今天已经签到过了', icon: 'none' }));
  });

  it('shows a day already checked in as done without offering to check in again', async () => {
    const week = status.week.map((d) => (d.day === status.today ? { ...d, checkedIn: true } : d));
    const harness = boot(() => ok({ ...status, checkedInToday: true, streak: 2, nextReward: 5, week }));
    const page = harness.openPage('packages/points/checkin/index');
    const done = await waitFor(() => page.querySelector('.checkin-done'), 'the done state');

    expect(textOf(done)).toBe('今日已签到，明天再来可得 5 积分');
    expect(textOf(page.querySelector('.checkin-button'))).toBe('已签到');
    expect(doneDays(page)).toBe(2);
    expect(page.querySelector('.checkin-award')).toBeUndefined();
  });

  const summary: PointsSummaryView = { balance: 2380, pending: 120, owed: 30, expiring: { points: 200, on: '2027-12-31' } };

  const entry = (seq: number, fields: Partial<EntryView>): EntryView => ({
    id: `e${seq}`,
    seq,
    kind: 'earn',
    status: 'active',
    delta: 0,
    pendingDelta: 0,
    reason: '',
    lineItems: [],
    day: '2026-11-18',
    createdAt: '2026-11-18T02:00:00.000Z',
    ...fields,
  });

  const firstPage: HistoryView = {
    entries: [
      entry(5, {
        status: 'pending',
        pendingDelta: 120,
        reason: '门店消费 订单 A1001',
        lineItems: [
          { code: 'purchase', title: '消费 ¥100.00', points: 100 },
          { code: 'tier_bonus', title: '金卡会员积分加成', points: 20 },
        ],
      }),
      entry(4, { kind: 'spend', status: 'spent', delta: -500, reason: '积分商城兑换', day: '2026-11-17' }),
      entry(3, { delta: 10, reason: '每日签到', lineItems: [{ code: 'checkin', title: '连续签到第 2 天', points: 10 }], day: '2026-11-16' }),
    ],
    nextBeforeSeq: 3,
  };
  const secondPage: HistoryView = {
    entries: [
      entry(2, { kind: 'expire', status: 'expired', delta: -40, reason: '积分过期', day: '2026-01-01' }),
      entry(1, { kind: 'reverse', status: 'reversed', delta: -60, reason: '退款扣回 订单 A0999', day: '2025-12-20' }),
    ],
    nextBeforeSeq: null,
  };

  it('shows the balance, pending, owed and expiring points and pages the history with beforeSeq', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'summary') return ok(summary);
      if (call.data.action === 'history') {
        const input = call.data.input as { beforeSeq?: number };
        return ok(input.beforeSeq === 3 ? secondPage : firstPage);
      }
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/points/history/index');
    await waitFor(() => page.querySelectorAll('.history-entry').length === 3 && page.querySelector('.points-balance'), 'the history');

    expect(textOf(page.querySelector('.points-balance'))).toBe('2,380');
    expect(textOf(page.querySelector('.points-pending'))).toBe('待生效 120 积分（售后期结束后可用）');
    expect(textOf(page.querySelector('.points-owed'))).toContain('待抵扣 30 积分');
    expect(textOf(page.querySelector('.points-expiring'))).toBe('200 积分将于 2027年12月31日 过期');

    // The simulator's querySelector works from the page only (not from a child node): compare columns.
    const column = (selector: string) => page.querySelectorAll(selector).map(textOf);
    expect(column('.history-reason')).toEqual(['门店消费 订单 A1001', '积分商城兑换', '每日签到']);
    expect(column('.history-delta')).toEqual(['待生效 +120', '-500', '+10']);
    expect(column('.history-kind')).toEqual(['获得', '使用', '获得']);
    expect(column('.history-line-item')).toEqual(['消费 ¥100.00 +100', '金卡会员积分加成 +20', '连续签到第 2 天 +10']);
    expect(column('.history-date')).toEqual(['2026年11月18日', '2026年11月17日', '2026年11月16日']);
    expect(page.querySelectorAll('.history-entry--pending')).toHaveLength(1);

    const more = page.querySelector('.history-more') as SimNode;
    expect(textOf(more)).toBe('加载更多');
    more.dispatchEvent('tap');
    await waitFor(() => page.querySelectorAll('.history-entry').length === 5, 'the second page');

    expect(calls.filter((c) => c.data.action === 'history').map((c) => c.data.input)).toEqual([{ limit: 20 }, { beforeSeq: 3, limit: 20 }]);
    expect(column('.history-kind').slice(3)).toEqual(['过期', '退款扣回']);
    expect(column('.history-delta').slice(3)).toEqual(['-40', '-60']);
    expect(page.querySelector('.history-more')).toBeUndefined();
    expect(textOf(page.querySelector('.history-end'))).toBe('没有更多了');
  });

  it('hides pending, owed and expiry lines when there are none', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'summary') return ok({ balance: 0, pending: 0, owed: 0, expiring: null });
      if (call.data.action === 'history') return ok({ entries: [], nextBeforeSeq: null });
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/points/history/index');
    await waitFor(() => page.querySelector('.history-empty'), 'the empty history');

    expect(textOf(page.querySelector('.points-balance'))).toBe('0');
    expect(page.querySelector('.points-pending')).toBeUndefined();
    expect(page.querySelector('.points-owed')).toBeUndefined();
    expect(page.querySelector('.points-expiring')).toBeUndefined();
    expect(page.querySelector('.history-more')).toBeUndefined();
  });

  const center = linCenter();

  it('links the member center to check-in and history and warns of expiring points', async () => {
    const harness = boot((call) => {
      if (call.name === 'member' && call.data.action === 'center') return ok(center);
      if (call.name === 'points' && call.data.action === 'summary') return ok(summary);
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('pages/member/index');
    const notice = await waitFor(() => page.querySelector('.expiry-notice'), 'the expiry notice');

    expect(textOf(notice)).toBe('200 积分将于 2027年12月31日 过期');
    expect(textOf(page.querySelector('.member-points'))).toBe('2,380');
    expect(calls.map((c) => `${c.name}.${c.data.action}`)).toEqual(['member.center', 'points.summary']);

    (page.querySelector('.to-checkin') as SimNode).dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length > 0, 'navigateTo after tapping 每日签到');
    expect(harness.nav.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/packages/points/checkin/index' }));

    (page.querySelector('.to-history') as SimNode).dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length > 1, 'navigateTo after tapping 积分明细');
    expect(harness.nav.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/packages/points/history/index' }));
  });

  it('shows no expiry line when nothing expires or the summary fails', async () => {
    const harness = boot((call) => (call.data.action === 'center' ? ok(center) : fail('INTERNAL', 'boom')));
    const page = harness.openPage('pages/member/index');
    await waitFor(() => page.querySelector('.member-points'), 'the member center');
    await waitFor(() => calls.some((c) => c.data.action === 'summary'), 'the summary call');
    await new Promise((r) => setTimeout(r, 100));

    expect(page.querySelector('.expiry-notice')).toBeUndefined();
    expect(page.querySelector('.status-view--error')).toBeUndefined();
    expect(page.querySelector('.to-checkin')).toBeDefined();
  });
});
