import { useCallback, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { communityService, type Campaign } from '../../../services/community';
import { COMMUNITY_CAMPAIGN, COMMUNITY_CERTIFICATE, COMMUNITY_COMPOSE } from '../../../routes';
import { Button, Card, Empty, ErrorState, Page, QueryView, Tag, toast } from '../../../ui';
import { formatNumber } from '../../../utils/format';
import { AuthorLine, MoreButton, useJoinDialog } from '../community-view';
import { CampaignSummary } from '../campaign-view';
import { usePages } from '../use-pages';
import '../community.scss';

/** One check-in campaign: the rule, the caller's days, the leaderboard; join, check in, see the certificate. */
export default function CampaignPage() {
  const { campaignId = '' } = useRouter().params;
  const load = useCallback(() => communityService.campaign(campaignId), [campaignId]);
  const query = useCloudQuery(load, { refreshOnShow: true });
  const me = useCloudQuery(communityService.me);
  const join = useJoinDialog('成为会员后就能报名打卡活动，坚持到最后可得电子证书与徽章。');
  const [joining, setJoining] = useState(false);
  const data = query.data;
  useShareAppMessage(() => ({ title: data ? `一起参加「${data.title}」` : '打卡活动', path: `${COMMUNITY_CAMPAIGN}?campaignId=${campaignId}` }));

  const signUp = async () => {
    if (me.data && !me.data.joined) return join.ask();
    setJoining(true);
    try {
      await communityService.join(campaignId);
      toast.success('报名成功');
      await query.reload();
    } catch (e) {
      toast.error(e);
    } finally {
      setJoining(false);
    }
  };

  return (
    <Page className="cm-page cm-campaign-page" footer={data ? <CampaignAction campaign={data} joining={joining} onJoin={() => void signUp()} /> : undefined}>
      <QueryView query={query}>
        {(c) => (
          <View>
            <View className="cm-card campaign-detail">
              <CampaignSummary campaign={c} large />
              {c.description && <View className="cm-campaign__desc">{c.description}</View>}
              {c.mine && c.mine.days.length > 0 && (
                <View className="cm-days campaign-days">
                  {c.mine.days.map((d) => (
                    <Tag key={d} tone="success">
                      {Number(d.slice(5, 7))}月{Number(d.slice(8, 10))}日
                    </Tag>
                  ))}
                </View>
              )}
            </View>
            <Leaderboard campaignId={campaignId} days={c.days} />
          </View>
        )}
      </QueryView>
      {join.dialog}
    </Page>
  );
}

function CampaignAction({ campaign: c, joining, onJoin }: { campaign: Campaign; joining: boolean; onJoin: () => void }) {
  const mine = c.mine;
  if (mine?.finished) {
    return (
      <Button block icon="crown" className="campaign-certificate" onClick={() => void Taro.navigateTo({ url: `${COMMUNITY_CERTIFICATE}?campaignId=${encodeURIComponent(c.campaignId)}` })}>
        查看我的电子证书
      </Button>
    );
  }
  if (mine) {
    if (c.state !== 'open') return <Button block disabled>{c.state === 'upcoming' ? '活动开始后即可打卡' : '活动已结束'}</Button>;
    return (
      <Button
        block
        icon="edit"
        className="campaign-checkin"
        disabled={mine.checkedInToday}
        onClick={() => void Taro.navigateTo({ url: `${COMMUNITY_COMPOSE}?topic=${encodeURIComponent(c.topic.code)}` })}
      >
        {mine.checkedInToday ? '今日已打卡，明天继续' : `去打卡 · 发一条 #${c.topic.name}`}
      </Button>
    );
  }
  if (c.state === 'ended') return <Button block disabled>活动已结束</Button>;
  if (c.joined >= c.capacity) return <Button block disabled>名额已满</Button>;
  return (
    <Button block className="campaign-join" loading={joining} loadingText="报名中…" onClick={onJoin}>
      立即报名
    </Button>
  );
}

function Leaderboard({ campaignId, days }: { campaignId: string; days: number }) {
  const { items, next, loading, error, reload, more } = usePages((cursor) => communityService.leaderboard(campaignId, cursor), [campaignId]);
  return (
    <Card title="排行榜" extra="按打卡天数，再按获赞" className="campaign-leaderboard">
      {error !== undefined && <ErrorState error={error} onRetry={() => void reload()} />}
      {error === undefined && !loading && items.length === 0 && <Empty icon="users" title="还没有人打卡" text="报名后发第一条，就能上榜" />}
      {items.map((row, i) => {
        const rank = row.rank ?? i + 1;
        return (
          <View key={row.author.id} className="cm-rank leaderboard-row">
            <View className={`cm-rank__no ${rank <= 3 ? 'cm-rank__no--top' : ''}`}>{rank}</View>
            <View className="cm-rank__who">
              <AuthorLine author={row.author} meta={`打卡 ${row.count}/${days} 天 · 获赞 ${formatNumber(row.likes)}`} />
            </View>
            {row.finished && <Tag tone="success">已完成</Tag>}
          </View>
        );
      })}
      <MoreButton next={next} loading={loading} onMore={() => void more()} />
    </Card>
  );
}
