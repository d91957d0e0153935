import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { JoinCard } from '../../../components/JoinCard';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { communityService, type FeedTab } from '../../../services/community';
import { COMMUNITY_CAMPAIGNS, COMMUNITY_COMPOSE, COMMUNITY_MODERATION, COMMUNITY_PROFILE } from '../../../routes';
import { Empty, PostCard } from '../community-view';
import { usePages } from '../use-pages';
import '../community.scss';

const TABS: { tab: FeedTab; name: string }[] = [
  { tab: 'latest', name: '最新' },
  { tab: 'hot', name: '热门' },
  { tab: 'topic', name: '话题' },
];

export default function FeedPage() {
  const [tab, setTab] = useState<FeedTab>('latest');
  const topics = useCloudQuery(communityService.topics);
  const [topic, setTopic] = useState<string | null>(null);
  const chosenTopic = topic ?? topics.data?.topics[0]?.code ?? null;
  // Operators see the review queue entry; for everyone else the probe answers FORBIDDEN and nothing shows.
  const queue = useCloudQuery(() => communityService.queue());

  return (
    <PageShell className="cm-page cm-feed">
      <View className="cm-page__intro cm-row">
        <View>
          <View className="cm-page__title">社区</View>
          <View className="cm-page__subtitle">分享生活，结识同好</View>
        </View>
        <View className="cm-tag to-my-profile" onClick={() => Taro.navigateTo({ url: COMMUNITY_PROFILE })}>
          我的主页
        </View>
      </View>
      <View className="cm-row cm-card to-campaigns" onClick={() => Taro.navigateTo({ url: COMMUNITY_CAMPAIGNS })}>
        <View>
          <View className="cm-author__name">打卡活动</View>
          <View className="cm-author__meta">和大家一起坚持，完成可得电子证书与徽章</View>
        </View>
        <View>›</View>
      </View>
      {queue.data && (
        <View className="cm-row cm-card to-moderation" onClick={() => Taro.navigateTo({ url: COMMUNITY_MODERATION })}>
          <View className="cm-author__name">审核队列（{queue.data.items.length}{queue.data.next ? '+' : ''} 条待处理）</View>
          <View>›</View>
        </View>
      )}
      <View className="cm-tabs">
        {TABS.map((t) => (
          <View key={t.tab} className={`cm-tabs__tab feed-tab feed-tab--${t.tab} ${t.tab === tab ? 'cm-tabs__tab--active' : ''}`} onClick={() => setTab(t.tab)}>
            {t.name}
          </View>
        ))}
      </View>
      {tab === 'topic' && (
        <View className="cm-tags">
          {(topics.data?.topics ?? []).map((t) => (
            <View key={t.code} className={`cm-tag feed-topic ${t.code === chosenTopic ? 'cm-tag--active' : ''}`} onClick={() => setTopic(t.code)}>
              #{t.name}
            </View>
          ))}
        </View>
      )}
      <PostList key={`${tab}:${tab === 'topic' ? chosenTopic : ''}`} tab={tab} topic={tab === 'topic' ? chosenTopic : null} />
      <View className="cm-fab to-compose" onClick={() => Taro.navigateTo({ url: COMMUNITY_COMPOSE })}>
        + 发布
      </View>
    </PageShell>
  );
}

function PostList({ tab, topic }: { tab: FeedTab; topic: string | null }) {
  const { items, next, loading, error, reload, more } = usePages(
    (cursor) => (tab === 'topic' && !topic ? Promise.resolve({ items: [], next: null }) : communityService.feed(tab, topic ?? undefined, cursor)),
    [tab, topic],
  );
  if (isCloudError(error) && error.code === 'NOT_REGISTERED') return <JoinCard text="注册成为会员后，就能在社区发帖、评论和参加打卡活动。" />;
  if (error && items.length === 0) return <ErrorState error={error} onRetry={reload} />;
  if (loading && items.length === 0) return <Loading />;
  return (
    <View className="feed-list">
      {items.length === 0 && <Empty text={tab === 'topic' ? '这个话题还没有内容，来发第一条吧' : '还没有内容，来发第一条吧'} />}
      {items.map((p) => (
        <PostCard key={p.postId} post={p} />
      ))}
      {next && (
        <View className="cm-more feed-more" onClick={() => void more()}>
          {loading ? '加载中…' : '加载更多'}
        </View>
      )}
    </View>
  );
}
