import { useEffect, useRef, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { describeError } from '../../../services/cloud';
import { couponFace, couponsService, storesText, type CouponInspected, type CouponRedeemed } from '../../../services/coupons';
import type { TillCode } from '../../../services/staff';
import { Button, Card, ConfirmSheet, Field, Icon, InputField, Notice, Page, Tag, toast } from '../../../ui';
import { formatDay, formatMoney, formatBeijingTime } from '../../../utils/format';
import { newRequestId } from '../../../utils/request-id';
import { CodeReader } from '../../../components/CodeReader';
import { yuanToFen } from '../../../utils/money';
import { Rows, StaffGate } from '../StaffGate';
import '../staff.scss';
import './index.scss';

/** 核销优惠券: read the coupon's code, see the coupon and the order check, then confirm. */
export default function StaffCouponPage() {
  return (
    <Page className="staff-page staff-coupon">
      <StaffGate>{() => <CouponDesk />}</StaffGate>
    </Page>
  );
}


function CouponDesk() {
  const [inspected, setInspected] = useState<CouponInspected>();
  // One redemption number per inspected coupon: a retry after a lost answer never redeems twice.
  const redemptionNo = useRef('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<CouponRedeemed>();

  const onCode = async (code: TillCode): Promise<boolean> => {
    setError(undefined);
    setBusy(true);
    try {
      setInspected(await couponsService.inspect(code));
      redemptionNo.current = newRequestId();
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    setInspected(undefined);
    setResult(undefined);
    setError(undefined);
  };

  if (result) return <RedeemResult result={result} onNext={next} />;
  if (inspected) return <CouponCheck inspected={inspected} redemptionNo={redemptionNo.current} onChange={setInspected} onRedeemed={setResult} onRescan={next} />;

  return (
    <Card title="核销优惠券">
      <CodeReader busy={busy} onCode={onCode} label="券码" pinLabel="券动态码" hint="请会员打开「我的券」，点开要用的券" classPrefix="staff-coupon" />
      {error && (
        <Notice tone="danger" className="staff-page__error staff-coupon-error">
          {error}
        </Notice>
      )}
    </Card>
  );
}

/** The inspect step: the coupon, the masked member, an optional order amount checked by the server, then confirm. */
function CouponCheck({
  inspected,
  redemptionNo,
  onChange,
  onRedeemed,
  onRescan,
}: {
  inspected: CouponInspected;
  redemptionNo: string;
  onChange: (i: CouponInspected) => void;
  onRedeemed: (r: CouponRedeemed) => void;
  onRescan: () => void;
}) {
  const [amount, setAmount] = useState(inspected.orderFen === null ? '' : String(inspected.orderFen / 100));
  const [amountError, setAmountError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const face = couponFace(inspected.kind);

  /** The amount typed, checked against the threshold by the server (same ticket, no new code needed). */
  const checkAmount = async (): Promise<CouponInspected | null> => {
    if (!amount.trim()) return inspected.orderFen === null ? inspected : couponsService.inspect({ ticket: inspected.ticket });
    const fen = yuanToFen(amount);
    if (fen === null) {
      setAmountError('请输入正确的订单金额（元），最多两位小数');
      return null;
    }
    if (fen === inspected.orderFen) return inspected;
    return couponsService.inspect({ ticket: inspected.ticket, orderFen: fen });
  };

  const review = async () => {
    setError(undefined);
    setAmountError(undefined);
    setBusy(true);
    try {
      const checked = await checkAmount();
      if (!checked) return;
      onChange(checked);
      if (checked.usable) setConfirming(true);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const redeem = async () => {
    setBusy(true);
    try {
      onRedeemed(
        await couponsService.redeem({
          ticket: inspected.ticket,
          redemptionNo,
          ...(inspected.orderFen === null ? {} : { orderFen: inspected.orderFen }),
        }),
      );
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Card className="staff-coupon-confirm">
      <View className="coupon-check__head">
        <View className="coupon-check__value">{face.value}</View>
        <View className="coupon-check__what">
          <View className="coupon-check__title staff-coupon-title">{inspected.title}</View>
          <View className="coupon-check__condition">{face.condition}</View>
        </View>
      </View>
      <Rows
        rows={[
          { label: '会员', value: `${inspected.member.maskedName} · 尾号 ${inspected.member.memberNoTail}`, className: 'staff-coupon-member' },
          { label: '有效期', value: `${formatDay(inspected.validFrom)} 至 ${formatDay(inspected.validTo)}` },
          { label: '适用门店', value: storesText(inspected.storeNames) },
          ...(inspected.discountFen !== null && inspected.orderFen !== null
            ? [{ label: '本单优惠', value: `${formatMoney(inspected.orderFen)} 减 ${formatMoney(inspected.discountFen)}`, className: 'staff-coupon-discount' }]
            : []),
        ]}
      />
      {!inspected.usable && (
        <Notice tone="danger" className="staff-page__error staff-coupon-error staff-coupon-unusable">
          {inspected.reason}
        </Notice>
      )}
      {inspected.kind.type !== 'gift' && (
        <InputField
          label="订单金额（元）"
          optional
          error={amountError}
          hint="填写后按券的门槛校验并计算本单优惠"
          inputClass="staff-coupon-amount"
          type="digit"
          value={amount}
          maxlength={12}
          placeholder="例如 199.00"
          onChange={(v) => {
            setAmount(v);
            setAmountError(undefined);
          }}
        />
      )}
      {error && (
        <Notice tone="danger" className="staff-page__error staff-coupon-error">
          {error}
        </Notice>
      )}
      <View className="staff-page__actions">
        <Button block className="staff-coupon-redeem" loading={busy} loadingText="正在核对…" onClick={() => void review()}>
          核对并核销
        </Button>
        <Button variant="secondary" block className="staff-coupon-rescan" onClick={onRescan}>
          换一张券
        </Button>
      </View>
      <ConfirmSheet
        open={confirming}
        title="确认核销这张券"
        rows={[
          { label: '券', value: inspected.title },
          { label: '会员', value: `${inspected.member.maskedName} · 尾号 ${inspected.member.memberNoTail}` },
          ...(inspected.discountFen !== null ? [{ label: '本单优惠', value: formatMoney(inspected.discountFen), emphasis: true }] : [{ label: '面额', value: face.value, emphasis: true }]),
        ]}
        note="核销后券即失效；如有误操作，可在撤销时限内撤销。"
        confirmText="确认核销"
        busy={busy}
        onConfirm={() => void redeem()}
        onCancel={() => setConfirming(false)}
        className="staff-coupon-sheet"
      />
    </Card>
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
      toast.info('已撤销核销，券已退回会员');
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <Card className="staff-result staff-coupon-result">
        <View className="staff-result__headline">
          <Icon name={undone ? 'refund' : 'checkCircle'} color={undone ? 'textSecondary' : 'success'} />
          <Text>{undone ? '已撤销核销' : '核销成功'}</Text>
        </View>
        <Rows
          rows={[
            { label: '券', value: result.title, className: 'staff-coupon-title' },
            { label: '面额', value: `${face.value} · ${face.condition}` },
            ...(result.discountFen !== null ? [{ label: '本单优惠', value: formatMoney(result.discountFen), className: 'staff-coupon-discount' }] : []),
          ]}
        />
        {result.repeated && <Notice tone="info">这张券已由本次操作核销过，无需重复核销</Notice>}
        {!undone && <View className="till-note">如有误操作，可在 {formatBeijingTime(result.undoUntil)} 前撤销</View>}
        {undone && (
          <Tag tone="success" className="staff-coupon-undone">
            券已退回会员账户
          </Tag>
        )}
      </Card>

      {canUndo && (
        <Card className="staff-coupon-undo-form">
          <Field label="撤销原因">
            <Textarea className="ui-input ui-input--area staff-coupon-undo-reason" value={reason} maxlength={100} placeholder="例如：顾客取消结账" onInput={(e) => setReason(e.detail.value)} />
          </Field>
          <Button variant="secondary" block className="staff-coupon-undo" loading={busy} loadingText="正在撤销…" onClick={() => void undo()}>
            撤销本次核销
          </Button>
        </Card>
      )}
      {error && (
        <Notice tone="danger" className="staff-page__error staff-coupon-error">
          {error}
        </Notice>
      )}
      <View className="staff-page__actions">
        <Button block className="to-next-coupon" onClick={onNext}>
          核销下一张
        </Button>
      </View>
    </View>
  );
}
