import { Text, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { scoringService, type ScoringOverview } from '../../../services/scoring';
import { Card, Cell, CellGroup, Empty, Notice, Page, QueryView, Stat, StatRow, Tag } from '../../../ui';
import { formatDay, formatNumber } from '../../../utils/format';
import './index.scss';

/**
 * 会员分层: the last nightly scoring — how totals are distributed, how big each layer is and how it moved, and
 * which members moved between layers. Layers are the audience tags of coupon templates (audience.layers).
 */
export default function OpsLayersPage() {
  const overview = useCloudQuery(scoringService.overview, { refreshOnShow: true });
  return (
    <Page className="ops-layers">
      <QueryView query={overview}>{(o) => <Overview o={o} />}</QueryView>
    </Page>
  );
}

const signed = (n: number) => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '持平');
const rangeLabel = (b: { from: number; to: number }) => (b.from === b.to ? `${b.from}` : `${b.from}–${b.to}`);

function Overview({ o }: { o: ScoringOverview }) {
  if (o.asOf === null) {
    return <Empty title="还没有评分结果" text={o.running ? '今晚的评分正在进行' : '评分每晚 1 点开始，完成后在这里查看'} />;
  }
  const peak = Math.max(1, ...o.histogram.map((b) => b.members));
  const superTrend = o.trend.map((t) => ({ day: t.day, n: t.sizes.super ?? 0 }));
  const superPeak = Math.max(1, ...superTrend.map((t) => t.n));
  return (
    <View>
      {o.running && <Notice tone="info">今晚的评分正在进行，以下为上次结果</Notice>}
      <Card className="layers-summary">
        <StatRow>
          <Stat value={formatNumber(o.members)} label="参与评分" />
          <Stat value={o.enterAt === null ? '—' : `${formatNumber(o.enterAt)} 分`} label="超级用户门槛" />
          <Stat value={formatNumber(o.moved)} label="分层变动" />
        </StatRow>
        <View className="layers-summary__asof">评分日期 {formatDay(o.asOf)}</View>
      </Card>

      <Card title="综合评分分布" className="layers-histogram">
        {o.histogram.map((b) => (
          <View key={b.from} className="layers-bar">
            <Text className="layers-bar__label">{rangeLabel(b)}</Text>
            <View className="layers-bar__track">
              <View className="layers-bar__fill" style={{ width: `${Math.max(b.members ? 2 : 0, Math.round((b.members * 100) / peak))}%` }} />
            </View>
            <Text className="layers-bar__count">{formatNumber(b.members)}</Text>
          </View>
        ))}
      </Card>

      <CellGroup title="各分层人数" className="layers-sizes">
        {o.layers.map((l) => (
          <Cell
            key={l.code}
            title={l.name}
            value={
              <Text className="layers-size">
                {formatNumber(l.size)} 人{l.change !== null && <Text className="layers-size__change"> {signed(l.change)}</Text>}
              </Text>
            }
            className={`layers-size-row layers-size-row--${l.code}`}
          />
        ))}
      </CellGroup>

      <Card title="超级用户人数走势" className="layers-trend">
        <View className="layers-trend__bars">
          {superTrend.map((t) => (
            <View key={t.day} className="layers-trend__col">
              <View className="layers-trend__bar" style={{ height: `${Math.max(4, Math.round((t.n * 100) / superPeak))}%` }} />
              <Text className="layers-trend__day">{t.day.slice(5).replace('-', '/')}</Text>
            </View>
          ))}
        </View>
      </Card>

      <CellGroup title="谁变动了" className="layers-movers">
        {o.movers.length === 0 && <Cell title="本次没有会员变动分层" />}
        {o.movers.map((m, i) => (
          <Cell
            key={`${m.memberNoTail}-${i}`}
            title={`${m.name}（尾号 ${m.memberNoTail}）`}
            description={`综合评分 ${formatNumber(m.total)}`}
            value={
              <View className="layers-move">
                <Text className="layers-move__from">{m.from.length ? m.from.map((l) => l.name).join('、') : '无'}</Text>
                <Text className="layers-move__arrow">→</Text>
                {m.to.length ? (
                  m.to.map((l) => (
                    <Tag key={l.code} tone={l.code === 'super' ? 'primary' : 'neutral'}>
                      {l.name}
                    </Tag>
                  ))
                ) : (
                  <Text>无</Text>
                )}
              </View>
            }
            className="layers-mover"
          />
        ))}
      </CellGroup>
    </View>
  );
}
