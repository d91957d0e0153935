import { useRef, useState } from 'react';
import { Input, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError } from '../../../services/cloud';
import { distributionService, WITHDRAWAL_STATUS_NAMES, type DistributionStatus, type Withdrawal } from '../../../services/distribution';
import { Button, Card, ConfirmSheet, Empty, Field, Page, QueryView, Section, Tag, toast } from '../../../ui';
import { formatBeijingTime, formatDay, formatMoney } from '../../../utils/format';
import { fenToYuan, yuanToFen } from '../../../utils/money';
import { newRequestId } from '../../../utils/request-id';
import { confirmReceipt, OPENS_AT_ONCE } from '../../../services/payment/confirm-receipt';
import type { ReceiptOutcome } from '../../../services/payment/confirm-receipt.types';
import { WITHDRAWAL_STATUS_TONES } from '../status-tones';
import '../distribution.scss';

async function loadPage() {
  const [status, list] = await Promise.all([distributionService.status(), distributionService.withdrawals()]);
  return { status, withdrawals: list.withdrawals };
}

/** 佣金提现: from the settled balance to WeChat change, with the limits and the history. */
export default function WithdrawPage() {
  const query = useCloudQuery(loadPage, { refreshOnShow: true });
  return (
    <Page className="dist-page dist-withdraw-page">
      <QueryView query={query}>
        {(data) =>
          data.status.account ? (
            <WithdrawForm status={data.status} withdrawals={data.withdrawals} onDone={() => void query.reload()} />
          ) : (
            <Empty icon="wallet" title="成为推广员后即可提现佣金" className="dist-withdraw-none" />
          )
        }
      </QueryView>
    </Page>
  );
}

