/**
 * 运营消息 (packages/ops/messages) of the built mini-program (dist/weapp) in the simulator: each layer message with
 * its state tag, layers, send time in Beijing time and its counts, and no ids; the empty state; an operator
 * reaches it from 运营看板; a refused caller sees the server's reason.
 */
import type { LayerMessageStatusView, LayerMessagesReportView } from '../../cloudfunctions/_core/messaging/layer-messages-report.schema';
import { fail, ok, textOf, useWeappHarness, waitFor, type SimNode } from './harness';

const message = (fields: Partial<LayerMessageStatusView>): LayerMessageStatusView => ({
  messageId: 'trial-2026',
  title: '新品试用招募',
  layers: ['超级用户'],
  sendAt: '2026-11-23T02:00:00.000Z',
  state: 'done',
  stateText: '已排完',
  members: 120,
  queued: 110,
  outsideAudience: 10,
  noMember: 0,
  delivery: { pending: 4, sent: 80, skipped: 25, failed: 1 },
  finishedAt: '2026-11-23T02:10:00.000Z',
  ...fields,
});

const REPORT: LayerMessagesReportView = {
  messages: [
    message({ messageId: 'tasting-weekend', title: '周末品鉴会邀请', layers: ['超级用户', '高净值'], sendAt: '2026-11-24T11:00:00.000Z', state: 'scheduled', stateText: '未到发送时间', members: 0, queued: 0, outsideAudience: 0, delivery: { pending: 0, sent: 0, skipped: 0, failed: 0 }, finishedAt: null }),
    message({}),
  ],
};

describe('weapp 运营消息 (built output)', () => {
  const { boot, calls } = useWeappHarness();

  it('lists each message with its state, layers, Beijing send time and counts, and shows no ids', async () => {
    const harness = boot((call) => (call.name === 'messages' && call.data.action === 'report' ? ok(REPORT) : fail('UNKNOWN_ACTION', 'unknown')));
    const page = harness.openPage('packages/ops/messages/index');
    await waitFor(() => page.querySelectorAll('.ops-message').length === 2, 'two message cards');
    expect(calls.map((c) => [c.name, c.data.action])).toEqual([['messages', 'report']]);
    const texts = (selector: string) => page.querySelectorAll(selector).map(textOf);
    // Latest send time first: tomorrow's (not sent yet), then the finished one.
    expect(texts('.ops-message__state')).toEqual(['未到发送时间', '已排完']);
    expect(texts('.ops-message__to')).toEqual(['超级用户高净值11月24日 19:00 发送', '超级用户11月23日 10:00 发送']); // tags, then the time
    const figures = ['queued', 'sent', 'skipped', 'failed'].map((k) => texts(`.ops-message--done .ops-message-${k} .ui-stat__value`)[0]);
    expect(figures).toEqual(['110', '80', '25', '1']);
    expect(texts('.ops-message-sent .ui-stat__label')).toEqual(['已发送', '已发送']);
    // Only the finished one has notes (the scheduled one has no counts yet).
    expect(texts('.ops-message__notes')).toEqual(['分层内 120 人，10 人不在受众内 · 4 条待发送 · 11月23日 10:10 排完']);
    const shown = textOf(page.querySelector('.ops-messages'));
    expect(shown).not.toMatch(/trial-2026|tasting-weekend|[A-Za-z]{3,}/);
  });

  it('says how to start when there is no message yet', async () => {
    const harness = boot(() => ok({ messages: [] }));
    const page = harness.openPage('packages/ops/messages/index');
    const empty = await waitFor(() => page.querySelector('.ui-state--empty'), 'the empty state');
    expect(textOf(empty)).toContain('还没有运营消息');
  });

  it('shows the server’s reason to someone who is not an operator', async () => {
    const harness = boot(() => fail('FORBIDDEN', '仅运营人员可查看'));
    const page = harness.openPage('packages/ops/messages/index');
    await waitFor(() => textOf(page.querySelector('.ops-messages')).includes('仅运营人员可查看'), 'the reason');
    expect(page.querySelector('.ops-message')).toBeFalsy();
  });

  it('运营看板 opens it', async () => {
    const harness = boot((call) =>
      call.data.action === 'configReport' ? ok({ configs: [], recentChanges: [] }) : fail('UNKNOWN_ACTION', 'unknown'),
    );
    const page = harness.openPage('packages/ops/index');
    const entry = await waitFor(() => page.querySelector('.to-messages'), 'the 运营消息 entry');
    expect(textOf(entry)).toContain('运营消息');
    (entry as SimNode).dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length === 1, 'navigation');
    expect(harness.nav.navigateTo.mock.calls[0][0]).toMatchObject({ url: '/packages/ops/messages/index' });
  });
});
