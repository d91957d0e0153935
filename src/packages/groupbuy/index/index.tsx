import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { JoinCard } from '../../../components/JoinCard';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { groupbuyService, type Deal } from '../../../services/groupbuy';
import { FLASH_SALES, GROUPBUY, GROUPBUY_DEAL, GROUPBUY_MINE, registerThenBack } from '../../../routes';
import { Cell, CellGroup, Empty, ErrorState, Loading, Notice, Page, Tag } from '../../../ui';
import { Cover, LayerTag, Price, dealTitle } from '../groupbuy-view';
import '../groupbuy.scss';

export default function DealsPage() {
  const { data, error, loading, reload } = useCloudQuery(groupbuyService.deals, { refreshOnShow: true });

  let body;
  if (data) {
    body =
      data.deals.length === 0 ? (
        <Empty icon="users" title="暂时没有拼团活动" text="新的拼团上线后会出现在这里" className="gb-empty" />
      ) : (
        data.deals.map((d) => <DealCard key={d.dealId} deal={d} />)
      );
  } else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可和好友一起拼团。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <Page className="gb-page gb-deals">
      <View className="gb-page__intro">
        <View className="gb-page__subtitle">邀好友一起买，成团享拼团价；未成团全额原路退款</View>
      </View>
      <CellGroup className="gb-shortcuts">
        <Cell icon="clock" title="限时秒杀" description="准点开抢，每人限购" onClick={() => void Taro.navigateTo({ url: FLASH_SALES })} className="to-flash" />
        <Cell icon="list" title="我的拼团" description="拼团进度、提货码与退款" onClick={() => void Taro.navigateTo({ url: GROUPBUY_MINE })} className="to-my-groups" />
      </CellGroup>
      {data && !data.registered && (
        <Notice tone="primary" icon="sparkle" className="gb-visitor" onClick={() => void Taro.navigateTo({ url: registerThenBack(GROUPBUY) })}>
          加入会员后即可开团、参团，先看看有哪些好物
        </Notice>
      )}
      {body}
    </Page>
  );
}

function DealCard({ deal }: { deal: Deal }) {
  return (
    <View
      className={`gb-card gb-deal ${deal.available ? '' : 'gb-card--muted'}`}
      onClick={() => void Taro.navigateTo({ url: `${GROUPBUY_DEAL}?dealId=${encodeURIComponent(deal.dealId)}` })}
    >
      <Cover src={deal.images[0]} />
      <View className="gb-card__body">
        <View className="gb-card__title gb-deal-title">{dealTitle(deal.title)}</View>
        <Price fen={deal.groupPriceFen} was={deal.singlePriceFen} />
        <View className="gb-card__tags">
          <Tag tone="primary">{deal.groupSize}人团</Tag>
          {deal.newMembersOnly && <Tag tone="warning">新人团</Tag>}
          <LayerTag names={deal.layerNames} />
        </View>
        <View className="gb-card__meta">{deal.available ? `还可开 ${deal.groupsLeft} 个团` : deal.reason}</View>
      </View>
    </View>
  );
}
