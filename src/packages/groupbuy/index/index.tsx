import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { JoinCard } from '../../../components/JoinCard';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { groupbuyService, type Deal } from '../../../services/groupbuy';
import { FLASH_SALES, GROUPBUY_DEAL, GROUPBUY_MINE } from '../../../routes';
import { Cover, Price } from '../groupbuy-view';
import '../groupbuy.scss';

export default function DealsPage() {
  const { data, error, loading, reload } = useCloudQuery(groupbuyService.deals, { refreshOnShow: true });

  let body;
  if (data) {
    body = data.deals.length === 0 ? <View className="gb-page__empty gb-empty">暂时没有拼团活动</View> : data.deals.map((d) => <DealCard key={d.dealId} deal={d} />);
  } else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可和好友一起拼团。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <PageShell className="gb-page gb-deals">
      <View className="gb-page__intro">
        <View className="gb-page__title">拼团</View>
        <View className="gb-page__subtitle">邀好友一起买，成团享拼团价；未成团全额原路退款</View>
      </View>
      <View className="gb-shortcuts">
        <View className="gb-shortcuts__item to-flash" onClick={() => Taro.navigateTo({ url: FLASH_SALES })}>
          限时秒杀 ›
        </View>
        <View className="gb-shortcuts__item to-my-groups" onClick={() => Taro.navigateTo({ url: GROUPBUY_MINE })}>
          我的拼团 ›
        </View>
      </View>
      {body}
    </PageShell>
  );
}

function DealCard({ deal }: { deal: Deal }) {
  return (
    <View className={`gb-card gb-deal ${deal.available ? '' : 'gb-card--muted'}`} onClick={() => Taro.navigateTo({ url: `${GROUPBUY_DEAL}?dealId=${encodeURIComponent(deal.dealId)}` })}>
      <Cover src={deal.images[0]} />
      <View className="gb-card__body">
        <View className="gb-card__title gb-deal-title">{deal.title}</View>
        <View className="gb-card__tag">{deal.groupSize}人团</View>
        {deal.newMembersOnly && <View className="gb-card__tag">新人团</View>}
        <Price fen={deal.groupPriceFen} was={deal.singlePriceFen} />
        <View className="gb-card__meta">{deal.available ? `还可开 ${deal.groupsLeft} 个团` : deal.reason}</View>
      </View>
    </View>
  );
}
