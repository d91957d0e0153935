import { useCallback, useRef, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button as TaroButton, Text, Textarea, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { communityService, timeAgo, type CommentView, type FlagReason, type PostDetail } from '../../../services/community';
import { COMMUNITY_POST } from '../../../routes';
import { Button, Card, Dialog, Empty, ErrorState, Icon, Loading, Page, toast } from '../../../ui';
import { formatNumber } from '../../../utils/format';
import { newRequestId } from '../../../utils/request-id';
import { AuthorLine, FlagSheet, MoreButton, PostImages, StatusNote, TopicTags, useJoinDialog } from '../community-view';
import { usePages } from '../use-pages';
import '../community.scss';

/** One post: the text, pictures, topics and product, the actions, and the comments (visitors read, then join). */
export default function PostPage() {
  const { postId = '' } = useRouter().params;
  const load = useCallback(() => communityService.post(postId), [postId]);
  const { data, error, loading, reload } = useCloudQuery(load);
  const join = useJoinDialog();
  useShareAppMessage(() => ({ title: data?.post.text.slice(0, 30) || '来看看这条分享', path: `${COMMUNITY_POST}?postId=${postId}` }));

  let body;
  if (data) {
    body = (
      <View>
        <PostBody key={data.post.postId} detail={data} onChanged={() => void reload()} onVisitor={join.ask} />
        {data.post.status === 'visible' && <Comments postId={postId} joined={data.viewer.joined} onVisitor={join.ask} />}
      </View>
    );
  } else if (error) body = <ErrorState error={error} onRetry={() => void reload()} />;
  else if (loading) body = <Loading />;
  return (
    <Page className="cm-page cm-post-page">
      {body}
      {join.dialog}
    </Page>
  );
}

function PostBody({ detail, onChanged, onVisitor }: { detail: PostDetail; onChanged: () => void; onVisitor: () => void }) {
  const { post, viewer } = detail;
  const [liked, setLiked] = useState(detail.liked);
  const [likeCount, setLikeCount] = useState(post.likeCount);
  const [favourited, setFavourited] = useState(detail.favourited);
  const [flagged, setFlagged] = useState(detail.flagged);
  const [busy, setBusy] = useState(false);
  const [flagging, setFlagging] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const act = async (run: () => Promise<void>) => {
    if (!viewer.joined) return onVisitor();
    if (busy) return;
    setBusy(true);
    try {
      await run();
    } catch (e) {
      toast.error(e);
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
      toast.info(r.favourited ? '已收藏，可在「我的收藏」找到' : '已取消收藏');
    });
  // On weapp the button's open-type opens the share sheet; the tap also records the share (points, counts).
  const share = () =>
    act(async () => {
      const r = await communityService.share(post.postId);
      toast.info(r.points > 0 ? `分享成功，+${formatNumber(r.points)} 积分` : '分享成功');
    });
  const flag = (reason: FlagReason) =>
    act(async () => {
      const r = await communityService.flag(post.postId, reason);
      setFlagged(true);
      setFlagging(false);
      toast.info(r.hidden ? '已举报，内容已隐藏等待复核' : '已举报，感谢你的反馈');
      if (r.hidden) onChanged();
    });
  const remove = () =>
    act(async () => {
      await communityService.deletePost(post.postId);
      setDeleting(false);
      toast.success('已删除');
      void Taro.navigateBack();
    });

  return (
    <View className="cm-card post-detail">
      <AuthorLine author={post.author} meta={timeAgo(post.createdAt)} size="md" />
      <StatusNote status={post.status} note={post.note} />
      {post.text && <View className="cm-post__text post-text">{post.text}</View>}
      <PostImages images={post.images} />
      <TopicTags topics={post.topics} productTag={post.productTag} />
      {post.status === 'visible' && (
        <View className="cm-actions">
          <View className={`cm-actions__item post-like ${liked ? 'cm-actions__item--on' : ''}`} onClick={() => void like()}>
            <Icon name="heart" size="sm" color={liked ? 'primary' : 'textSecondary'} />
            <Text>
              {liked ? '已赞' : '点赞'} {formatNumber(likeCount)}
            </Text>
          </View>
          <View className={`cm-actions__item post-favourite ${favourited ? 'cm-actions__item--on' : ''}`} onClick={() => void favourite()}>
            <Icon name="star" size="sm" color={favourited ? 'primary' : 'textSecondary'} />
            <Text>{favourited ? '已收藏' : '收藏'}</Text>
          </View>
          <TaroButton className="cm-actions__item post-share" openType={viewer.joined ? 'share' : undefined} onClick={() => void share()}>
            <Icon name="share" size="sm" color="textSecondary" />
            <Text>分享</Text>
          </TaroButton>
          {!post.mine && (
            <View
              className={`cm-actions__item post-flag ${flagged ? 'cm-actions__item--on' : ''}`}
              onClick={() => (flagged ? undefined : viewer.joined ? setFlagging(true) : onVisitor())}
            >
              <Icon name="flag" size="sm" color={flagged ? 'primary' : 'textSecondary'} />
              <Text>{flagged ? '已举报' : '举报'}</Text>
            </View>
          )}
        </View>
      )}
      {post.mine && post.status !== 'deleted' && (
        <Button variant="text" size="sm" icon="cancel" className="post-delete" onClick={() => setDeleting(true)}>
          删除这条内容
        </Button>
      )}
      <FlagSheet open={flagging} title="举报这条内容" busy={busy} onPick={(r) => void flag(r)} onClose={() => setFlagging(false)} />
      <Dialog
        open={deleting}
        title="删除这条内容？"
        message="删除后将不再展示，发帖所得积分会被收回。"
        confirmText="删除"
        cancelText="取消"
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(false)}
        className="post-delete-dialog"
      />
    </View>
  );
}

