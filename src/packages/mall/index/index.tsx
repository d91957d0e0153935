import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { JoinCard } from '../../../components/JoinCard';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { mallService, type MallFilter } from '../../../services/mall';
import { MALL_ITEM, MALL_ORDERS } from '../../../routes';
import { formatNumber } from '../../../utils/format';
import { ItemSummary } from '../mall-view';
import '../mall.scss';

const FILTERS: { filter: MallFilter; name: string }[] = [
  { filter: 'all', name: '全部' },
  { filter: 'affordable', name: '我能兑' },
  { filter: 'myTier', name: '我的等级' },
];

export default function MallPage() {
  const [filter, setFilter] = useState<MallFilter>('all');
  // Each return to the page (after redeeming) loads the list afresh: balance and stock changed.
  const [shows, setShows] = useState(0);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else setShows((n) => n + 1);
  });

  return (
    <PageShell className="mall-page mall-home">
      <View className="mall-page__intro">
        <View className="mall-page__title">积分商城</View>
        <View className="mall-page__subtitle">用积分兑换好物、券与活动名额</View>
      </View>
      <View className="mall-filters">
        {FILTERS.map((f) => (
          <View
            key={f.filter}
            className={`mall-filters__chip mall-filter mall-filter--${f.filter} ${f.filter === filter ? 'mall-filters__chip--active mall-filter--active' : ''}`}
            onClick={() => setFilter(f.filter)}
          >
            {f.name}
          </View>
        ))}
      </View>
      <ItemList key={`${filter}-${shows}`} filter={filter} />
      <View className="mall-page__link to-mall-orders" onClick={() => Taro.navigateTo({ url: MALL_ORDERS })}>
        我的兑换 ›
      </View>
    </PageShell>
  );
}

function ItemList({ filter }: { filter: MallFilter }) {
  const load = useCallback(() => mallService.items(filter), [filter]);
  const { data, error, loading, reload } = useCloudQuery(load);

  if (isCloudError(error) && error.code === 'NOT_REGISTERED') return <JoinCard text="注册成为会员后，即可用积分兑换好物。" />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return loading ? <Loading /> : null;

  return (
    <View>
      <View className="mall-page__balance mall-balance">可用积分 {formatNumber(data.balance)}</View>
      {data.items.length === 0 && <View className="mall-page__empty mall-empty">暂时没有符合条件的商品</View>}
      {data.items.map((item) => (
        <View
          key={item.itemId}
          className={`mall-card mall-item ${item.available ? '' : 'mall-card--muted mall-item--unavailable'}`}
          onClick={() => Taro.navigateTo({ url: `${MALL_ITEM}?itemId=${encodeURIComponent(item.itemId)}` })}
        >
          <ItemSummary item={item} />
        </View>
      ))}
    </View>
  );
}