function WithdrawForm({ status, withdrawals, onDone }: { status: DistributionStatus; withdrawals: Withdrawal[]; onDone: () => void }) {
  const balance = status.account!.balanceFen;
  const limits = status.withdrawal;
  const [amount, setAmount] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [confirmFen, setConfirmFen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  // One withdrawal intent: kept when the call fails, so tapping again is the same withdrawal, never a second one.
  const requestId = useRef<string | null>(null);

  const check = () => {
    const fen = yuanToFen(amount);
    if (fen === null) return setFieldError('请输入正确的金额，例如 12.50');
    if (fen < limits.minFen) return setFieldError(`最低提现 ${formatMoney(limits.minFen)}`);
    if (fen > balance) return setFieldError(`最多可提现 ${formatMoney(Math.max(0, balance))}`);
    setFieldError(undefined);
    setConfirmFen(fen);
  };

  const [confirming, setConfirming] = useState<string | null>(null);
  /** WeChat's 确认收款 page, then the server asks WeChat Pay: paid at once, or still waiting (the button stays). */
  const receive = async (w: Withdrawal) => {
    if (confirming || !w.confirmation) return;
    setConfirming(w.withdrawalNo);
    try {
      let outcome: ReceiptOutcome;
      try {
        outcome = await confirmReceipt(w.confirmation);
      } catch (e) {
        // WeChat's page could not open or refused (an old WeChat, an expired bill): its Chinese words.
        return void toast.info(e instanceof Error ? e.message : '确认收款未完成，请稍后重试');
      }
      if (outcome === 'cancelled') return void toast.info('已取消，可稍后在提现记录中确认收款');
      const r = await distributionService.checkWithdrawal(w.withdrawalNo);
      if (r.withdrawal.status === 'paid') toast.success('已转入微信零钱');
      else toast.info(r.withdrawal.reason);
    } catch (e) {
      toast.error(e);
    } finally {
      setConfirming(null);
      onDone();
    }
  };

  const submit = async () => {
    if (busy || confirmFen === null) return;
    setBusy(true);
    try {
      requestId.current ??= newRequestId();
      const r = await distributionService.withdraw(confirmFen, requestId.current);
      requestId.current = null;
      setAmount('');
      setConfirmFen(null);
      if (r.withdrawal.status === 'paid') toast.success('已转入微信零钱');
      else if (!r.withdrawal.confirmation || !OPENS_AT_ONCE) toast.info(r.withdrawal.reason);
      onDone();
      // WeChat Pay waits for the member's 确认收款: WeChat's page opens at once (the record keeps a button too).
      if (r.withdrawal.confirmation && OPENS_AT_ONCE) void receive(r.withdrawal);
    } catch (e) {
      setConfirmFen(null);
      setFieldError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="dist-withdraw">
      <View className="dist-wallet">
        <View className="dist-wallet__label">可提现</View>
        <View className={`dist-wallet__balance dist-withdraw-balance ${balance < 0 ? 'dist-wallet__balance--negative' : ''}`}>{formatMoney(balance)}</View>
        <View className="dist-wallet__note">
          单笔最低 {formatMoney(limits.minFen)}，每日最多 {formatMoney(limits.dailyCapFen)}；超过 {formatMoney(limits.approvalAboveFen)} 需运营审核
        </View>
      </View>

      <Card className="dist-withdraw-form">
        <Field label="提现金额（元）" error={fieldError}>
          <Input
            className="ui-input dist-withdraw-amount"
            type="digit"
            value={amount}
            maxlength={12}
            placeholder={balance > 0 ? `最多 ${fenToYuan(balance)}` : '暂无可提现金额'}
            onInput={(e) => {
              setAmount(e.detail.value);
              setFieldError(undefined);
            }}
          />
        </Field>
        {balance > 0 && (
          <View className="dist-page__link dist-withdraw-all" onClick={() => setAmount(fenToYuan(balance))}>
            全部提现
          </View>
        )}
        <Button block disabled={balance <= 0} loading={busy} loadingText="提交中…" className="dist-withdraw-submit" onClick={check}>
          提现到微信零钱
        </Button>
      </Card>
      <ConfirmSheet
        open={confirmFen !== null}
        title="确认提现"
        rows={[
          { label: '提现金额', value: formatMoney(confirmFen ?? 0), emphasis: true, className: 'dist-withdraw-confirm-amount' },
          { label: '到账方式', value: '微信零钱' },
          { label: '提现后可提现', value: formatMoney(balance - (confirmFen ?? 0)) },
        ]}
        note={confirmFen !== null && confirmFen > limits.approvalAboveFen ? '金额较大，需运营审核后转账' : '提交后请在微信页面点击“确认收款”'}
        confirmText="确认提现"
        busy={busy}
        onConfirm={() => void submit()}
        onCancel={() => setConfirmFen(null)}
        className="dist-withdraw-confirm"
      />

      <Section title="提现记录">
        {withdrawals.length === 0 && <Empty icon="wallet" title="还没有提现记录" />}
        {withdrawals.map((w) => (
          <View key={w.withdrawalNo} className={`dist-item dist-withdrawal dist-withdrawal--${w.status}`}>
            <View className="dist-item__head">
              <View className="dist-item__title">提现到微信零钱</View>
              <View className="dist-item__amount">{formatMoney(w.amountFen)}</View>
            </View>
            <View className="dist-item__status">
              <Tag tone={WITHDRAWAL_STATUS_TONES[w.status]} className="dist-withdrawal-status">
                {WITHDRAWAL_STATUS_NAMES[w.status]}
              </Tag>
              <View className="dist-item__reason">{w.reason}</View>
            </View>
            <View className="dist-item__meta">{formatDay(w.createdAt)}</View>
            {w.confirmation && (
              <View className="dist-withdrawal__confirm">
                <View className="dist-withdrawal__deadline">请在 {formatBeijingTime(w.confirmation.expiresAt, true)} 前确认</View>
                <Button size="sm" loading={confirming === w.withdrawalNo} loadingText="确认中…" className="dist-withdrawal-receive" onClick={() => void receive(w)}>
                  确认收款
                </Button>
              </View>
            )}
          </View>
        ))}
      </Section>
    </View>
  );
}
