import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { communityService } from '../../../services/community';
import { COMMUNITY_CAMPAIGN } from '../../../routes';
import { Empty, Page, QueryView } from '../../../ui';
import { CampaignSummary } from '../campaign-view';
import '../community.scss';

/** 打卡活动: every active campaign with its cover, places and the caller's progress (visitors browse). */
export default function CampaignsPage() {
  const query = useCloudQuery(communityService.campaigns, { refreshOnShow: true });
  return (
    <Page className="cm-page cm-campaigns">
      <View className="cm-head">
        <View className="cm-head__text">
          <View className="cm-head__title">打卡活动</View>
          <View className="cm-head__subtitle">每天发一条带活动话题的内容就算打卡，完成可得电子证书与徽章</View>
        </View>
      </View>
      <QueryView
        query={query}
        isEmpty={(d) => d.campaigns.length === 0}
        empty={<Empty icon="calendar" title="暂时没有打卡活动" text="新活动上线后会出现在这里" className="cm-empty" />}
      >
        {(data) => (
          <View>
            {data.campaigns.map((c) => (
              <View
                key={c.campaignId}
                className="cm-card cm-post campaign-card"
                onClick={() => void Taro.navigateTo({ url: `${COMMUNITY_CAMPAIGN}?campaignId=${encodeURIComponent(c.campaignId)}` })}
              >
                <CampaignSummary campaign={c} />
              </View>
            ))}
          </View>
        )}
      </QueryView>
    </Page>
  );
}
