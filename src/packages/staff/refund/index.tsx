import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { describeError, isCloudError } from '../../../services/cloud';
import { staffService, type PurchaseRefunded, type RefundPreview, type StaffIdentity } from '../../../services/staff';
import { Button, Card, ConfirmSheet, Field, Icon, InputField, Notice, Page, Segmented } from '../../../ui';
import { formatDay, formatMoney, formatNumber } from '../../../utils/format';
import { newRequestId } from '../../../utils/request-id';
import { yuanToFen } from '../../../utils/money';
import { Rows, StaffGate } from '../StaffGate';
import '../staff.scss';
import './index.scss';

type Scope = 'all' | 'part';

/**
 * 办理退款: the order number, the whole order or an amount, a preview of what is taken back (points from
 * pending, from the balance, left owed; growth), then confirm. Another store's order needs a store manager.
 */
export default function StaffRefundPage() {
  return (
    <Page className="staff-page staff-refund">
      <StaffGate>{(staff) => <RefundDesk staff={staff} />}</StaffGate>
    </Page>
  );
}

function RefundDesk({ staff }: { staff: StaffIdentity }) {
  // One request id per intended refund: a double tap or a retry after a lost answer refunds once.
  const [requestId, setRequestId] = useState(newRequestId);
  const [orderNo, setOrderNo] = useState('');
  const [scope, setScope] = useState<Scope>('all');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ orderNo?: string; amount?: string; reason?: string }>({});
  const [preview, setPreview] = useState<RefundPreview>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [result, setResult] = useState<PurchaseRefunded>();

  const amountFen = scope === 'part' ? yuanToFen(amount) : undefined;
  const fieldsChanged = () => {
    setPreview(undefined);
    setFailure(undefined);
  };

  /** Every field problem at once; then the server's preview (nothing is written yet). */
  const review = async () => {
    const next = {
      orderNo: /^[A-Za-z0-9_-]{4,40}$/.test(orderNo.trim()) ? undefined : '订单号为 4-40 位字母、数字、-或_',
      amount: scope === 'part' && amountFen === null ? '请输入退款金额（元），最多两位小数' : undefined,
      reason: reason.trim().length >= 2 ? undefined : '请填写退款原因',
    };
    setErrors(next);
    setFailure(undefined);
    if (next.orderNo || next.amount || next.reason) return;
    setBusy(true);
    try {
      const p = await staffService.previewRefund(orderNo.trim(), amountFen ?? undefined);
      setPreview(p);
      if (p.allowed) setConfirming(true);
    } catch (e) {
      if (isCloudError(e) && e.field === 'amountFen') setErrors((x) => ({ ...x, amount: describeError(e) }));
      else setFailure(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const refund = async () => {
    setBusy(true);
    try {
      setResult(
        await staffService.refundPurchase({ orderNo: orderNo.trim(), reason: reason.trim(), requestId, ...(amountFen ? { amountFen } : {}) }),
      );
    } catch (e) {
      setFailure(describeError(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const another = () => {
    setResult(undefined);
    setPreview(undefined);
    setOrderNo('');
    setAmount('');
    setReason('');
    setScope('all');
    setRequestId(newRequestId());
  };

  if (result) {
    return (
      <Card className="staff-result refund-result">
        <View className="staff-result__headline">
          <Icon name="checkCircle" color="success" />
          <Text>退款已登记</Text>
        </View>
        {result.repeated && <Notice tone="info" className="refund-repeated">这笔退款此前已办理，以下为当时的结果</Notice>}
        <Rows
          rows={[
            { label: '订单号', value: result.orderNo, className: 'refund-result-order' },
            { label: '本次退款', value: formatMoney(result.refundFen), className: 'refund-amount' },
            { label: '收回积分', value: formatNumber(result.reversedPoints), className: 'refund-reversed' },
            ...(result.owed > 0 ? [{ label: '会员待补扣积分', value: formatNumber(result.owed), className: 'refund-owed' }] : []),
            { label: '订单剩余可退', value: formatMoney(result.remainingFen), className: 'refund-remaining' },
          ]}
        />
        {result.crossStore && <Notice tone="warning">跨店退款已记录在审计日志中</Notice>}
        <View className="staff-page__actions">
          <Button variant="secondary" block className="refund-another" onClick={another}>
            继续办理退款
          </Button>
          <Button block onClick={() => void Taro.navigateBack()}>
            返回
          </Button>
        </View>
      </Card>
    );
  }

  return (
    <View>
      <Card className="refund-form">
        <InputField
          label="订单号"
          error={errors.orderNo}
          inputClass="refund-order-no"
          value={orderNo}
          maxlength={40}
          placeholder="收银小票上的订单号"
          onChange={(v) => {
            setOrderNo(v);
            setErrors((x) => ({ ...x, orderNo: undefined }));
            fieldsChanged();
          }}
        />
        <Field label="退款范围">
          <Segmented<Scope>
            options={[
              { value: 'all', label: '整单（剩余全部）' },
              { value: 'part', label: '部分金额' },
            ]}
            value={scope}
            onChange={(s) => {
              setScope(s);
              fieldsChanged();
            }}
            optionClass="refund-scope"
          />
        </Field>
        {scope === 'part' && (
          <InputField
            label="退款金额（元）"
            error={errors.amount}
            inputClass="refund-amount-input"
            type="digit"
            value={amount}
            maxlength={12}
            placeholder="例如 50.00"
            onChange={(v) => {
              setAmount(v);
              setErrors((x) => ({ ...x, amount: undefined }));
              fieldsChanged();
            }}
          />
        )}
        <Field label="退款原因" error={errors.reason}>
          <Textarea
            className="ui-input ui-input--area refund-reason"
            value={reason}
            maxlength={100}
            placeholder="例如：商品质量问题，顾客退货"
            onInput={(e) => {
              setReason(e.detail.value);
              setErrors((x) => ({ ...x, reason: undefined }));
            }}
          />
        </Field>
        {staff.role === 'clerk' && <View className="till-note">只能办理本店登记的订单；其他门店的订单请店长办理。</View>}
        {failure && (
          <Notice tone="danger" className="staff-page__error refund-error">
            {failure}
          </Notice>
        )}
        {preview && !preview.allowed && (
          <Notice tone="danger" className="staff-page__error refund-error refund-not-allowed">
            {preview.reason}
          </Notice>
        )}
        <View className="staff-page__actions">
          <Button block className="refund-submit" loading={busy} loadingText="正在核对…" onClick={() => void review()}>
            预览退款
          </Button>
        </View>
      </Card>
      {preview && <PreviewCard preview={preview} />}
      {preview && (
        <ConfirmSheet
          open={confirming}
          title={preview.crossStore ? '确认跨店退款' : '确认退款'}
          rows={[
            { label: '订单号', value: preview.orderNo },
            { label: '退款金额', value: formatMoney(preview.refundFen), emphasis: true, className: 'refund-preview-amount' },
            { label: '收回积分', value: formatNumber(preview.points), className: 'refund-preview-points' },
            ...(preview.newlyOwed > 0 ? [{ label: '其中会员待补扣', value: formatNumber(preview.newlyOwed) }] : []),
          ]}
          note={preview.crossStore ? `这笔订单在${preview.storeName}登记；跨店退款将以你的店长身份记录。` : '退款后积分与成长值按比例收回，不可撤销。'}
          confirmText="确认退款"
          danger
          busy={busy}
          onConfirm={() => void refund()}
          onCancel={() => setConfirming(false)}
          className="refund-sheet"
        />
      )}
    </View>
  );
}

function PreviewCard({ preview }: { preview: RefundPreview }) {
  return (
    <Card title="退款预览" className="refund-preview">
      <Rows
        rows={[
          { label: '会员', value: `${preview.member.maskedName} · 尾号 ${preview.member.memberNoTail}` },
          { label: '登记门店', value: preview.storeName, className: 'refund-preview-store' },
          { label: '登记日期', value: formatDay(preview.recordedAt) },
          { label: '订单金额', value: formatMoney(preview.amountFen) },
          { label: '已退款', value: formatMoney(preview.refundedFen) },
          { label: '本次退款', value: formatMoney(preview.refundFen) },
          { label: '收回积分', value: formatNumber(preview.points) },
          { label: '其中待生效积分', value: formatNumber(preview.fromPending) },
          { label: '其中可用积分', value: formatNumber(preview.fromBalance) },
          { label: '会员待补扣', value: formatNumber(preview.newlyOwed) },
          { label: '收回成长值', value: formatNumber(preview.growth) },
        ]}
      />
      {preview.crossStore && preview.allowed && <Notice tone="warning">这是其他门店的订单，退款将记为跨店退款</Notice>}
    </Card>
  );
}
