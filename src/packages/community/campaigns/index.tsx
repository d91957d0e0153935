import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { communityService } from '../../../services/community';
import { COMMUNITY_CAMPAIGN } from '../../../routes';
import { Empty } from '../community-view';
import { CampaignSummary } from '../campaign-view';
import '../community.scss';

export default function CampaignsPage() {
  const { data, error, loading, reload } = useCloudQuery(communityService.campaigns, { refreshOnShow: true });
  return (
    <PageShell className="cm-page cm-campaigns">
      <View className="cm-page__intro">
        <View className="cm-page__title">打卡活动</View>
        <View className="cm-page__subtitle">每天发一条带活动话题的内容，就算打卡</View>
      </View>
      {error !== undefined && <ErrorState error={error} onRetry={reload} />}
      {!data && !error && loading && <Loading />}
      {data && data.campaigns.length === 0 && <Empty text="暂时没有打卡活动" />}
      {data?.campaigns.map((c) => (
        <View key={c.campaignId} className="cm-card campaign-card" onClick={() => Taro.navigateTo({ url: `${COMMUNITY_CAMPAIGN}?campaignId=${c.campaignId}` })}>
          <CampaignSummary campaign={c} />
        </View>
      ))}
    </PageShell>
  );
}
