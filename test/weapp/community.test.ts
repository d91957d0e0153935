/**
 * The community subpackage of the built mini-program (dist/weapp), in the simulator with a mocked callFunction:
 * the feed (tabs, counts, the moderator's entry, a visitor asked to join at the first action) and the post page
 * (like, flag through the reason sheet, comment with one request id per comment reused on a retry, delete one's
 * own comment, the author seeing why a post is hidden).
 */
import type { CommentView, MeView, PostDetailView, PostView } from '../../cloudfunctions/_core/community/community.schema';
import { ERROR_MESSAGES } from '../../src/services/error-messages';
import { fail, ok, textOf, waitFor, type SimNode, useWeappHarness } from './harness';

const author = { id: 'uAuthorPublic01', nickname: '林小满', avatarUrl: 'preset:1', official: false, badge: { code: 'run-7', name: '晨跑七日', color: '#2E6FB7' } };
const post = (fields: Partial<PostView>): PostView => ({
  postId: 'p1',
  author,
  text: '周末去了新开的跑道，日出真好看！',
  images: [],
  topics: [{ code: 'morning-run', name: '晨跑打卡' }],
  productTag: { itemId: 'MUG', title: '品牌马克杯' },
  official: false,
  status: 'visible',
  note: null,
  likeCount: 1234,
  commentCount: 2,
  favouriteCount: 0,
  shareCount: 0,
  mine: false,
  createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  ...fields,
});
const me = (fields: Partial<MeView>): MeView => ({ joined: true, moderator: false, author: { ...author, nickname: '小鹿' }, muted: null, openCases: null, ...fields });
const detail = (fields: Partial<PostDetailView>): PostDetailView => ({
  post: post({}),
  liked: false,
  favourited: false,
  flagged: false,
  viewer: { joined: true, moderator: false },
  ...fields,
});
const comment = (fields: Partial<CommentView>): CommentView => ({
  commentId: 'c1',
  postId: 'p1',
  author: { ...author, nickname: '小鹿', badge: null },
  text: '苏州河边那段很适合',
  parentId: null,
  replyTo: null,
  status: 'visible',
  note: null,
  mine: false,
  createdAt: new Date().toISOString(),
  ...fields,
});

