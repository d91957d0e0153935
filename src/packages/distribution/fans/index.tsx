import { useCallback } from 'react';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { formatFen } from '../../../services/coupons';
import { distributionService, type Fans } from '../../../services/distribution';
import { formatDay } from '../../../utils/format';
import { usePagedList } from '../paged-list';
import '../distribution.scss';

type Fan = Fans['fans'][number];

export default function FansPage() {
  const load = useCallback(async (after?: string) => {
    const page = await distributionService.fans(after);
    return { items: page.fans, next: page.next };
  }, []);
  const { items, loading, error, hasMore, reload, more } = usePagedList<Fan>(load);

  let body;
  if (error && items.length === 0) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading && items.length === 0) body = <Loading />;
  else if (items.length === 0) body = <View className="dist-page__empty dist-fans-empty">还没有粉丝，去分享你的推广码吧</View>;
  else
    body = (
      <View className="dist-fans">
        {items.map((f, i) => (
          <View key={`${f.boundAt}-${i}`} className="dist-item dist-fan">
            <View className="dist-item__head">
              <View className="dist-item__title">
                <Text className="dist-fan-name">{f.name}</Text>
                {f.active && <View className="dist-chip dist-chip--settled">活跃</View>}
                {f.flagged && <View className="dist-chip dist-chip--flagged">待核实</View>}
              </View>
              <View className="dist-item__amount">{formatFen(f.commissionFen)}</View>
            </View>
            <View className="dist-item__meta">
              {formatDay(f.boundAt)} 成为粉丝 · 消费 {f.orders} 笔
            </View>
          </View>
        ))}
        {hasMore && (
          <View className="dist-more" onClick={() => void more()}>
            {loading ? '加载中…' : '加载更多'}
          </View>
        )}
      </View>
    );

  return (
    <PageShell className="dist-page dist-fans-page">
      <View className="dist-page__intro">
        <View className="dist-page__title">我的粉丝</View>
        <View className="dist-page__subtitle">为保护隐私，粉丝昵称已隐去部分文字；近期有消费的为活跃粉丝</View>
      </View>
      {body}
    </PageShell>
  );
}
