import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { FormField } from '../../../components/FormField';
import { useFieldErrors } from '../../../hooks/useFieldErrors';
import { describeError, isCloudError } from '../../../services/cloud';
import { staffService, type PurchaseRefunded } from '../../../services/staff';
import { formatNumber } from '../../../utils/format';
import { newRequestId } from '../request-id';
import '../staff.scss';
import './index.scss';

const REFUND_FIELDS = ['orderNo', 'reason'] as const;

export default function StaffRefundPage() {
  // One request id per form: a double tap or a retry after a lost answer refunds once.
  const [requestId, setRequestId] = useState(newRequestId);
  const [orderNo, setOrderNo] = useState('');
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<PurchaseRefunded>();
  const [failure, setFailure] = useState<string>();
  const { errors, setError, clear } = useFieldErrors(REFUND_FIELDS);

  const submit = async () => {
    if (submitting) return;
    clear();
    setFailure(undefined);
    setSubmitting(true);
    try {
      setResult(await staffService.refundPurchase({ orderNo: orderNo.trim(), reason: reason.trim(), requestId }));
    } catch (e) {
      const field = isCloudError(e) && e.field ? e.field.split('.')[0] : undefined;
      if (field && (REFUND_FIELDS as readonly string[]).includes(field)) setError(field, describeError(e));
      else setFailure(describeError(e));
    } finally {
      setSubmitting(false);
    }
  };

  const another = () => {
    setResult(undefined);
    setOrderNo('');
    setReason('');
    setRequestId(newRequestId());
  };

  return (
    <PageShell className="staff-page staff-refund">
      <View className="staff-page__intro">
        <View className="staff-page__title">办理退款</View>
        <View className="staff-page__subtitle">退款将收回该订单获得的积分；已使用的积分记为会员待补扣</View>
      </View>
      {result ? (
        <View className="staff-result refund-result">
          <View className="staff-result__headline">退款已登记</View>
          <View className="staff-result__row">
            <Text>订单号</Text>
            <Text className="refund-result-order">{result.orderNo}</Text>
          </View>
          <View className="staff-result__row">
            <Text>收回积分</Text>
            <Text className="refund-reversed">{formatNumber(result.reversedPoints)}</Text>
          </View>
          {result.owed > 0 && (
            <View className="staff-result__row">
              <Text>会员待补扣积分</Text>
              <Text className="refund-owed">{formatNumber(result.owed)}</Text>
            </View>
          )}
          {result.repeated && <View className="staff-result__note refund-repeated">该订单此前已退款，以下为当时的结果</View>}
          <View className="staff-page__actions">
            <Button className="btn btn--ghost btn--block refund-another" onClick={another}>
              继续办理退款
            </Button>
            <Button className="btn btn--primary btn--block" onClick={() => Taro.navigateBack()}>
              返回
            </Button>
          </View>
        </View>
      ) : (
        <View className="card refund-form">
          <FormField label="订单号" error={errors.orderNo}>
            <Input
              className="text-input refund-order-no"
              value={orderNo}
              maxlength={40}
              placeholder="要退款的订单号"
              onInput={(e) => setOrderNo(e.detail.value)}
            />
          </FormField>
          <FormField label="退款原因" error={errors.reason}>
            <Textarea
              className="refund-reason"
              value={reason}
              maxlength={100}
              placeholder="例如：商品质量问题，顾客退货"
              onInput={(e) => setReason(e.detail.value)}
            />
          </FormField>
          {failure && <View className="staff-page__error refund-error">{failure}</View>}
          <View className="staff-page__actions">
            <Button
              className={`btn btn--primary btn--block refund-submit ${submitting ? 'btn--disabled' : ''}`}
              disabled={submitting || undefined}
              onClick={() => void submit()}
            >
              {submitting ? '正在提交…' : '确认退款'}
            </Button>
          </View>
        </View>
      )}
    </PageShell>
  );
}
