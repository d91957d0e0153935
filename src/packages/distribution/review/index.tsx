import { useState } from 'react';
import { View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { distributionService, SOURCE_NAMES, type ReviewQueue } from '../../../services/distribution';
import { Button, ConfirmSheet, Empty, Page, QueryView, Section, toast } from '../../../ui';
import { formatDay, formatMemberNo, formatMoney } from '../../../utils/format';
import '../distribution.scss';

type Verdict = 'approve' | 'reject';

interface Decision {
  key: string;
  what: string;
  amountFen: number;
  verdict: Verdict;
  run: () => Promise<unknown>;
}

/** Operators only (the server answers FORBIDDEN to anyone else): flagged commissions and large withdrawals. */
export default function ReviewPage() {
  const query = useCloudQuery(distributionService.reviewQueue, { refreshOnShow: true });
  return (
    <Page className="dist-page dist-review-page">
      <View className="dist-page__note dist-page__note--top">被风控拦下的佣金与大额提现，核实后通过或驳回；每次决定都会记入审计日志</View>
      <QueryView query={query}>{(queue) => <Queue queue={queue} onDecided={() => void query.reload()} />}</QueryView>
    </Page>
  );
}

function Queue({ queue, onDecided }: { queue: ReviewQueue; onDecided: () => void }) {
  const [decision, setDecision] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);

  const decide = async () => {
    if (!decision || busy) return;
    setBusy(true);
    try {
      await decision.run();
      toast.success(decision.verdict === 'approve' ? '已通过' : '已驳回');
      setDecision(null);
      onDecided();
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };

  const actions = (d: Omit<Decision, 'verdict' | 'run'>, run: (v: Verdict) => Promise<unknown>) => (
    <View className="ui-btn-row dist-item__actions">
      <Button size="sm" className="dist-review-approve" onClick={() => setDecision({ ...d, verdict: 'approve', run: () => run('approve') })}>
        通过
      </Button>
      <Button size="sm" variant="secondary" className="dist-review-reject" onClick={() => setDecision({ ...d, verdict: 'reject', run: () => run('reject') })}>
        驳回
      </Button>
    </View>
  );

  return (
    <View className="dist-review">
      <Section title={`待审核佣金（${queue.commissions.length}）`}>
        {queue.commissions.length === 0 && <Empty icon="shield" title="没有待审核的佣金" className="dist-review-none" />}
        {queue.commissions.map((c) => (
          <View key={c.id} className="dist-item dist-review-commission">
            <View className="dist-item__head">
              <View className="dist-item__title">推广员 {formatMemberNo(c.distributorNo)}</View>
              <View className="dist-item__amount">{formatMoney(c.amountFen)}</View>
            </View>
            <View className="dist-item__reason">{c.reason}</View>
            <View className="dist-item__meta">
              {SOURCE_NAMES[c.source] ?? '订单'} {formatMoney(c.orderFen)} · 粉丝 {c.buyerName} · {formatDay(c.createdAt)}
            </View>
            {actions({ key: c.id, what: '佣金', amountFen: c.amountFen }, (v) => distributionService.reviewCommission(c.id, v))}
          </View>
        ))}
      </Section>

      <Section title={`待审核提现（${queue.withdrawals.length}）`}>
        {queue.withdrawals.length === 0 && <Empty icon="wallet" title="没有待审核的提现" className="dist-review-none-withdrawals" />}
        {queue.withdrawals.map((w) => (
          <View key={w.withdrawalNo} className="dist-item dist-review-withdrawal">
            <View className="dist-item__head">
              <View className="dist-item__title">推广员 {formatMemberNo(w.distributorNo)}</View>
              <View className="dist-item__amount">{formatMoney(w.amountFen)}</View>
            </View>
            <View className="dist-item__meta">
              申请于 {formatDay(w.createdAt)} · 当前可提现余额 {formatMoney(w.balanceFen)}
            </View>
            {actions({ key: w.withdrawalNo, what: '提现', amountFen: w.amountFen }, (v) => distributionService.reviewWithdrawal(w.withdrawalNo, v))}
          </View>
        ))}
      </Section>

      <ConfirmSheet
        open={decision !== null}
        title={decision?.verdict === 'approve' ? `通过这笔${decision.what}` : `驳回这笔${decision?.what ?? ''}`}
        rows={[{ label: '金额', value: formatMoney(decision?.amountFen ?? 0), emphasis: true }]}
        note={
          decision?.verdict === 'approve'
            ? decision.what === '提现'
              ? '通过后立即转账到推广员的微信零钱。'
              : '通过后佣金回到正常流程，售后期满即结算。'
            : decision?.what === '提现'
              ? '驳回后金额退回推广员的可提现余额。'
              : '驳回后这笔佣金作废。'
        }
        confirmText={decision?.verdict === 'approve' ? '确认通过' : '确认驳回'}
        danger={decision?.verdict === 'reject'}
        busy={busy}
        onConfirm={() => void decide()}
        onCancel={() => setDecision(null)}
        className="dist-review-confirm"
      />
    </View>
  );
}
