/**
 * The panel page's 发起人工具 in the built mini-program (dist/weapp): the KOC co-creator hosting a panel invites
 * super users, posts a preview for panelists and reads the feedback summary; a member who does not host it sees
 * no tools.
 */
import { ok, textOf, waitFor, type SimNode, useWeappHarness } from './harness';

const panel = (overrides: Record<string, unknown> = {}) => ({
  panelId: 'nKOCPANEL1',
  title: '冷萃乌龙城市试饮官',
  productName: '冷萃乌龙',
  description: '',
  image: null,
  host: { name: '七七', official: false },
  manage: false,
  seats: 10,
  open: 8,
  seated: 2,
  applyUntil: '2026-11-30T14:00:00.000Z',
  state: 'open',
  held: null,
  hosting: true,
  mine: null,
  feedbackSent: false,
  questions: [{ id: 'taste', kind: 'rating', label: '口味打分', options: [] }],
  previews: [],
  ...overrides,
});
const me = { joined: true, author: { nickname: '七七' }, muted: null };

describe('weapp 新品测试 host tools (built output)', () => {
  const { boot, calls } = useWeappHarness();
  const sent = (name: string) => calls.filter((c) => c.data.action === name).map((c) => c.data.input as Record<string, unknown>);
  const tap = (page: SimNode, selector: string) => (page.querySelector(selector) as SimNode).dispatchEvent('tap');
  const type = (page: SimNode, selector: string, value: string) => (page.querySelector(selector) as SimNode).dispatchEvent('input', { detail: { value } });

  it('the host invites super users, posts a preview and reads the summary', async () => {
    const harness = boot((call) => {
      const action = call.data.action;
      if (action === 'panel') return ok(panel());
      if (action === 'me') return ok(me);
      if (action === 'invitePanel') return ok({ invited: 3, panel: panel({ open: 5 }) });
      if (action === 'postPreview') return ok(panel());
      if (action === 'panelReport') return ok({ panel: panel(), responses: 2, questions: [{ id: 'taste', kind: 'rating', label: '口味打分', averageTenths: 45, counts: [], texts: [] }] });
      return ok({});
    });
    const toast = jest.fn((o: { success?: () => void }) => o.success?.());
    harness.wx.showToast = toast;
    const page = harness.openPage('packages/cocreate/panel/index', { panelId: 'nKOCPANEL1' });
    await waitFor(() => page.querySelector('.panel-host-tools'), 'the host tools');
    expect(textOf(page.querySelector('.panel-host-tools'))).toContain('发起人工具');

    tap(page, '.panel-invite');
    await waitFor(() => page.querySelector('.invite-submit'), 'the invite sheet');
    tap(page, '.invite-submit');
    await waitFor(() => sent('invitePanel').length === 1, 'the invitation sent');
    expect(sent('invitePanel')[0]).toEqual({ panelId: 'nKOCPANEL1', count: 8 });
    await waitFor(() => toast.mock.calls.some((c) => (c[0] as { title: string }).title === '已邀请 3 位'), 'the invite toast');

    tap(page, '.panel-post-preview');
    await waitFor(() => page.querySelector('.preview-title'), 'the preview sheet');
    type(page, '.preview-title', '包装抢先看');
    type(page, '.preview-body', '粉色渐变瓶身，瓶盖可回收。');
    tap(page, '.preview-submit');
    await waitFor(() => sent('postPreview').length === 1, 'the preview sent');
    expect(sent('postPreview')[0]).toMatchObject({ panelId: 'nKOCPANEL1', title: '包装抢先看', body: '粉色渐变瓶身，瓶盖可回收。', images: [], requestId: expect.any(String) });

    tap(page, '.panel-report');
    const summary = await waitFor(() => page.querySelector('.report-question'), 'the summary');
    expect(textOf(page.querySelector('.report-sheet'))).toContain('已收到 2 份反馈');
    expect(textOf(summary)).toContain('平均 4.5 分');
  });

  it('a member who does not host the panel sees no tools', async () => {
    const harness = boot((call) => (call.data.action === 'panel' ? ok(panel({ hosting: false })) : call.data.action === 'me' ? ok(me) : ok({})));
    const page = harness.openPage('packages/cocreate/panel/index', { panelId: 'nKOCPANEL1' });
    await waitFor(() => page.querySelector('.panel-apply'), 'the panel page');
    expect(page.querySelector('.panel-host-tools')).toBeFalsy();
  });
});
