import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError } from '../../../services/cloud';
import { formatFen } from '../../../services/coupons';
import { distributionService, SOURCE_NAMES, type ReviewQueue } from '../../../services/distribution';
import { formatDay, formatMemberNo } from '../../../utils/format';
import '../distribution.scss';

type Verdict = 'approve' | 'reject';

/** Operators only (the server answers FORBIDDEN to anyone else): flagged commissions and large withdrawals. */
export default function ReviewPage() {
  const { data, error, loading, reload } = useCloudQuery(distributionService.reviewQueue, { refreshOnShow: true });

  let body;
  if (data) body = <Queue queue={data} onDecided={reload} />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <PageShell className="dist-page dist-review-page">
      <View className="dist-page__intro">
        <View className="dist-page__title">推广审核</View>
        <View className="dist-page__subtitle">被风控拦下的佣金与大额提现，核实后通过或驳回；每次决定都会记入审计日志</View>
      </View>
      {body}
    </PageShell>
  );
}

function Queue({ queue, onDecided }: { queue: ReviewQueue; onDecided: () => void }) {
  const [busy, setBusy] = useState<string>();

  const decide = async (key: string, title: string, verdict: Verdict, run: () => Promise<unknown>) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({ title: verdict === 'approve' ? '确认通过' : '确认驳回', content: title });
    if (!confirm) return;
    setBusy(key);
    try {
      await run();
      void Taro.showToast({ title: verdict === 'approve' ? '已通过' : '已驳回', icon: 'success' });
      onDecided();
    } catch (e) {
      void Taro.showToast({ title: describeError(e), icon: 'none' });
    } finally {
      setBusy(undefined);
    }
  };

  const actions = (key: string, title: string, run: (v: Verdict) => Promise<unknown>) => (
    <View className="dist-item__actions">
      <Button className={`btn btn--primary dist-review-approve ${busy ? 'btn--disabled' : ''}`} onClick={() => decide(key, title, 'approve', () => run('approve'))}>
        通过
      </Button>
      <Button className={`btn btn--ghost dist-review-reject ${busy ? 'btn--disabled' : ''}`} onClick={() => decide(key, title, 'reject', () => run('reject'))}>
        驳回
      </Button>
    </View>
  );

  return (
    <View className="dist-review">
      <View className="section-title">待审核佣金（{queue.commissions.length}）</View>
      {queue.commissions.length === 0 && <View className="dist-page__empty dist-review-none">没有待审核的佣金</View>}
      {queue.commissions.map((c) => (
        <View key={c.id} className="dist-item dist-review-commission">
          <View className="dist-item__head">
            <View className="dist-item__title">推广员 {formatMemberNo(c.distributorNo)}</View>
            <View className="dist-item__amount">{formatFen(c.amountFen)}</View>
          </View>
          <View className="dist-item__reason">{c.reason}</View>
          <View className="dist-item__meta">
            {SOURCE_NAMES[c.source] ?? '订单'} {formatFen(c.orderFen)} · 粉丝 {c.buyerName} · {formatDay(c.createdAt)}
          </View>
          {actions(c.id, `${formatFen(c.amountFen)} 佣金`, (v) => distributionService.reviewCommission(c.id, v))}
        </View>
      ))}

      <View className="section-title">待审核提现（{queue.withdrawals.length}）</View>
      {queue.withdrawals.length === 0 && <View className="dist-page__empty">没有待审核的提现</View>}
      {queue.withdrawals.map((w) => (
        <View key={w.withdrawalNo} className="dist-item dist-review-withdrawal">
          <View className="dist-item__head">
            <View className="dist-item__title">推广员 {formatMemberNo(w.distributorNo)}</View>
            <View className="dist-item__amount">{formatFen(w.amountFen)}</View>
          </View>
          <View className="dist-item__meta">
            申请于 {formatDay(w.createdAt)} · 当前可提现余额 {formatFen(w.balanceFen)}
          </View>
          {actions(w.withdrawalNo, `${formatFen(w.amountFen)} 提现`, (v) => distributionService.reviewWithdrawal(w.withdrawalNo, v))}
        </View>
      ))}
    </View>
  );
}
