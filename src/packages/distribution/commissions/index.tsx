import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { formatFen } from '../../../services/coupons';
import { COMMISSION_STATUS_NAMES, distributionService, SOURCE_NAMES, type Commission, type CommissionFilter } from '../../../services/distribution';
import { formatDay } from '../../../utils/format';
import { usePagedList } from '../paged-list';
import '../distribution.scss';

const TABS: { filter: CommissionFilter; name: string }[] = [
  { filter: 'all', name: '全部' },
  { filter: 'pending', name: '待结算' },
  { filter: 'settled', name: '已结算' },
  { filter: 'voided', name: '作废/扣回' },
];

export default function CommissionsPage() {
  const [filter, setFilter] = useState<CommissionFilter>('all');
  return (
    <PageShell className="dist-page dist-commissions-page">
      <View className="dist-page__intro">
        <View className="dist-page__title">佣金明细</View>
        <View className="dist-page__subtitle">订单售后期结束后佣金结算为可提现；退款会让佣金作废或被扣回</View>
      </View>
      <View className="dist-tabs">
        {TABS.map((t) => (
          <View
            key={t.filter}
            className={`dist-tabs__chip dist-tab--${t.filter} ${t.filter === filter ? 'dist-tabs__chip--active' : ''}`}
            onClick={() => setFilter(t.filter)}
          >
            {t.name}
          </View>
        ))}
      </View>
      <CommissionList key={filter} filter={filter} />
    </PageShell>
  );
}

function CommissionList({ filter }: { filter: CommissionFilter }) {
  const load = useCallback(async (after?: string) => {
    const page = await distributionService.commissions(filter, after);
    return { items: page.commissions, next: page.next };
  }, [filter]);
  const { items, loading, error, hasMore, reload, more } = usePagedList<Commission>(load);

  if (error && items.length === 0) return <ErrorState error={error} onRetry={reload} />;
  if (loading && items.length === 0) return <Loading />;
  if (items.length === 0) return <View className="dist-page__empty dist-commissions-empty">这里还没有佣金</View>;
  return (
    <View className="dist-commissions">
      {items.map((c) => (
        <CommissionItem key={c.id} c={c} />
      ))}
      {hasMore && (
        <View className="dist-more" onClick={() => void more()}>
          {loading ? '加载中…' : '加载更多'}
        </View>
      )}
    </View>
  );
}

function CommissionItem({ c }: { c: Commission }) {
  const off = c.status === 'voided' || c.status === 'clawed_back';
  return (
    <View className={`dist-item dist-commission dist-commission--${c.status}`}>
      <View className="dist-item__head">
        <View className="dist-item__title">
          {SOURCE_NAMES[c.source] ?? '订单'} · {c.level === 1 ? '直接推广' : '间接推广'}
          <View className={`dist-chip dist-chip--${c.status} dist-commission-status`}>{COMMISSION_STATUS_NAMES[c.status]}</View>
        </View>
        <View className={`dist-item__amount dist-commission-amount ${off ? 'dist-item__amount--off' : ''}`}>{formatFen(c.amountFen)}</View>
      </View>
      <View className="dist-item__reason dist-commission-reason">{c.reason}</View>
      <View className="dist-item__meta">
        粉丝 {c.buyerName} · 订单 {formatFen(c.orderFen)} · 比例 {(c.rateBp / 100).toFixed(c.rateBp % 100 === 0 ? 0 : 2)}%
      </View>
      <View className="dist-item__meta">
        {formatDay(c.createdAt)}
        {c.settleOn && (c.status === 'pending' || c.status === 'flagged') ? ` · 预计 ${formatDay(c.settleOn)} 结算` : ''}
      </View>
    </View>
  );
}
