import { Text, View } from '@tarojs/components';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { scoringService, type MyScore } from '../../services/scoring';
import { Card, Notice, Page, QueryView, Stat, StatRow, Tag } from '../../ui';
import { formatDay, formatNumber } from '../../utils/format';
import './index.scss';

/**
 * 超级用户: the member's layer, their three sub-scores over the window, and what would raise each — the
 * articles' "explained, not a black box": a member sees why they are (or are not yet) a super user.
 */
export default function MyScorePage() {
  const score = useCloudQuery(scoringService.mine, { refreshOnShow: true });
  return (
    <Page className="my-score">
      <QueryView query={score}>{(s) => <ScoreView score={s} />}</QueryView>
    </Page>
  );
}

function standing(s: MyScore): string {
  if (s.superUser) return '你是超级用户，感谢你为社区做的一切';
  if (s.toSuperUser !== null && s.toSuperUser > 0) return `再得 ${formatNumber(s.toSuperUser)} 分即可成为超级用户`;
  if (s.asOf === null) return '今晚评分后即可看到你的排名';
  return '保持活跃，评分每晚更新';
}

function ScoreView({ score: s }: { score: MyScore }) {
  return (
    <View>
      <Card className="score-hero">
        <View className="score-hero__layers score-layers">
          {s.layers.length ? (
            s.layers.map((l) => (
              <Tag key={l.code} tone={l.code === 'super' ? 'primary' : 'neutral'} className="score-layer">
                {l.name}
              </Tag>
            ))
          ) : (
            <Tag tone="neutral" className="score-layer">
              暂无分层
            </Tag>
          )}
        </View>
        <StatRow className="score-hero__stats">
          <Stat value={<Text className="score-total">{formatNumber(s.total)}</Text>} label="综合评分" />
          <Stat value={s.percentBelow === null ? '—' : `${s.percentBelow}%`} label="超过的会员" />
        </StatRow>
        <View className="score-hero__standing score-standing">{standing(s)}</View>
      </Card>
      {s.subScores.map((sub) => (
        <Card key={sub.key} title={sub.name} extra={<Text className="score-sub__value">{formatNumber(sub.score)} 分</Text>} className={`score-sub score-sub--${sub.key}`}>
          <View className="score-sub__counts">{sub.counts}</View>
          <View className="score-sub__raise-title">怎样提高</View>
          {sub.raise.map((r) => (
            <View key={r.action} className="score-raise">
              <Text className="score-raise__action">{r.action}</Text>
              <Text className="score-raise__points">+{formatNumber(r.points)} 分</Text>
            </View>
          ))}
        </Card>
      ))}
      <Notice tone="info" className="score-rule">
        {s.rule}
      </Notice>
      {s.asOf && <View className="score-asof">排名更新于 {formatDay(s.asOf)}</View>}
    </View>
  );
}
