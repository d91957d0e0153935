import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Textarea, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { FormField } from '../../../components/FormField';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { couponFace, couponsService, formatFen, type CouponRedeemed } from '../../../services/coupons';
import { staffService } from '../../../services/staff';
import { CodeReader } from '../CodeReader';
import { yuanToFen } from '../money';
import { newRequestId } from '../request-id';
import '../staff.scss';
import './index.scss';

export default function StaffCouponPage() {
  const who = useCloudQuery(staffService.whoami);

  let body;
  if (who.data) body = <CouponDesk />;
  else if (isCloudError(who.error) && who.error.code === 'FORBIDDEN') {
    body = <View className="staff-page__empty staff-forbidden">此页面仅限门店店员使用</View>;
  } else if (who.error) body = <ErrorState error={who.error} onRetry={who.reload} />;
  else body = <Loading />;

  return <PageShell className="staff-page staff-coupon">{body}</PageShell>;
}

/** "2026-11-23T03:10:00.000Z" -> "11:10", Beijing time (the store's clock, whatever the device's zone). */
function beijingTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** A code read and waiting for the clerk's confirmation; its redemption number is made once, when read. */
interface ReadCode {
  code: string;
  redemptionNo: string;
}

function CouponDesk() {
  const [read, setRead] = useState<ReadCode>();
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<CouponRedeemed>();

  const onCode = async (code: string): Promise<boolean> => {
    setError(undefined);
    setRead({ code, redemptionNo: newRequestId() });
    return true;
  };

  const redeem = async () => {
    if (!read || busy) return;
    setError(undefined);
    let orderFen: number | undefined;
    if (amount.trim()) {
      const fen = yuanToFen(amount);
      if (fen === null) {
        setError('请输入正确的订单金额（元），最多两位小数');
        return;
      }
      orderFen = fen;
    }
    setBusy(true);
    try {
      // The same redemption number on a retry: a lost answer never redeems twice.
      setResult(await couponsService.redeem({ code: read.code, redemptionNo: read.redemptionNo, ...(orderFen === undefined ? {} : { orderFen }) }));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    setRead(undefined);
    setResult(undefined);
    setAmount('');
    setError(undefined);
  };

  if (result) return <RedeemResult result={result} onNext={next} />;

  return (
    <View>
      <View className="staff-page__intro">
        <View className="staff-page__title">核销优惠券</View>
        <View className="staff-page__subtitle">请会员在「我的券」中出示券码</View>
      </View>
      {!read ? (
        <View className="card">
          <CodeReader
            busy={busy}
            onCode={onCode}
            label="券码"
            hint="请会员打开「我的券」，对准券码扫描"
            inputClassName="staff-coupon-code-input"
            submitClassName="staff-coupon-read"
          />
          {error && <View className="staff-page__error staff-coupon-error">{error}</View>}
        </View>
      ) : (
        <View className="card staff-coupon-confirm">
          <View className="section-title">确认核销</View>
          <View className="staff-coupon__code">券码 …{read.code.slice(-8)}</View>
          <FormField label="订单金额（元）" optional hint="填写后按券的门槛校验并计算优惠">
            <Input
              className="text-input staff-coupon-amount"
              type="digit"
              value={amount}
              maxlength={12}
              placeholder="例如 199.00"
              onInput={(e) => setAmount(e.detail.value)}
            />
          </FormField>
          {error && <View className="staff-page__error staff-coupon-error">{error}</View>}
          <View className="staff-page__actions">
            <Button
              className={`btn btn--primary btn--block staff-coupon-redeem ${busy ? 'btn--disabled' : ''}`}
              disabled={busy || undefined}
              onClick={() => void redeem()}
            >
              {busy ? '正在核销…' : '确认核销'}
            </Button>
            <Button className="btn btn--ghost btn--block staff-coupon-rescan" onClick={next}>
              重新扫码
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}

function RedeemResult({ result, onNext }: { result: CouponRedeemed; onNext: () => void }) {
  const [undone, setUndone] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // The window by the server's clock (redeemedAt -> undoUntil), counted on the device from when the answer came:
  // a device clock that is off never hides or stretches it.
  const closesAt = useRef(Date.now() + (new Date(result.undoUntil).getTime() - new Date(result.redeemedAt).getTime()));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const canUndo = !undone && now < closesAt.current;
  const face = couponFace(result.kind);

  const undo = async () => {
    if (busy) return;
    setError(undefined);
    if (reason.trim().length < 2) {
      setError('请填写撤销原因');
      return;
    }
    setBusy(true);
    try {
      // Idempotent by redemption number: a repeat answers repeated: true.
      await couponsService.undoRedeem(result.redemptionNo, reason.trim());
      setUndone(true);
      void Taro.showToast({ title: '已撤销核销', icon: 'none' });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <View className="staff-result staff-coupon-result">
        <View className="staff-result__headline">{undone ? '已撤销核销' : '核销成功'}</View>
        <View className="staff-result__row">
          <View>券</View>
          <View className="staff-coupon-title">{result.title}</View>
        </View>
        <View className="staff-result__row">
          <View>面额</View>
          <View>
            {face.value} · {face.condition}
          </View>
        </View>
        {result.discountFen !== null && (
          <View className="staff-result__row">
            <View>本单优惠</View>
            <View className="staff-coupon-discount">{formatFen(result.discountFen)}</View>
          </View>
        )}
        <View className="staff-result__row">
          <View>核销单号</View>
          <View>{result.redemptionNo}</View>
        </View>
        {result.repeated && <View className="staff-result__note">这张券已由本次操作核销过，无需重复核销</View>}
        {!undone && <View className="staff-result__note">如有误操作，可在 {beijingTime(result.undoUntil)} 前撤销</View>}
        {undone && <View className="staff-result__note staff-coupon-undone">券已退回会员账户</View>}
      </View>

      {canUndo && (
        <View className="card staff-coupon-undo-form">
          <FormField label="撤销原因">
            <Textarea
              className="code-reader__input staff-coupon-undo-reason"
              value={reason}
              maxlength={100}
              placeholder="例如：顾客取消结账"
              onInput={(e) => setReason(e.detail.value)}
            />
          </FormField>
          <Button
            className={`btn btn--ghost btn--block staff-coupon-undo ${busy ? 'btn--disabled' : ''}`}
            disabled={busy || undefined}
            onClick={() => void undo()}
          >
            {busy ? '正在撤销…' : '撤销本次核销'}
          </Button>
        </View>
      )}
      {error && <View className="staff-page__error staff-coupon-error">{error}</View>}

      <Button className="btn btn--primary btn--block staff-page__actions to-next-coupon" onClick={onNext}>
        核销下一张
      </Button>
    </View>
  );
}
