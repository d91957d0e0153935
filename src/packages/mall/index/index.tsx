import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { mallService, type MallFilter } from '../../../services/mall';
import { MALL_ITEM, MALL_ORDERS, REGISTER } from '../../../routes';
import { formatNumber } from '../../../utils/format';
import { ItemSummary } from '../mall-view';
import '../mall.scss';
import { Empty, ErrorState, Icon, Loading, Notice, Page, Segmented } from '../../../ui';

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
    <Page className="mall-page mall-home">
      <Segmented
        options={FILTERS.map((f) => ({ value: f.filter, label: f.name }))}
        value={filter}
        onChange={setFilter}
        className="mall-filters"
        optionClass="mall-filter"
      />
      <ItemList key={`${filter}-${shows}`} filter={filter} />
      <View className="mall-page__link to-mall-orders" onClick={() => Taro.navigateTo({ url: MALL_ORDERS })}>
        我的兑换
        <Icon name="chevronRight" size="sm" color="textSecondary" />
      </View>
    </Page>
  );
}

function ItemList({ filter }: { filter: MallFilter }) {
  const load = useCallback(() => mallService.items(filter), [filter]);
  const { data, error, loading, reload } = useCloudQuery(load);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return loading ? <Loading /> : null;

  return (
    <View>
      {data.joined ? (
        <View className="mall-page__balance mall-balance">可用积分 {formatNumber(data.balance)}</View>
      ) : (
        <Notice tone="primary" icon="sparkle" className="mall-visitor" onClick={() => void Taro.navigateTo({ url: REGISTER })}>
          加入会员后即可用积分兑换，消费、签到都能得积分
        </Notice>
      )}
      {data.items.length === 0 && <Empty icon="bag" title="暂时没有符合条件的商品" text="换个筛选看看，或过几天再来" className="mall-empty" />}
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
