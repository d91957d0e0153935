/**
 * The 发起共创 form of the built mini-program (dist/weapp), in the simulator with a mocked callFunction: a KOC
 * co-creator fills a poll, the server's field error shows next to the field (and its message in a toast), a
 * retry of the same submission keeps its request id, success opens the new poll; the panel form sends its
 * questions; a refusal (role revoked) shows the server's own message.
 */
import { fail, ok, textOf, waitFor, type SimNode, useWeappHarness } from './harness';

describe('weapp 发起共创 (built output)', () => {
  const { boot, calls } = useWeappHarness();
  const sent = (name: string) => calls.filter((c) => c.data.action === name).map((c) => c.data.input as Record<string, unknown>);
  const type = (node: SimNode | undefined, value: string) => (node as SimNode).dispatchEvent('input', { detail: { value } });
  const tap = (page: SimNode, selector: string) => (page.querySelector(selector) as SimNode).dispatchEvent('tap');

  it('sends the poll, shows the server\'s field error next to the field, keeps the request id on retry and opens the poll', async () => {
    let attempt = 0;
    const harness = boot((call) => {
      if (call.data.action !== 'openPoll') return ok({});
      attempt += 1;
      return attempt === 1 ? fail('INVALID_INPUT', '选项名称不能重复', 'options') : ok({ pollId: 'vKOCPOLL01' });
    });
    const toast = jest.fn((o: { success?: () => void }) => o.success?.());
    harness.wx.showToast = toast;
    const page = harness.openPage('packages/cocreate/open/index');
    await waitFor(() => page.querySelector('.open-title'), 'the poll form');
    type(page.querySelector('.open-title'), '会员周边礼盒选包装');
    tap(page, '.open-subject--packaging');
    type(page.querySelector('.open-product'), '会员周边礼盒');
    const options = page.querySelectorAll('.open-option');
    expect(options).toHaveLength(2);
    type(options[0], '牛皮纸');
    type(options[1], '牛皮纸');
    tap(page, '.open-option-add');
    await waitFor(() => page.querySelectorAll('.open-option').length === 3, 'a third option');
    type(page.querySelectorAll('.open-option')[2], '磨砂白');
    type(page.querySelector('.open-credit'), '名字印在礼盒内页');
    tap(page, '.open-submit');
    const invalid = await waitFor(() => page.querySelector('.ui-field--invalid'), 'the field error');
    // The field that shows it is the options' field (its label, then the error; noOrphan may join the last characters).
    expect(textOf(invalid).replace(/[^\u4e00-\u9fa5]/g, '')).toMatch(/^选项.*选项名称不能重复$/);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '选项名称不能重复' }));
    const first = sent('openPoll')[0];
    expect(first).toMatchObject({
      title: '会员周边礼盒选包装',
      subject: 'packaging',
      productName: '会员周边礼盒',
      creditLine: '名字印在礼盒内页',
      options: [{ label: '牛皮纸', image: null }, { label: '牛皮纸', image: null }, { label: '磨砂白', image: null }],
      closesAt: expect.stringMatching(/T22:00:00\+08:00$/),
    });
    // Fixed: remove the duplicate, send again.
    tap(page, '.open-option-remove');
    await waitFor(() => page.querySelectorAll('.open-option').length === 2, 'the duplicate removed');
    tap(page, '.open-submit');
    await waitFor(() => harness.nav.redirectTo.mock.calls.length > 0, 'the new poll opened');
    expect(harness.nav.redirectTo.mock.calls[0][0]).toMatchObject({ url: expect.stringContaining('packages/cocreate/poll/index?pollId=vKOCPOLL01') });
    const second = sent('openPoll')[1];
    expect((second.options as { label: string }[]).map((o) => o.label)).toEqual(['牛皮纸', '磨砂白']);
    // A refused submission gets a new request id (the refusal made nothing).
    expect(second.requestId).not.toBe(first.requestId);
  });

  it('the panel form sends seats and its rating and text questions; a refusal shows the server\'s message', async () => {
    const harness = boot((call) => (call.data.action === 'openPanel' ? fail('FORBIDDEN', '此功能仅限品牌运营或共创发起人使用') : ok({})));
    const toast = jest.fn((o: { success?: () => void }) => o.success?.());
    harness.wx.showToast = toast;
    const page = harness.openPage('packages/cocreate/open/index', { kind: 'panel' });
    await waitFor(() => page.querySelector('.open-apply-until'), 'the panel form');
    type(page.querySelector('.open-title'), '冷萃乌龙城市试饮官');
    type(page.querySelector('.open-product'), '冷萃乌龙');
    tap(page, '.open-submit');
    await waitFor(() => sent('openPanel').length === 1 && toast.mock.calls.length > 0, 'the refusal');
    expect(sent('openPanel')[0]).toMatchObject({
      title: '冷萃乌龙城市试饮官',
      productName: '冷萃乌龙',
      seats: 10,
      image: null,
      questions: [
        { id: 'r1', kind: 'rating', label: '整体满意度', options: [] },
        { id: 't1', kind: 'text', label: '一句话建议', options: [] },
      ],
    });
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '此功能仅限品牌运营或共创发起人使用' }));
    expect(harness.nav.redirectTo).not.toHaveBeenCalled();
  });
});

