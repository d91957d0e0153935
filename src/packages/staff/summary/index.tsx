import { View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { staffService, type ShiftSummary } from '../../../services/staff';
import { Card, Empty, Page, QueryView, Stat, StatRow } from '../../../ui';
import { formatDay, formatMoney, formatNumber, formatBeijingTime } from '../../../utils/format';
import { StaffGate } from '../StaffGate';
import '../staff.scss';
import './index.scss';

/** 今日小结: what this clerk did today, for the hand-over at the end of a shift. */
export default function StaffSummaryPage() {
  return (
    <Page className="staff-page staff-summary">
      <StaffGate>{() => <Summary />}</StaffGate>
    </Page>
  );
}


function Summary() {
  const summary = useCloudQuery(staffService.shiftSummary, { refreshOnShow: true });
  return <QueryView query={summary}>{(s) => <SummaryView s={s} />}</QueryView>;
}

function SummaryView({ s }: { s: ShiftSummary }) {
  const t = s.totals;
  return (
    <View>
      <Card title={`${formatDay(s.day)} · ${s.name}`} className="shift-totals">
        <StatRow>
          <Stat value={<View className="shift-purchases">{formatNumber(t.purchases)}</View>} label="登记消费（笔）" />
          <Stat value={formatMoney(t.purchaseFen)} label="消费金额" />
          <Stat value={formatNumber(t.points)} label="发放积分" />
        </StatRow>
        <StatRow className="shift-totals__row">
          <Stat value={<View className="shift-refunds">{formatNumber(t.refunds)}</View>} label="退款（笔）" />
          <Stat value={formatMoney(t.refundFen)} label="退款金额" />
          <Stat value={formatNumber(t.scans)} label="识别会员" />
        </StatRow>
        <StatRow className="shift-totals__row">
          <Stat value={<View className="shift-coupons">{formatNumber(t.coupons)}</View>} label="核销券" />
          <Stat value={formatNumber(t.pickups)} label="兑换自提" />
          <Stat value={formatNumber(t.shipped + t.cancelled + t.birthdays)} label="其他" />
        </StatRow>
      </Card>
      <Card title="今日操作" className="shift-recent">
        {s.recent.length === 0 && <Empty icon="clipboard" title="今天还没有操作记录" />}
        {s.recent.map((r, i) => (
          <View key={`${r.at}-${i}`} className="shift-line">
            <View className="shift-line__time">{formatBeijingTime(r.at)}</View>
            <View className="shift-line__body">
              <View className="shift-line__title">{r.title}</View>
              {r.detail && <View className="shift-line__detail">{r.detail}</View>}
            </View>
          </View>
        ))}
      </Card>
    </View>
  );
}
