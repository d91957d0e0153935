import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { COMMISSION_STATUS_NAMES, distributionService, SOURCE_NAMES, type Commission, type CommissionFilter } from '../../../services/distribution';
import { Button, Empty, ErrorState, Loading, Page, Segmented, Tag } from '../../../ui';
import { formatDay, formatMoney } from '../../../utils/format';
import { usePagedList } from '../paged-list';
import { COMMISSION_STATUS_TONES } from '../status-tones';
import '../distribution.scss';

const TABS: { value: CommissionFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'pending', label: '待结算' },
  { value: 'settled', label: '已结算' },
  { value: 'voided', label: '作废/扣回' },
];

/** 佣金明细: every commission with its state and the reason for it, filtered by state. */
export default function CommissionsPage() {
  const [filter, setFilter] = useState<CommissionFilter>('all');
  return (
    <Page className="dist-page dist-commissions-page">
      <Segmented options={TABS} value={filter} onChange={setFilter} className="dist-tabs" optionClass="dist-tab" />
      <CommissionList key={filter} filter={filter} />
    </Page>
  );
}

function CommissionList({ filter }: { filter: CommissionFilter }) {
  const load = useCallback(
    async (after?: string) => {
      const page = await distributionService.commissions(filter, after);
      return { items: page.commissions, next: page.next };
    },
    [filter],
  );
  const { items, loading, error, hasMore, reload, more } = usePagedList<Commission>(load);

  if (error && items.length === 0) return <ErrorState error={error} onRetry={() => void reload()} />;
  if (loading && items.length === 0) return <Loading />;
  if (items.length === 0) return <Empty icon="list" title="这里还没有佣金" text="粉丝消费后，佣金会出现在这里" className="dist-commissions-empty" />;
  return (
    <View className="dist-commissions">
      {items.map((c) => (
        <CommissionItem key={c.id} c={c} />
      ))}
      {hasMore && (
        <Button variant="text" block loading={loading} loadingText="加载中…" className="dist-more" onClick={() => void more()}>
          加载更多
        </Button>
      )}
    </View>
  );
}

const rateText = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

function CommissionItem({ c }: { c: Commission }) {
  const off = c.status === 'voided' || c.status === 'clawed_back';
  const kept = c.amountFen - c.reversedFen;
  return (
    <View className={`dist-item dist-commission dist-commission--${c.status}`}>
      <View className="dist-item__head">
        <View className="dist-item__title">
          {SOURCE_NAMES[c.source] ?? '订单'} · {c.level === 1 ? '直接推广' : '间接推广'}
        </View>
        <View className={`dist-item__amount dist-commission-amount ${off ? 'dist-item__amount--off' : ''}`}>{formatMoney(off ? c.amountFen : kept)}</View>
      </View>
      <View className="dist-item__status">
        <Tag tone={COMMISSION_STATUS_TONES[c.status]} className="dist-commission-status">
          {COMMISSION_STATUS_NAMES[c.status]}
        </Tag>
        <View className="dist-item__reason dist-commission-reason">{c.reason}</View>
      </View>
      {c.reversedFen > 0 && !off && (
        <View className="dist-item__meta dist-commission-reversed">
          原佣金 {formatMoney(c.amountFen)}，部分退款减少 {formatMoney(c.reversedFen)}
        </View>
      )}
      <View className="dist-item__meta">
        粉丝 {c.buyerName} · 订单 {formatMoney(c.orderFen)} · 比例 {rateText(c.rateBp)}
      </View>
      <View className="dist-item__meta">
        {formatDay(c.createdAt)}
        {c.settleOn && (c.status === 'pending' || c.status === 'flagged') ? ` · 预计 ${formatDay(c.settleOn)} 结算` : ''}
      </View>
    </View>
  );
}
