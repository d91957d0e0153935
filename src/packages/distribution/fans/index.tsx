import { useCallback } from 'react';
import { Text, View } from '@tarojs/components';
import { distributionService, type Fans } from '../../../services/distribution';
import { Button, Empty, ErrorState, Loading, Notice, Page, Tag } from '../../../ui';
import { formatDay, formatMoney } from '../../../utils/format';
import { usePagedList } from '../paged-list';
import '../distribution.scss';

type Fan = Fans['fans'][number];

/** 我的粉丝: members bound to the caller, names masked, newest first. */
export default function FansPage() {
  const load = useCallback(async (after?: string) => {
    const page = await distributionService.fans(after);
    return { items: page.fans, next: page.next };
  }, []);
  const { items, loading, error, hasMore, reload, more } = usePagedList<Fan>(load);

  let body;
  if (error && items.length === 0) body = <ErrorState error={error} onRetry={() => void reload()} />;
  else if (loading && items.length === 0) body = <Loading />;
  else if (items.length === 0) body = <Empty icon="users" title="还没有粉丝" text="去分享你的推广码吧，朋友打开后就会成为你的粉丝" className="dist-fans-empty" />;
  else
    body = (
      <View className="dist-fans">
        {items.map((f, i) => (
          <View key={`${f.boundAt}-${i}`} className="dist-item dist-fan">
            <View className="dist-item__head">
              <View className="dist-item__title">
                <Text className="dist-fan-name">{f.name}</Text>
                {f.active && <Tag tone="success">活跃</Tag>}
                {f.flagged && <Tag tone="warning">待核实</Tag>}
              </View>
              <View className="dist-item__amount">{formatMoney(f.commissionFen)}</View>
            </View>
            <View className="dist-item__meta">
              {formatDay(f.boundAt)} 成为粉丝 · 消费 {f.orders} 笔
            </View>
          </View>
        ))}
        {hasMore && (
          <Button variant="text" block loading={loading} loadingText="加载中…" className="dist-more" onClick={() => void more()}>
            加载更多
          </Button>
        )}
      </View>
    );

  return (
    <Page className="dist-page dist-fans-page">
      <Notice tone="neutral" icon="shield" className="dist-fans-privacy">
        为保护隐私，粉丝昵称已隐去部分文字；近期有消费的为活跃粉丝
      </Notice>
      {body}
    </Page>
  );
}
