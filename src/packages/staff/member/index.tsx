import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { FormField } from '../../../components/FormField';
import { LineItemList } from '../../../components/LineItemList';
import { TierBadge } from '../../../components/TierBadge';
import { useFieldErrors } from '../../../hooks/useFieldErrors';
import { describeError, isCloudError } from '../../../services/cloud';
import { staffService, type MemberAtTill, type PurchaseRecorded } from '../../../services/staff';
import { formatDay, formatNumber } from '../../../utils/format';
import { yuanToFen } from '../money';
import { recallVisit } from '../visit-store';
import '../staff.scss';
import './index.scss';

const PURCHASE_FIELDS = ['orderNo', 'amountFen'] as const;

export default function StaffMemberPage() {
  const { params } = useRouter();
  const visit = recallVisit(params.visitId);

  return (
    <PageShell className="staff-page staff-member">
      {visit ? (
        <TillDesk visit={visit} />
      ) : (
        <View className="staff-page__empty staff-visit-missing">
          <View>本次扫码信息已失效，请重新扫描会员码</View>
          <Button className="btn btn--ghost staff-page__actions to-scan" onClick={() => Taro.navigateBack()}>
            返回扫码
          </Button>
        </View>
      )}
    </PageShell>
  );
}

/** "2026-11-23T03:10:00.000Z" -> "11:10" on the device's clock. */
function clockTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function TillDesk({ visit }: { visit: MemberAtTill }) {
  const { member } = visit;
  return (
    <View>
      <View className="card till-member">
        <View className="till-member__head">
          <Text className="till-member-name">{member.maskedName}</Text>
          <TierBadge className="till-member-tier" name={member.tier.name} color={member.tier.color} />
          {member.vip && <Text className="till-member-vip">付费会员</Text>}
        </View>
        <View className="till-member-no">会员号尾号 {member.memberNoTail}</View>
        <View className="till-member__points">
          <View className="till-member__stat">
            <View className="till-member__value till-member-balance">{formatNumber(member.balance)}</View>
            <View className="till-member__label">可用积分</View>
          </View>
          <View className="till-member__stat">
            <View className="till-member__value till-member-pending">{formatNumber(member.pending)}</View>
            <View className="till-member__label">待生效积分</View>
          </View>
          <View className="till-member__stat">
            <View className="till-member__value">{member.vip ? '是' : '否'}</View>
            <View className="till-member__label">付费会员</View>
          </View>
        </View>
        {member.benefits.length > 0 && (
          <View className="till-member__benefits">
            <View className="till-member__benefits-title">{member.tier.name}权益</View>
            {member.benefits.map((b) => (
              <View key={b.code} className="till-benefit">
                <Text className="till-benefit__title">{b.title}</Text>
                <Text className="till-benefit__desc">{b.description}</Text>
              </View>
            ))}
          </View>
        )}
        <View className="till-member__expiry">请在 {clockTime(visit.expiresAt)} 前完成消费登记，超时请重新扫码</View>
      </View>
      <PurchaseForm visitId={visit.visitId} />
    </View>
  );
}

function PurchaseForm({ visitId }: { visitId: string }) {
  const [orderNo, setOrderNo] = useState('');
  const [amount, setAmount] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<PurchaseRecorded>();
  const [failure, setFailure] = useState<{ message: string; rescan: boolean }>();
  const { errors, setError, clear } = useFieldErrors(PURCHASE_FIELDS);

  const submit = async () => {
    if (submitting) return;
    clear();
    setFailure(undefined);
    const amountFen = yuanToFen(amount);
    if (amountFen === null) {
      setError('amountFen', '请输入正确的金额（元），最多两位小数');
      return;
    }
    setSubmitting(true);
    try {
      setResult(await staffService.recordPurchase({ visitId, orderNo: orderNo.trim(), amountFen }));
    } catch (e) {
      const field = isCloudError(e) && e.field ? e.field.split('.')[0] : undefined;
      if (field && (PURCHASE_FIELDS as readonly string[]).includes(field)) setError(field, describeError(e));
      else setFailure({ message: describeError(e), rescan: isCloudError(e) && e.code === 'VISIT_EXPIRED' });
    } finally {
      setSubmitting(false);
    }
  };

  const another = () => {
    setResult(undefined);
    setOrderNo('');
    setAmount('');
  };

  if (result) return <PurchaseResult result={result} onAnother={another} />;

  return (
    <View className="card purchase-form">
      <View className="section-title">登记消费</View>
      <FormField label="订单号" error={errors.orderNo}>
        <Input
          className="text-input purchase-order-no"
          value={orderNo}
          maxlength={40}
          placeholder="收银小票上的订单号"
          onInput={(e) => setOrderNo(e.detail.value)}
        />
      </FormField>
      <FormField label="实付金额（元）" error={errors.amountFen}>
        <Input
          className="text-input purchase-amount"
          type="digit"
          value={amount}
          maxlength={13}
          placeholder="例如 128.00"
          onInput={(e) => setAmount(e.detail.value)}
        />
      </FormField>
      {failure && (
        <View className="staff-page__error purchase-error">
          {failure.message}
          {failure.rescan && (
            <Text className="purchase-error__rescan" onClick={() => Taro.navigateBack()}>
              {' '}
              返回扫码
            </Text>
          )}
        </View>
      )}
      <View className="staff-page__actions">
        <Button
          className={`btn btn--primary btn--block purchase-submit ${submitting ? 'btn--disabled' : ''}`}
          disabled={submitting || undefined}
          onClick={() => void submit()}
        >
          {submitting ? '正在登记…' : '确认登记'}
        </Button>
      </View>
    </View>
  );
}

function PurchaseResult({ result, onAnother }: { result: PurchaseRecorded; onAnother: () => void }) {
  return (
    <View className="staff-result purchase-result">
      <View className="staff-result__headline purchase-points">+{formatNumber(result.award.total)} 积分</View>
      <View className="staff-result__row">
        <Text>订单号</Text>
        <Text className="purchase-result-order">{result.orderNo}</Text>
      </View>
      {result.repeated && <View className="staff-result__note purchase-repeated">该订单此前已登记，以下为当时的结果</View>}
      <LineItemList items={result.award.lineItems} itemClassName="purchase-line-item" />
      {result.pendingUntil && (
        <View className="staff-result__note purchase-pending">积分将在 {formatDay(result.pendingUntil)} 售后期结束后可用</View>
      )}
      <View className="staff-result__row">
        <Text>当前成长值</Text>
        <Text className="purchase-growth">{formatNumber(result.growth)}</Text>
      </View>
      {result.upgradedFrom && (
        <View className="purchase-upgrade">
          会员等级由 {result.upgradedFrom.name} 升级为 {result.tier.name}，请告知会员
        </View>
      )}
      <View className="staff-page__actions">
        <Button className="btn btn--ghost btn--block purchase-another" onClick={onAnother}>
          再登记一笔
        </Button>
        <Button className="btn btn--primary btn--block to-next-member" onClick={() => Taro.navigateBack()}>
          接待下一位会员
        </Button>
      </View>
    </View>
  );
}
