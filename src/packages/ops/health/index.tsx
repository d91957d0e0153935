import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { adminService, type CommunityMetrics } from '../../../services/admin';
import { Button, Card, Cell, CellGroup, Empty, LineChart, Page, QueryView, Stat, StatRow, toast } from '../../../ui';
import { COLORS } from '../../../ui/theme/colors';
import { formatBasisPoints, formatDay, formatHundredths, formatMoney, formatNumber } from '../../../utils/format';
import './index.scss';

/**
 * 社区健康: the three hard indicators of a super-user community (member-driven activity, UGC ratio, the core
 * users' share of GMV), their 30-day trend, the layers and the operating measures, from the nightly metrics.
 */
export default function CommunityHealthPage() {
  const metrics = useCloudQuery(adminService.communityMetrics, { refreshOnShow: true });
  return (
    <Page className="health">
      <QueryView query={metrics} isEmpty={(m) => m.history.length === 0} empty={<Empty title="还没有统计数据" text="每晚 3 点统计前一天的数据" />}>
        {(m) => <Health metrics={m} />}
      </QueryView>
    </Page>
  );
}

function Health({ metrics }: { metrics: CommunityMetrics }) {
  const days = metrics.history;
  const latest = days[days.length - 1];
  const i = latest.indicators;
  const c = latest.community;
  const biggest = Math.max(1, ...latest.layers.map((l) => l.members));
  const topTopic = Math.max(1, ...latest.topTopics.map((t) => t.posts));
  const copyJson = () =>
    void Taro.setClipboardData({ data: JSON.stringify(metrics) }).then(
      () => toast.success('已复制'),
      (e: unknown) => toast.error(e),
    );
  return (
    <View>
      <Card title={`${formatDay(latest.day)} · 三项硬指标`} className="health__hard">
        <StatRow>
          <Stat value={formatBasisPoints(i.memberDrivenShareBp)} label="成员主导活动" className="health-member-driven" />
          <Stat value={formatHundredths(i.ugcRatioX100)} label="用户内容比" className="health-ugc" />
          <Stat value={formatBasisPoints(i.coreGmvShareBp)} label="核心用户消费占比" className="health-core-gmv" />
        </StatRow>
        <View className="health__goal">{`用户内容比目标 ≥ ${formatHundredths(metrics.goals.ugcRatioX100)}`}</View>
      </Card>

      <Card title="近 30 天趋势" className="health__trend">
        <LineChart
          className="health-chart"
          max={10_000}
          from={formatDay(days[0].day)}
          to={formatDay(latest.day)}
          series={[
            { label: '核心用户消费占比', color: COLORS.primary, values: days.map((d) => d.indicators.coreGmvShareBp) },
            { label: '成员主导活动', color: COLORS.warning, values: days.map((d) => d.indicators.memberDrivenShareBp) },
            { label: '签到参与率', color: COLORS.info, values: days.map((d) => d.indicators.checkInRateBp) },
            { label: '7 日留存', color: COLORS.success, values: days.map((d) => d.indicators.retention7Bp) },
          ]}
        />
      </Card>

      {c && (
        <CellGroup title="社区活跃" className="health__community">
          <Cell title="会员帖子 / 官方帖子" value={`${formatNumber(c.memberPosts)} / ${formatNumber(c.officialPosts)}`} className="health-posts" />
          <Cell title="会员评论 / 官方评论" value={`${formatNumber(c.memberComments)} / ${formatNumber(c.officialComments)}`} />
          <Cell title="活动打卡（其中会员）" value={`${formatNumber(c.campaignDays)}（${formatNumber(c.memberCampaignDays)}）`} />
          <Cell title="活动参与率" value={formatBasisPoints(i.campaignCheckInBp)} description={`进行中的活动 ${formatNumber(c.campaignsRunning)} 个，已报名 ${formatNumber(c.campaignPlaces)} 人`} className="health-campaigns" />
        </CellGroup>
      )}

      {latest.topTopics.length > 0 && (
        <Card title="热门话题 · 近 7 天" className="health__topics">
          {latest.topTopics.map((t) => (
            <View key={t.code} className="health__layer health-topic">
              <View className="health__layer-name">{`#${t.name}`}</View>
              <View className="health__track">
                <View className="health__bar health__bar--topic" style={{ width: `${Math.max(2, Math.round((t.posts * 100) / topTopic))}%` }} />
              </View>
              <View className="health__layer-count">{`${formatNumber(t.posts)} 帖`}</View>
            </View>
          ))}
        </Card>
      )}

      <Card title={`会员分层 · 共 ${formatNumber(latest.members)} 人`} className="health__layers">
        {latest.layers.map((l) => (
          <View key={l.code} className="health__layer">
            <View className="health__layer-name">{l.name}</View>
            <View className="health__track">
              <View className="health__bar" style={{ width: `${Math.max(2, Math.round((l.members * 100) / biggest))}%` }} />
            </View>
            <View className="health__layer-count">{formatNumber(l.members)}</View>
          </View>
        ))}
        {latest.flows.map((f) => (
          <View key={`${f.from}${f.to}`} className="health__note">{`昨日 ${f.from} → ${f.to}：${formatNumber(f.members)} 人`}</View>
        ))}
      </Card>

      <CellGroup title="运营指标" className="health__measures">
        <Cell title="新会员" value={formatNumber(latest.newMembers)} />
        <Cell title="签到参与率" value={formatBasisPoints(i.checkInRateBp)} />
        <Cell title="券核销率（近 30 天领取）" value={formatBasisPoints(i.couponRedemptionBp)} />
        <Cell title="每人每周消息" value={`${formatHundredths(i.messagesPerMemberWeekX100)} / 上限 ${formatHundredths(i.weeklyCapX100)}`} className="health-messages" />
        <Cell title="新会员 7 日留存" value={formatBasisPoints(i.retention7Bp)} />
        <Cell title="新会员 30 日留存" value={formatBasisPoints(i.retention30Bp)} />
        <Cell title="近 30 天消费" value={formatMoney(latest.gmvFen)} />
        <Cell title="其中超级用户" value={formatMoney(latest.coreGmvFen)} description={`超级用户 ${formatNumber(latest.coreMembers)} 人`} />
      </CellGroup>

      {metrics.notMeasured.map((n) => (
        <View key={n} className="health__note">
          {n}
        </View>
      ))}
      <Button variant="secondary" block className="health__export" onClick={copyJson}>
        复制数据
      </Button>
    </View>
  );
}
