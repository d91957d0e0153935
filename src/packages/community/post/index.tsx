import { useCallback, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError } from '../../../services/cloud';
import { communityService, FLAG_REASONS, STATUS_NAMES, timeAgo, type CommentView, type PostDetail } from '../../../services/community';
import { newRequestId } from '../../../services/vip';
import { COMMUNITY_POST } from '../../../routes';
import { AuthorLine, PostImages, TopicTags } from '../community-view';
import { usePages } from '../use-pages';
import '../community.scss';

export default function PostPage() {
  const { postId = '' } = useRouter().params;
  const load = useCallback(() => communityService.post(postId), [postId]);
  const { data, error, loading, reload } = useCloudQuery(load);
  useShareAppMessage(() => ({ title: data?.post.text.slice(0, 30) || '来看看这条分享', path: `${COMMUNITY_POST}?postId=${postId}` }));

  if (error) return <PageShell className="cm-page"><ErrorState error={error} onRetry={reload} /></PageShell>;
  if (!data) return <PageShell className="cm-page">{loading ? <Loading /> : null}</PageShell>;
  return (
    <PageShell className="cm-page cm-post-page">
      <PostBody detail={data} onChanged={reload} />
      {data.post.status === 'visible' && <Comments postId={postId} />}
    </PageShell>
  );
}

function PostBody({ detail, onChanged }: { detail: PostDetail; onChanged: () => void }) {
  const { post } = detail;
  const [liked, setLiked] = useState(detail.liked);
  const [likeCount, setLikeCount] = useState(post.likeCount);
  const [favourited, setFavourited] = useState(detail.favourited);
  const [flagged, setFlagged] = useState(detail.flagged);
  const [busy, setBusy] = useState(false);

  const act = async (run: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await run();
    } catch (e) {
      Taro.showToast({ title: describeError(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const like = () =>
    act(async () => {
      const r = await communityService.like(post.postId, !liked);
      setLiked(r.liked);
      setLikeCount(r.likeCount);
    });
  const favourite = () =>
    act(async () => {
      const r = await communityService.favourite(post.postId, !favourited);
      setFavourited(r.favourited);
    });
  // On weapp the button's open-type opens the share sheet; the tap also records the share (points, counts).
  const share = () =>
    act(async () => {
      const r = await communityService.share(post.postId);
      Taro.showToast({ title: r.points > 0 ? `分享成功，+${r.points} 积分` : '分享成功', icon: 'none' });
    });
  const flag = () =>
    act(async () => {
      const { tapIndex } = await Taro.showActionSheet({ itemList: FLAG_REASONS.map((r) => r.name) });
      const r = await communityService.flag(post.postId, FLAG_REASONS[tapIndex].key);
      setFlagged(true);
      Taro.showToast({ title: r.hidden ? '已举报，内容已被隐藏等待复核' : '已举报，感谢你的反馈', icon: 'none' });
      if (r.hidden) onChanged();
    }).catch(() => undefined);
  const remove = () =>
    act(async () => {
      const { confirm } = await Taro.showModal({ title: '删除这条内容？', content: '删除后将不再展示，发帖积分会被收回。' });
      if (!confirm) return;
      await communityService.deletePost(post.postId);
      Taro.navigateBack();
    });

  return (
    <View className="cm-card post-detail">
      <AuthorLine author={post.author} meta={timeAgo(post.createdAt)} />
      {post.status !== 'visible' && (
        <View className="cm-note post-note">
          {STATUS_NAMES[post.status]}
          {post.note ? `：${post.note}` : ''}
        </View>
      )}
      {post.text && <View className="cm-post__text post-text">{post.text}</View>}
      <PostImages images={post.images} full={post.images.length === 1} />
      <TopicTags topics={post.topics} productTag={post.productTag} />
      {post.status === 'visible' && (
        <View className="cm-actions">
          <Button className={`cm-actions__btn post-like ${liked ? 'cm-actions__btn--on' : ''}`} onClick={like}>
            {liked ? '已赞' : '点赞'} {likeCount}
          </Button>
          <Button className={`cm-actions__btn post-favourite ${favourited ? 'cm-actions__btn--on' : ''}`} onClick={favourite}>
            {favourited ? '已收藏' : '收藏'}
          </Button>
          <Button className="cm-actions__btn post-share" openType="share" onClick={share}>
            分享
          </Button>
          {!post.mine && (
            <Button className={`cm-actions__btn post-flag ${flagged ? 'cm-actions__btn--on' : ''}`} onClick={flag} disabled={flagged || undefined}>
              {flagged ? '已举报' : '举报'}
            </Button>
          )}
        </View>
      )}
      {post.mine && post.status !== 'deleted' && (
        <View className="cm-more post-delete" onClick={remove}>
          删除
        </View>
      )}
    </View>
  );
}

function Comments({ postId }: { postId: string }) {
  const { items, next, loading, error, reload, more } = usePages((cursor) => communityService.comments(postId, cursor), [postId]);
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<CommentView | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState('');

  const send = async () => {
    if (sending || !text.trim()) return;
    setSending(true);
    setProblem('');
    try {
      const r = await communityService.comment(postId, text.trim(), replyTo?.commentId ?? null, requestId);
      setText('');
      setReplyTo(null);
      setRequestId(newRequestId());
      if (r.held) Taro.showToast({ title: '评论正在审核，通过后大家就能看到', icon: 'none' });
      await reload();
    } catch (e) {
      setProblem(describeError(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="cm-card post-comments">
      <View className="cm-author__name">评论</View>
      {error !== undefined && items.length === 0 && <ErrorState error={error} onRetry={reload} />}
      {error === undefined && !loading && items.length === 0 && <View className="cm-author__meta">还没有评论，说点什么吧</View>}
      {items.map((c) => (
        <View key={c.commentId} className={`cm-comment post-comment ${c.parentId ? 'cm-comment--reply' : ''}`}>
          <AuthorLine author={c.author} meta={timeAgo(c.createdAt)} />
          <View className="cm-comment__text">
            {c.replyTo && <Text className="cm-author__meta">回复 {c.replyTo.nickname}：</Text>}
            {c.text}
          </View>
          <View className="cm-comment__reply comment-reply" onClick={() => setReplyTo(c)}>
            回复
          </View>
        </View>
      ))}
      {next && (
        <View className="cm-more" onClick={() => void more()}>
          更多评论
        </View>
      )}
      <View className="post-comment-form">
        {replyTo && (
          <View className="cm-author__meta" onClick={() => setReplyTo(null)}>
            回复 {replyTo.author.nickname}（点此取消）
          </View>
        )}
        <Textarea className="cm-input comment-input" value={text} maxlength={300} autoHeight placeholder="友善发言，分享你的看法" onInput={(e) => setText(e.detail.value)} />
        {problem && <View className="cm-error comment-error">{problem}</View>}
        <Button className="cm-btn comment-send" disabled={sending || !text.trim() || undefined} onClick={send}>
          {sending ? '发送中…' : '发表评论'}
        </Button>
      </View>
    </View>
  );
}
