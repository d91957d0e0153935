import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, View } from '@tarojs/components';
import { FormField } from '../../../components/FormField';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError } from '../../../services/cloud';
import { formatFen } from '../../../services/coupons';
import { distributionService, WITHDRAWAL_STATUS_NAMES, type DistributionStatus, type Withdrawal } from '../../../services/distribution';
import { newRequestId } from '../../../services/vip';
import { formatDay } from '../../../utils/format';
import { fenToYuan, yuanToFen } from '../../../utils/money';
import '../distribution.scss';

async function loadPage() {
  const [status, list] = await Promise.all([distributionService.status(), distributionService.withdrawals()]);
  return { status, withdrawals: list.withdrawals };
}

export default function WithdrawPage() {
  const { data, error, loading, reload } = useCloudQuery(loadPage, { refreshOnShow: true });

  let body;
  if (data?.status.account) body = <WithdrawForm status={data.status} withdrawals={data.withdrawals} onDone={reload} />;
  else if (data) body = <View className="dist-page__empty">成为推广员后即可提现佣金</View>;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <PageShell className="dist-page dist-withdraw-page">
      <View className="dist-page__intro">
        <View className="dist-page__title">佣金提现</View>
        <View className="dist-page__subtitle">已结算的佣金可提现到微信零钱</View>
      </View>
      {body}
    </PageShell>
  );
}

function WithdrawForm({ status, withdrawals, onDone }: { status: DistributionStatus; withdrawals: Withdrawal[]; onDone: () => void }) {
  const balance = status.account!.balanceFen;
  const limits = status.withdrawal;
  const [amount, setAmount] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // One withdrawal intent: kept when the call fails, so tapping again is the same withdrawal, never a second one.
  const requestId = useRef<string | null>(null);

  const submit = async () => {
    if (busy) return;
    const fen = yuanToFen(amount);
    if (fen === null) return setFieldError('请输入正确的金额，例如 12.50');
    if (fen < limits.minFen) return setFieldError(`最低提现 ${formatFen(limits.minFen)}`);
    if (fen > balance) return setFieldError(`最多可提现 ${formatFen(Math.max(0, balance))}`);
    setFieldError(undefined);
    setBusy(true);
    try {
      requestId.current ??= newRequestId();
      const r = await distributionService.withdraw(fen, requestId.current);
      requestId.current = null;
      setAmount('');
      void Taro.showToast({ title: WITHDRAWAL_STATUS_NAMES[r.withdrawal.status], icon: r.withdrawal.status === 'paid' ? 'success' : 'none' });
      onDone();
    } catch (e) {
      setFieldError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="dist-withdraw">
      <View className="dist-wallet">
        <View className="dist-wallet__label">可提现</View>
        <View className="dist-wallet__balance dist-withdraw-balance">{formatFen(balance)}</View>
        <View className="dist-wallet__note">
          单笔最低 {formatFen(limits.minFen)}，每日最多 {formatFen(limits.dailyCapFen)}；超过 {formatFen(limits.approvalAboveFen)} 需运营审核
        </View>
      </View>

      <View className="card">
        <FormField label="提现金额（元）" error={fieldError}>
          <Input
            className="text-input dist-withdraw-amount"
            type="digit"
            value={amount}
            maxlength={12}
            placeholder={balance > 0 ? `最多 ${fenToYuan(balance)}` : '暂无可提现金额'}
            onInput={(e) => setAmount(e.detail.value)}
          />
        </FormField>
        {balance > 0 && (
          <View className="dist-page__link dist-withdraw-all" onClick={() => setAmount(fenToYuan(balance))}>
            全部提现
          </View>
        )}
        <Button
          className={`btn btn--primary btn--block dist-withdraw-submit ${busy || balance <= 0 ? 'btn--disabled' : ''}`}
          disabled={busy || balance <= 0 || undefined}
          onClick={submit}
        >
          {busy ? '提交中…' : '提现到微信零钱'}
        </Button>
      </View>

      <View className="section-title">提现记录</View>
      {withdrawals.length === 0 && <View className="dist-page__empty">还没有提现记录</View>}
      {withdrawals.map((w) => (
        <View key={w.withdrawalNo} className={`dist-item dist-withdrawal dist-withdrawal--${w.status}`}>
          <View className="dist-item__head">
            <View className="dist-item__title">
              提现
              <View className={`dist-chip dist-chip--${w.status} dist-withdrawal-status`}>{WITHDRAWAL_STATUS_NAMES[w.status]}</View>
            </View>
            <View className="dist-item__amount">{formatFen(w.amountFen)}</View>
          </View>
          <View className="dist-item__reason">{w.reason}</View>
          <View className="dist-item__meta">{formatDay(w.createdAt)}</View>
        </View>
      ))}
    </View>
  );
}