function Comments({ postId, joined, onVisitor }: { postId: string; joined: boolean; onVisitor: () => void }) {
  const { items, next, loading, error, reload, more } = usePages((cursor) => communityService.comments(postId, cursor), [postId]);
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<CommentView | null>(null);
  // One request id per comment being written: a double tap or a retry after a lost answer posts once.
  const requestId = useRef<string | null>(null);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState('');
  const [flagging, setFlagging] = useState<CommentView | null>(null);
  const [deleting, setDeleting] = useState<CommentView | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    if (!joined) return onVisitor();
    if (sending || !text.trim()) return;
    setSending(true);
    setProblem('');
    requestId.current ??= newRequestId();
    try {
      const r = await communityService.comment(postId, text.trim(), replyTo?.commentId ?? null, requestId.current);
      requestId.current = null;
      setText('');
      setReplyTo(null);
      if (r.held) toast.info('评论正在审核，通过后大家就能看到');
      await reload();
    } catch (e) {
      setProblem(describeError(e));
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') requestId.current = null;
    } finally {
      setSending(false);
    }
  };
  const run = async (task: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await task();
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  const flag = (reason: FlagReason) =>
    run(async () => {
      const r = await communityService.flagComment(flagging!.commentId, reason);
      setFlagging(null);
      toast.info(r.hidden ? '已举报，评论已隐藏等待复核' : '已举报，感谢你的反馈');
      if (r.hidden) await reload();
    });
  const remove = () =>
    run(async () => {
      await communityService.deleteComment(deleting!.commentId);
      setDeleting(null);
      toast.success('评论已删除');
      await reload();
    });

  return (
    <Card title="评论" className="post-comments">
      {error !== undefined && items.length === 0 && <ErrorState error={error} onRetry={() => void reload()} />}
      {error === undefined && !loading && items.length === 0 && <Empty icon="chat" title="还没有评论" text="说点什么，和作者聊聊吧" className="comments-empty" />}
      {items.map((c) => (
        <View key={c.commentId} className={`cm-comment post-comment ${c.parentId ? 'cm-comment--reply' : ''}`}>
          <AuthorLine author={c.author} meta={timeAgo(c.createdAt)} />
          <View className="cm-comment__text comment-text">
            {c.replyTo && <Text className="cm-comment__reply-to">回复 {c.replyTo.nickname}：</Text>}
            {c.text}
          </View>
          {c.status !== 'visible' && <StatusNote status={c.status} note={c.note} />}
          <View className="cm-comment__tools">
            <Text className="cm-comment__tool comment-reply" onClick={() => (joined ? setReplyTo(c) : onVisitor())}>
              回复
            </Text>
            {c.mine ? (
              <Text className="cm-comment__tool comment-delete" onClick={() => setDeleting(c)}>
                删除
              </Text>
            ) : (
              <Text className="cm-comment__tool comment-flag" onClick={() => (joined ? setFlagging(c) : onVisitor())}>
                举报
              </Text>
            )}
          </View>
        </View>
      ))}
      <MoreButton next={next} loading={loading} onMore={() => void more()} className="comments-more" />
      <View className="cm-comment-form post-comment-form">
        {replyTo && (
          <View className="cm-comment-form__replying comment-replying" onClick={() => setReplyTo(null)}>
            <Text>回复 {replyTo.author.nickname}</Text>
            <Text>取消</Text>
          </View>
        )}
        <Textarea
          className="cm-input comment-input"
          value={text}
          maxlength={300}
          placeholder={joined ? '友善发言，分享你的看法' : '加入会员后即可评论'}
          onFocus={() => !joined && onVisitor()}
          onInput={(e) => {
            requestId.current = null;
            setText(e.detail.value);
          }}
        />
        {problem && <View className="ui-field__error comment-error">{problem}</View>}
        <Button block className="cm-comment-form__send comment-send" loading={sending} loadingText="发送中…" disabled={joined && !text.trim()} onClick={() => void send()}>
          {joined ? '发表评论' : '加入会员后评论'}
        </Button>
      </View>
      <FlagSheet open={flagging !== null} title="举报这条评论" busy={busy} onPick={(r) => void flag(r)} onClose={() => setFlagging(null)} />
      <Dialog
        open={deleting !== null}
        title="删除这条评论？"
        message="删除后其他人将看不到它。"
        confirmText="删除"
        cancelText="取消"
        danger
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
        className="comment-delete-dialog"
      />
    </Card>
  );
}
