import { useCallback } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Avatar } from '../../../components/Avatar';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { communityService } from '../../../services/community';
import { COMMUNITY_CERTIFICATE } from '../../../routes';
import { Empty, PostCard } from '../community-view';
import '../community.scss';

/** A member's page: honours (badges, certificates) first, then their posts; one's own also shows held and hidden ones. */
export default function ProfilePage() {
  const { authorId } = useRouter().params;
  const load = useCallback(() => communityService.profile(authorId || undefined), [authorId]);
  const { data, error, loading, reload } = useCloudQuery(load, { refreshOnShow: true });

  if (error) return <PageShell className="cm-page"><ErrorState error={error} onRetry={reload} /></PageShell>;
  if (!data) return <PageShell className="cm-page">{loading ? <Loading /> : null}</PageShell>;
  const { author } = data;
  return (
    <PageShell className="cm-page cm-profile">
      <View className="cm-card cm-row">
        <Avatar src={author.avatarUrl} fallbackText={author.nickname} size="lg" />
        <View style={{ flex: 1 }}>
          <View className="cm-page__title profile-name">
            {author.nickname}
            {author.official && <Text className="cm-official">官方</Text>}
          </View>
          {data.muted && (
            <View className="cm-note profile-muted">
              {data.muted.suspended ? '社区权限已暂停' : `禁言至 ${data.muted.until?.slice(0, 10)}`}
              {data.muted.note ? `（${data.muted.note}）` : ''}
            </View>
          )}
        </View>
      </View>
      <View className="cm-card cm-row">
        <View className="cm-stat">
          <View className="cm-stat__value profile-posts">{data.posts}</View>
          <View className="cm-stat__label">内容</View>
        </View>
        <View className="cm-stat">
          <View className="cm-stat__value profile-likes">{data.likesReceived}</View>
          <View className="cm-stat__label">获赞</View>
        </View>
        <View className="cm-stat">
          <View className="cm-stat__value">{data.badges.length}</View>
          <View className="cm-stat__label">徽章</View>
        </View>
      </View>
      <View className="cm-card profile-honours">
        <View className="cm-author__name">荣誉</View>
        {data.badges.length === 0 && data.certificates.length === 0 && <View className="cm-author__meta">还没有荣誉，发帖、参加打卡活动都能获得徽章</View>}
        {data.badges.map((b) => (
          <View key={b.code} className="cm-comment profile-badge">
            <Text className="cm-badge" style={{ color: b.color, borderColor: b.color }}>
              {b.name}
            </Text>
            <Text className="cm-author__meta"> {b.reason || b.description}</Text>
          </View>
        ))}
        {data.certificates.map((c) => (
          <View
            key={c.campaignId}
            className="cm-comment cm-row profile-certificate"
            onClick={() => Taro.navigateTo({ url: `${COMMUNITY_CERTIFICATE}?campaignId=${c.campaignId}${data.self ? '' : `&authorId=${author.id}`}` })}
          >
            <Text>电子证书 · {c.campaignTitle}</Text>
            <Text className="cm-author__meta">{c.issuedOn} ›</Text>
          </View>
        ))}
      </View>
      <View className="cm-author__name" style={{ margin: '16rpx 8rpx' }}>
        {data.self ? '我的内容' : 'TA 的内容'}
      </View>
      {data.feed.items.length === 0 && <Empty text="还没有内容" />}
      {data.feed.items.map((p) => (
        <PostCard key={p.postId} post={p} />
      ))}
    </PageShell>
  );
}
