import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Avatar } from '../../components/Avatar';
import { COMMUNITY_POST, COMMUNITY_PROFILE } from '../../routes';
import { STATUS_NAMES, timeAgo, type PostView } from '../../services/community';

type Author = PostView['author'];

/** A badge chip next to a name (the member's latest honour). */
export function BadgeChip({ badge }: { badge: NonNullable<Author['badge']> }) {
  return (
    <Text className="cm-badge" style={{ color: badge.color, borderColor: badge.color }}>
      {badge.name}
    </Text>
  );
}

/** Avatar, name, official mark and badge; tapping opens the member's page. */
export function AuthorLine({ author, meta }: { author: Author; meta?: string }) {
  return (
    <View className="cm-author" onClick={(e) => {
      e.stopPropagation();
      Taro.navigateTo({ url: `${COMMUNITY_PROFILE}?authorId=${author.id}` });
    }}>
      <Avatar src={author.avatarUrl} fallbackText={author.nickname} size="sm" />
      <View className="cm-author__text">
        <View className="cm-author__name">
          <Text>{author.nickname}</Text>
          {author.official && <Text className="cm-official">官方</Text>}
          {author.badge && <BadgeChip badge={author.badge} />}
        </View>
        {meta && <View className="cm-author__meta">{meta}</View>}
      </View>
    </View>
  );
}

export function PostImages({ images, full = false }: { images: PostView['images']; full?: boolean }) {
  const shown = images.filter((i) => i.url);
  if (shown.length === 0) return null;
  return (
    <View className={`cm-images cm-images--${Math.min(shown.length, 3)} ${full ? 'cm-images--full' : ''}`}>
      {shown.map((i) => (
        <Image key={i.fileId} className="cm-images__item" src={i.url!} mode="aspectFill" />
      ))}
    </View>
  );
}

/** A post in a list: author, text (clamped), images, topics, counts; status and reason on one's own. */
export function PostCard({ post }: { post: PostView }) {
  return (
    <View className={`cm-card cm-post post-card post-${post.status}`} onClick={() => Taro.navigateTo({ url: `${COMMUNITY_POST}?postId=${post.postId}` })}>
      <AuthorLine author={post.author} meta={timeAgo(post.createdAt)} />
      {post.status !== 'visible' && (
        <View className="cm-note post-note">
          {STATUS_NAMES[post.status]}
          {post.note ? `：${post.note}` : ''}
        </View>
      )}
      {post.text && <View className="cm-post__text cm-post__text--clamp">{post.text}</View>}
      <PostImages images={post.images} />
      <TopicTags topics={post.topics} productTag={post.productTag} />
      <View className="cm-post__counts">
        <Text>赞 {post.likeCount}</Text>
        <Text>评论 {post.commentCount}</Text>
        <Text>收藏 {post.favouriteCount}</Text>
      </View>
    </View>
  );
}

export function TopicTags({ topics, productTag }: { topics: PostView['topics']; productTag: PostView['productTag'] }) {
  if (topics.length === 0 && !productTag) return null;
  return (
    <View className="cm-tags">
      {topics.map((t) => (
        <Text key={t.code} className="cm-tag">
          #{t.name}
        </Text>
      ))}
      {productTag && <Text className="cm-tag cm-tag--product">好物 · {productTag.title}</Text>}
    </View>
  );
}

export function Empty({ text }: { text: string }) {
  return <View className="cm-page__empty cm-empty">{text}</View>;
}