describe('weapp community (built output)', () => {
  const { boot, calls } = useWeappHarness();
  const actions = (name: string) => calls.filter((c) => c.data.action === name);
  const tap = (page: SimNode, selector: string) => (page.querySelector(selector) as SimNode).dispatchEvent('tap');

  it('shows the feed by tab with formatted counts, the product tag and the moderator\'s queue entry', async () => {
    const harness = boot((call) => {
      const input = call.data.input as { tab?: string; topic?: string };
      if (call.data.action === 'me') return ok(me({ moderator: true, openCases: 3 }));
      if (call.data.action === 'topics') return ok({ topics: [{ code: 'morning-run', name: '晨跑打卡', description: '', official: true }] });
      if (call.data.action === 'feed') return ok({ items: input.tab === 'hot' ? [post({ postId: 'p2', text: '热门内容', likeCount: 9 })] : [post({})], next: null });
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/community/feed/index');
    await waitFor(() => page.querySelectorAll('.post-card').length === 1, 'the latest feed');
    expect(actions('feed')[0].data.input).toEqual({ tab: 'latest', cursor: null });
    expect(textOf(page.querySelector('.post-card-likes'))).toBe('1,234');
    expect(textOf(page.querySelector('.post-product'))).toBe('品牌马克杯');
    expect(textOf(page.querySelector('.post-topic'))).toBe('#晨跑打卡');
    await waitFor(() => page.querySelector('.moderation-count'), 'the queue entry');
    expect(textOf(page.querySelector('.moderation-count'))).toBe('3');

    tap(page, '.feed-tab--hot');
    await waitFor(() => textOf(page.querySelector('.post-card-text')) === '热门内容', 'the hot feed');
    expect(actions('feed').map((c) => (c.data.input as { tab: string }).tab)).toEqual(['latest', 'hot']);
    tap(page, '.feed-tab--topic');
    await waitFor(() => actions('feed').some((c) => (c.data.input as { topic?: string }).topic === 'morning-run'), 'the topic feed');
    await waitFor(() => page.querySelector('.feed-propose'), 'the topic chips');
    const card = await waitFor(() => page.querySelector('.post-card'), 'the topic\'s posts');

    card.dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length > 0, 'navigateTo the post');
    expect(harness.nav.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/community/post/index?postId=p1' }));
  });

  it('asks a visitor to join at the first action instead of opening the composer', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'me') return ok(me({ joined: false, author: null }));
      if (call.data.action === 'topics') return ok({ topics: [] });
      if (call.data.action === 'feed') return ok({ items: [post({})], next: null });
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/community/feed/index');
    await waitFor(() => page.querySelector('.cm-visitor'), 'the visitor notice');
    await waitFor(() => page.querySelector('.post-card'), 'the feed');
    tap(page, '.to-compose');
    const dialog = await waitFor(() => page.querySelector('.join-dialog'), 'the join dialog');
    expect(textOf(dialog)).toContain('加入会员');
    expect(harness.nav.navigateTo).not.toHaveBeenCalled();
    tap(page, '.join-dialog .ui-dialog__ok');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length > 0, 'navigateTo register');
    expect(harness.nav.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/account/register/index' }));
  });

  it('likes, flags with a reason, comments with one request id reused on a retry, and deletes its own comment', async () => {
    let commentCalls = 0;
    let comments = [comment({})];
    const harness = boot((call) => {
      const input = call.data.input as Record<string, unknown>;
      if (call.data.action === 'post') return ok(detail({}));
      if (call.data.action === 'comments') return ok({ items: comments, next: null });
      if (call.data.action === 'like') return ok({ liked: true, likeCount: 1235, changed: true });
      if (call.data.action === 'flag') return ok({ flagged: true, hidden: false, repeated: false });
      if (call.data.action === 'comment') {
        commentCalls++;
        if (commentCalls === 1) return fail('BUSY', 'busy');
        const mine = comment({ commentId: 'c2', text: input.text as string, mine: true, author: { ...author, nickname: '我', badge: null } });
        comments = [...comments, mine];
        return ok({ comment: mine, held: false, repeated: false });
      }
      if (call.data.action === 'deleteComment') {
        comments = comments.filter((c) => c.commentId !== input.commentId);
        return ok({ done: true });
      }
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/community/post/index', { postId: 'p1' });
    await waitFor(() => page.querySelector('.post-like'), 'the post');
    expect(actions('post')[0].data.input).toEqual({ postId: 'p1' });
    expect(textOf(page.querySelector('.post-like'))).toBe('点赞 1,234');
    await waitFor(() => page.querySelectorAll('.post-comment').length === 1, 'the comment');

    tap(page, '.post-like');
    await waitFor(() => textOf(page.querySelector('.post-like')) === '已赞 1,235', 'the like');
    expect(actions('like').map((c) => c.data.input)).toEqual([{ postId: 'p1', liked: true }]);

    tap(page, '.post-flag');
    await waitFor(() => page.querySelector('.flag-sheet'), 'the reason sheet');
    tap(page, '.flag-reason--spam');
    await waitFor(() => textOf(page.querySelector('.post-flag')) === '已举报', 'flagged');
    expect(actions('flag').map((c) => c.data.input)).toEqual([{ postId: 'p1', reason: 'spam', detail: '' }]);

    (page.querySelector('.comment-input') as SimNode).dispatchEvent('input', { detail: { value: '我也想去' } });
    tap(page, '.comment-send');
    await waitFor(() => textOf(page.querySelector('.comment-error')) === ERROR_MESSAGES.BUSY, 'the message for BUSY');
    tap(page, '.comment-send');
    await waitFor(() => page.querySelectorAll('.post-comment').length === 2, 'my comment');
    const [first, second] = actions('comment').map((c) => c.data.input as { requestId: string; text: string; replyTo: null });
    expect(first).toEqual({ postId: 'p1', text: '我也想去', replyTo: null, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
    expect(second.requestId).toBe(first.requestId);

    // Only my comment offers 删除; others' offer 举报.
    expect(page.querySelectorAll('.comment-delete')).toHaveLength(1);
    expect(page.querySelectorAll('.comment-flag')).toHaveLength(1);
    tap(page, '.comment-delete');
    await waitFor(() => page.querySelector('.comment-delete-dialog'), 'the delete dialog');
    tap(page, '.comment-delete-dialog .ui-dialog__ok');
    await waitFor(() => page.querySelectorAll('.post-comment').length === 1, 'my comment gone');
    expect(actions('deleteComment').map((c) => c.data.input)).toEqual([{ commentId: 'c2' }]);
  });

  it('shows the author why the post is hidden, without actions', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'post') return ok(detail({ post: post({ mine: true, status: 'hidden', note: '管理员已隐藏：含有引流信息' }) }));
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/community/post/index', { postId: 'p1' });
    const note = await waitFor(() => page.querySelector('.post-note'), 'the reason');
    expect(textOf(note)).toBe('管理员已隐藏：含有引流信息');
    expect(page.querySelector('.post-like')).toBeUndefined();
    expect(page.querySelector('.post-comments')).toBeUndefined();
    expect(page.querySelector('.post-delete')).toBeDefined();
  });
});
