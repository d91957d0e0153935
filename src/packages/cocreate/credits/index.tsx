import { View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { cocreateService } from '../../../services/cocreate';
import { Card, Empty, Page, QueryView, Tag } from '../../../ui';
import { formatNumber } from '../../../utils/format';
import '../cocreate.scss';

/** 共创名人墙: for each ended poll, the winning options and the names of the members who chose them. */
export default function CreditsPage() {
  const query = useCloudQuery(cocreateService.credits, { refreshOnShow: true });
  return (
    <Page className="cc-page cc-credits">
      <View className="cc-head">
        <View className="cc-head__title">共创名人墙</View>
        <View className="cc-head__subtitle">每一款共创产品，都有这些会员的名字</View>
      </View>
      <QueryView query={query} isEmpty={(d) => d.polls.length === 0} empty={<Empty icon="crown" title="还没有揭晓的共创投票" text="投票结束后，投中胜出选项的会员署名会出现在这里" />}>
        {(d) => (
          <View>
            {d.polls.map((p) => (
              <Card key={p.pollId} title={p.productName} extra={p.total > 0 ? `${formatNumber(p.total)} 位署名` : undefined} className="credits-poll">
                <View className="cc-card__meta">{p.title}</View>
                <View className="cc-card__tags">
                  {p.winners.map((w) => (
                    <Tag key={w} tone="success">{`胜出：${w}`}</Tag>
                  ))}
                </View>
                <View className="cc-card__meta">{p.creditLine}</View>
                {p.names.length > 0 ? (
                  <View className="cc-names credits-names">
                    {p.names.map((n, i) => (
                      <View key={`${i}-${n}`}>{n}</View>
                    ))}
                  </View>
                ) : (
                  <View className="cc-card__meta credits-unnamed">投中胜出选项的会员都选择了不署名</View>
                )}
              </Card>
            ))}
          </View>
        )}
      </QueryView>
    </Page>
  );
}
