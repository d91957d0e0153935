import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Avatar } from '../../components/Avatar';
import { useJoinPrompt } from '../../components/JoinCard';
import { COMMUNITY_POST, COMMUNITY_PROFILE, MALL_ITEM } from '../../routes';
import { FLAG_REASONS, STATUS_NAMES, timeAgo, type FlagReason, type PostView } from '../../services/community';
import { Icon, Notice, Sheet, Tag } from '../../ui';
import { formatNumber } from '../../utils/format';

type Author = PostView['author'];

/** A badge chip next to a name (the member's latest honour), in the badge's own colour. */
export function BadgeChip({ badge }: { badge: NonNullable<Author['badge']> }) {
  return (
    <Text className="cm-badge" style={{ color: badge.color, borderColor: badge.color }}>
      {badge.name}
    </Text>
  );
}

/** Avatar, name, official mark and badge; tapping opens the member's page. */
export function AuthorLine({ author, meta, size = 'sm' }: { author: Author; meta?: string; size?: 'sm' | 'md' }) {
  return (
    <View
      className="cm-author"
      onClick={(e) => {
        e.stopPropagation();
        void Taro.navigateTo({ url: `${COMMUNITY_PROFILE}?authorId=${author.id}` });
      }}
    >
      <Avatar src={author.avatarUrl} fallbackText={author.nickname} size={size} />
      <View className="cm-author__text">
        <View className="cm-author__name">
          <Text className="cm-author__nickname">{author.nickname}</Text>
          {author.official && <Tag tone="primary">官方</Tag>}
          {author.badge && <BadgeChip badge={author.badge} />}
        </View>
        {meta && <View className="cm-author__meta">{meta}</View>}
      </View>
    </View>
  );
}

/** A post's pictures: one large, or a regular grid of three columns. */
export function PostImages({ images }: { images: { fileId: string; url: string | null }[] }) {
  const shown = images.filter((i) => i.url);
  if (shown.length === 0) return null;
  const urls = shown.map((i) => i.url!);
  return (
    <View className={`cm-images ${shown.length === 1 ? 'cm-images--single' : ''}`}>
      {shown.map((i) => (
        <View
          key={i.fileId}
          className="cm-images__item"
          onClick={(e) => {
            e.stopPropagation();
            void Taro.previewImage({ current: i.url!, urls });
          }}
        >
          <Image className="cm-images__picture post-image" src={i.url!} mode="aspectFill" />
        </View>
      ))}
    </View>
  );
}

/** Topics (#话题) and the tagged mall item (opens it). */
export function TopicTags({ topics, productTag }: { topics: PostView['topics']; productTag: PostView['productTag'] }) {
  return (
    <View>
      {topics.length > 0 && (
        <View className="cm-tags">
          {topics.map((t) => (
            <Tag key={t.code} tone="primary" className="post-topic">
              #{t.name}
            </Tag>
          ))}
        </View>
      )}
      {productTag && (
        <View
          className="cm-product post-product"
          onClick={(e) => {
            e.stopPropagation();
            void Taro.navigateTo({ url: `${MALL_ITEM}?itemId=${encodeURIComponent(productTag.itemId)}` });
          }}
        >
          <Icon name="bag" size="sm" color="primaryDark" />
          <Text className="cm-product__title">{productTag.title}</Text>
          <Icon name="chevronRight" size="sm" color="primaryDark" />
        </View>
      )}
    </View>
  );
}

/** Why a post (or comment) is not public: its author and moderators see the reason (the server's note says what happened), else the status. */
export function StatusNote({ status, note, className = '' }: { status: PostView['status']; note: string | null; className?: string }) {
  if (status === 'visible') return null;
  return (
    <Notice tone={status === 'reviewing' ? 'warning' : 'danger'} className={`cm-note post-note ${className}`}>
      {note ?? STATUS_NAMES[status]}
    </Notice>
  );
}

/** A post in a list: author, text (clamped), images, topics, product, counts; status and reason on one's own. */
export function PostCard({ post }: { post: PostView }) {
  return (
    <View className={`cm-card cm-post post-card post-${post.status}`} onClick={() => void Taro.navigateTo({ url: `${COMMUNITY_POST}?postId=${post.postId}` })}>
      <AuthorLine author={post.author} meta={timeAgo(post.createdAt)} />
      <StatusNote status={post.status} note={post.note} />
      {post.text && <View className="cm-post__text cm-post__text--clamp post-card-text">{post.text}</View>}
      <PostImages images={post.images} />
      <TopicTags topics={post.topics} productTag={post.productTag} />
      <View className="cm-post__counts">
        <View className="cm-post__count post-card-likes">
          <Icon name="heart" size="sm" color="textSecondary" />
          {formatNumber(post.likeCount)}
        </View>
        <View className="cm-post__count post-card-comments">
          <Icon name="chat" size="sm" color="textSecondary" />
          {formatNumber(post.commentCount)}
        </View>
        <View className="cm-post__count">
          <Icon name="star" size="sm" color="textSecondary" />
          {formatNumber(post.favouriteCount)}
        </View>
      </View>
    </View>
  );
}

/** A visitor's first action asks them to join (as the mall does); `ask` opens it. */
export function useJoinDialog(text = '成为会员后，就能在社区发帖、评论、点赞，参加打卡活动赢证书与徽章。') {
  return useJoinPrompt('加入会员，一起玩社区', text);
}

/** Flag reasons in a sheet; `onPick` files the flag. */
export function FlagSheet({ open, title, busy, onPick, onClose }: { open: boolean; title: string; busy: boolean; onPick: (r: FlagReason) => void; onClose: () => void }) {
  return (
    <Sheet open={open} title={title} onClose={onClose} className="flag-sheet">
      <View className="cm-chips">
        {FLAG_REASONS.map((r) => (
          <View key={r.key} className={`cm-chip flag-reason flag-reason--${r.key}`} onClick={() => !busy && onPick(r.key)}>
            {r.name}
          </View>
        ))}
      </View>
      <View className="cm-author__meta">举报会交给管理员复核；多位成员举报后内容会先被隐藏。</View>
    </Sheet>
  );
}

/** "加载更多" under a paged list. */
export function MoreButton({ next, loading, onMore, className = '' }: { next: string | null; loading: boolean; onMore: () => void; className?: string }) {
  if (!next) return null;
  return (
    <View className={`cm-more ${className}`} onClick={() => !loading && onMore()}>
      {loading ? '加载中…' : '加载更多'}
    </View>
  );
}