/**
 * The device paths the previews show, in page order. The simulator's <image> keeps no attributes: read them from
 * the data Taro sent to the page (attribute names are shortened there; take the node's wxfile:// value).
 */
function previewsOf(page: SimNode, className: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (typeof n.cl === 'string' && n.cl.split(/\s+/).includes(className)) {
      const path = Object.values(n).find((v) => typeof v === 'string' && v.startsWith('wxfile://'));
      if (typeof path === 'string') found.push(path);
    }
    for (const v of Object.values(n)) visit(v);
  };
  visit(page.data);
  return found;
}

describe('weapp 发起共创 with pictures (built output)', () => {
  const { boot, calls } = useWeappHarness();
  const sent = (name: string) => calls.filter((c) => c.data.action === name).map((c) => c.data.input as Record<string, unknown>);
  const type = (node: SimNode | undefined, value: string) => (node as SimNode).dispatchEvent('input', { detail: { value } });
  const tap = (node: SimNode | undefined) => (node as SimNode).dispatchEvent('tap');
  /** The album answers with the next picture; chooseImage is what the compose page uses too. */
  const stubAlbum = (wx: Record<string, unknown>, paths: string[]) => {
    const chooseImage = jest.fn((o: { count: number; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      const res = { tempFilePaths: [paths.shift()], errMsg: 'chooseImage:ok' };
      o.success?.(res);
      o.complete?.(res);
      return Promise.resolve(res);
    });
    wx.chooseImage = chooseImage;
    return chooseImage;
  };

  it('a picture per option (previewed, removable) is uploaded and its fileID sent; a held poll says it waits for the check', async () => {
    const harness = boot((call) => (call.data.action === 'openPoll' ? ok({ pollId: 'vKOCPOLL02', state: 'held' }) : ok({})));
    const toast = jest.fn((o: { success?: () => void }) => o.success?.());
    harness.wx.showToast = toast;
    const chooseImage = stubAlbum(harness.wx as unknown as Record<string, unknown>, ['wxfile://tmp/kraft.png', 'wxfile://tmp/white.png']);
    const page = harness.openPage('packages/cocreate/open/index');
    await waitFor(() => page.querySelector('.open-title'), 'the poll form');
    type(page.querySelector('.open-title'), '会员周边礼盒选包装');
    type(page.querySelector('.open-product'), '会员周边礼盒');
    const labels = page.querySelectorAll('.open-option');
    type(labels[0], '牛皮纸');
    type(labels[1], '磨砂白');
    type(page.querySelector('.open-credit'), '名字印在礼盒内页');
    tap(page.querySelectorAll('.open-option-image-add')[0]);
    await waitFor(() => page.querySelectorAll('.open-option-image').length === 1, 'the first picture previewed');
    tap(page.querySelectorAll('.open-option-image-add')[0]);
    await waitFor(() => page.querySelectorAll('.open-option-image').length === 2, 'the second picture previewed');
    expect(chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 1, sizeType: ['compressed'] }));
    expect(harness.cloud.uploadFile.mock.calls.map((c) => c[0])).toEqual([
      expect.objectContaining({ filePath: 'wxfile://tmp/kraft.png', cloudPath: expect.stringMatching(/^cocreate\/\d{8}\/\w+\.png$/) }),
      expect.objectContaining({ filePath: 'wxfile://tmp/white.png', cloudPath: expect.stringMatching(/^cocreate\//) }),
    ]);
    expect(previewsOf(page, 'open-option-image')).toEqual(['wxfile://tmp/kraft.png', 'wxfile://tmp/white.png']);
    // The second option's picture removed again: sent without it.
    tap(page.querySelectorAll('.open-option-image-remove')[1]);
    await waitFor(() => page.querySelectorAll('.open-option-image').length === 1, 'the picture removed');
    tap(page.querySelector('.open-submit'));
    await waitFor(() => harness.nav.redirectTo.mock.calls.length > 0, 'the new poll opened');
    const [uploaded] = harness.cloud.uploadFile.mock.calls[0] as [{ cloudPath: string }];
    expect(sent('openPoll')[0].options).toEqual([
      { label: '牛皮纸', image: `cloud://test-env/${uploaded.cloudPath}` },
      { label: '磨砂白', image: null },
    ]);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，图片通过安全检查后公开' }));
  });

  it('the panel form sends its product picture', async () => {
    const harness = boot((call) => (call.data.action === 'openPanel' ? ok({ panelId: 'nKOCPANEL1', state: 'held' }) : ok({})));
    stubAlbum(harness.wx as unknown as Record<string, unknown>, ['wxfile://tmp/oolong.jpg']);
    const page = harness.openPage('packages/cocreate/open/index', { kind: 'panel' });
    await waitFor(() => page.querySelector('.open-panel-image-add'), 'the panel form');
    type(page.querySelector('.open-title'), '冷萃乌龙城市试饮官');
    type(page.querySelector('.open-product'), '冷萃乌龙');
    tap(page.querySelector('.open-panel-image-add'));
    await waitFor(() => page.querySelector('.open-panel-image'), 'the picture previewed');
    tap(page.querySelector('.open-submit'));
    await waitFor(() => sent('openPanel').length === 1, 'the panel sent');
    expect(sent('openPanel')[0].image).toMatch(/^cloud:\/\/test-env\/cocreate\/\d{8}\/\w+\.jpg$/);
  });
});
