import { useCallback, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError } from '../../../services/cloud';
import { communityService } from '../../../services/community';
import { COMMUNITY_CAMPAIGN, COMMUNITY_CERTIFICATE, COMMUNITY_COMPOSE } from '../../../routes';
import { AuthorLine, Empty } from '../community-view';
import { CampaignSummary } from '../campaign-view';
import { usePages } from '../use-pages';
import '../community.scss';

export default function CampaignPage() {
  const { campaignId = '' } = useRouter().params;
  const load = useCallback(() => communityService.campaign(campaignId), [campaignId]);
  const { data, error, loading, reload } = useCloudQuery(load, { refreshOnShow: true });
  const [joining, setJoining] = useState(false);
  useShareAppMessage(() => ({ title: data ? `一起参加「${data.title}」` : '打卡活动', path: `${COMMUNITY_CAMPAIGN}?campaignId=${campaignId}` }));

  const join = async () => {
    setJoining(true);
    try {
      await communityService.join(campaignId);
      Taro.showToast({ title: '报名成功，今天就开始打卡吧', icon: 'none' });
      await reload();
    } catch (e) {
      Taro.showToast({ title: describeError(e), icon: 'none' });
    } finally {
      setJoining(false);
    }
  };

  if (error) return <PageShell className="cm-page"><ErrorState error={error} onRetry={reload} /></PageShell>;
  if (!data) return <PageShell className="cm-page">{loading ? <Loading /> : null}</PageShell>;
  const mine = data.mine;
  return (
    <PageShell className="cm-page cm-campaign">
      <View className="cm-card campaign-detail">
        <CampaignSummary campaign={data} />
        {data.description && <View className="cm-post__text">{data.description}</View>}
        {mine && mine.days.length > 0 && (
          <View className="cm-days">
            {mine.days.map((d) => (
              <Text key={d} className="cm-day">
                {d.slice(5)}
              </Text>
            ))}
          </View>
        )}
        {!mine && data.state !== 'ended' && (
          <Button className="cm-btn campaign-join" disabled={joining || undefined} onClick={join}>
            {joining ? '报名中…' : '立即报名'}
          </Button>
        )}
        {mine && !mine.finished && data.state === 'open' && (
          <Button
            className="cm-btn campaign-checkin"
            disabled={mine.checkedInToday || undefined}
            onClick={() => Taro.navigateTo({ url: `${COMMUNITY_COMPOSE}?topic=${data.topic.code}` })}
          >
            {mine.checkedInToday ? '今日已打卡' : '去打卡（发一条带话题的内容）'}
          </Button>
        )}
        {mine?.finished && (
          <Button className="cm-btn campaign-certificate" onClick={() => Taro.navigateTo({ url: `${COMMUNITY_CERTIFICATE}?campaignId=${campaignId}` })}>
            查看我的电子证书
          </Button>
        )}
      </View>
      <Leaderboard campaignId={campaignId} />
    </PageShell>
  );
}

function Leaderboard({ campaignId }: { campaignId: string }) {
  const { items, next, error, reload, more } = usePages((cursor) => communityService.leaderboard(campaignId, cursor), [campaignId]);
  return (
    <View className="cm-card campaign-leaderboard">
      <View className="cm-author__name">排行榜（按打卡天数，再按获赞）</View>
      {error !== undefined && <ErrorState error={error} onRetry={reload} />}
      {error === undefined && items.length === 0 && <Empty text="还没有人打卡" />}
      {items.map((row, i) => (
        <View key={row.author.id} className="cm-comment cm-row leaderboard-row">
          <Text className="cm-stat__value" style={{ width: '64rpx' }}>
            {row.rank ?? i + 1}
          </Text>
          <View style={{ flex: 1 }}>
            <AuthorLine author={row.author} meta={`打卡 ${row.count} 天 · 获赞 ${row.likes}${row.finished ? ' · 已完成' : ''}`} />
          </View>
        </View>
      ))}
      {next && (
        <View className="cm-more" onClick={() => void more()}>
          查看更多
        </View>
      )}
    </View>
  );
}
