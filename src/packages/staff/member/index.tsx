import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { LineItemList } from '../../../components/LineItemList';
import { TierBadge } from '../../../components/TierBadge';
import { useFieldErrors } from '../../../hooks/useFieldErrors';
import { describeError, isCloudError } from '../../../services/cloud';
import { staffService, type MemberAtTill, type PurchaseRecorded } from '../../../services/staff';
import { Button, Card, ConfirmSheet, Empty, Icon, InputField, Notice, Page, Stat, StatRow, Tag } from '../../../ui';
import { formatDay, formatMoney, formatNumber } from '../../../utils/format';
import { yuanToFen } from '../../../utils/money';
import { Rows } from '../StaffGate';
import { recallVisit } from '../visit-store';
import '../staff.scss';
import './index.scss';

const PURCHASE_FIELDS = ['orderNo', 'amountFen'] as const;

export default function StaffMemberPage() {
  const { params } = useRouter();
  const visit = recallVisit(params.visitId);
  return (
    <Page className="staff-page staff-member">
      {visit ? (
        <TillDesk visit={visit} />
      ) : (
        <Empty
          icon="scan"
          title="本次识别已失效"
          text="请重新识别会员"
          className="staff-visit-missing"
          action={
            <Button variant="secondary" block className="to-scan" onClick={() => void Taro.navigateBack()}>
              返回识别会员
            </Button>
          }
        />
      )}
    </Page>
  );
}

/** "2026-11-23T03:10:00.000Z" -> "11:10" on the device's clock. */
function clockTime(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function TillDesk({ visit }: { visit: MemberAtTill }) {
  // The header follows what the clerk does: an upgrade or new pending points show at once, not on the next scan.
  const [member, setMember] = useState(visit.member);
  const recorded = (r: PurchaseRecorded) => {
    if (!r.repeated) setMember((m) => ({ ...m, tier: r.tier, pending: m.pending + r.award.total }));
  };
  return (
    <View>
      <Card className="till-member">
        <View className="till-member__head">
          <Text className="till-member-name">{member.maskedName}</Text>
          <TierBadge className="till-member-tier" name={member.tier.name} color={member.tier.color} />
          {member.vip && (
            <Tag tone="warning" className="till-member-vip">
              超级会员
            </Tag>
          )}
        </View>
        <View className="till-member-no">会员号尾号 {member.memberNoTail}</View>
        <StatRow className="till-member__points">
          <Stat value={<Text className="till-member-balance">{formatNumber(member.balance)}</Text>} label="可用积分" />
          <Stat value={<Text className="till-member-pending">{formatNumber(member.pending)}</Text>} label="待生效积分" />
        </StatRow>
        {member.benefits.length > 0 && (
          <View className="till-member__benefits">
            <View className="till-member__benefits-title">{member.tier.name}权益</View>
            {member.benefits.map((b) => (
              <View key={b.code} className="till-benefit">
                <Icon name="star" size="sm" color="primaryDark" />
                <Text className="till-benefit__title">{b.title}</Text>
                <Text className="till-benefit__desc">{b.description}</Text>
              </View>
            ))}
          </View>
        )}
        <Notice tone="neutral" icon="clock" className="till-member__expiry">
          请在 {clockTime(visit.expiresAt)} 前完成消费登记，超时请重新识别
        </Notice>
      </Card>
      <PurchaseForm visitId={visit.visitId} onRecorded={recorded} />
    </View>
  );
}

function PurchaseForm({ visitId, onRecorded }: { visitId: string; onRecorded: (r: PurchaseRecorded) => void }) {
  const [orderNo, setOrderNo] = useState('');
  const [amount, setAmount] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<PurchaseRecorded>();
  const [failure, setFailure] = useState<{ message: string; rescan: boolean }>();
  const { errors, setError, clear } = useFieldErrors(PURCHASE_FIELDS);
  const amountFen = yuanToFen(amount);

  /** All field problems at once, before asking to confirm. */
  const check = () => {
    clear();
    setFailure(undefined);
    let ok = true;
    if (!/^[A-Za-z0-9_-]{4,40}$/.test(orderNo.trim())) {
      setError('orderNo', '订单号为 4-40 位字母、数字、-或_');
      ok = false;
    }
    if (amountFen === null) {
      setError('amountFen', '请输入正确的金额（元），最多两位小数');
      ok = false;
    }
    if (ok) setConfirming(true);
  };

  const submit = async () => {
    if (submitting || amountFen === null) return;
    setSubmitting(true);
    try {
      const r = await staffService.recordPurchase({ visitId, orderNo: orderNo.trim(), amountFen });
      setResult(r);
      onRecorded(r);
    } catch (e) {
      const field = isCloudError(e) && e.field ? e.field.split('.')[0] : undefined;
      if (field && (PURCHASE_FIELDS as readonly string[]).includes(field)) setError(field, describeError(e));
      else setFailure({ message: describeError(e), rescan: isCloudError(e) && e.code === 'VISIT_EXPIRED' });
    } finally {
      setSubmitting(false);
      setConfirming(false);
    }
  };

  const another = () => {
    setResult(undefined);
    setOrderNo('');
    setAmount('');
  };

  if (result) return <PurchaseResult result={result} onAnother={another} />;

  return (
    <Card title="登记消费" className="purchase-form">
      <InputField
        label="订单号"
        error={errors.orderNo}
        inputClass="purchase-order-no"
        value={orderNo}
        maxlength={40}
        placeholder="收银小票上的订单号"
        onChange={(v) => {
          setOrderNo(v);
          if (errors.orderNo) setError('orderNo', undefined);
        }}
      />
      <InputField
        label="实付金额（元）"
        error={errors.amountFen}
        inputClass="purchase-amount"
        type="digit"
        value={amount}
        maxlength={13}
        placeholder="例如 128.00"
        onChange={(v) => {
          setAmount(v);
          if (errors.amountFen) setError('amountFen', undefined);
        }}
      />
      {failure && (
        <Notice tone="danger" className="staff-page__error purchase-error">
          {failure.message}
          {failure.rescan && (
            <Text className="purchase-error__rescan" onClick={() => void Taro.navigateBack()}>
              {' '}
              返回识别
            </Text>
          )}
        </Notice>
      )}
      <View className="staff-page__actions">
        <Button block className="purchase-submit" loading={submitting} loadingText="正在登记…" onClick={check}>
          登记消费
        </Button>
      </View>
      <ConfirmSheet
        open={confirming}
        title="确认登记这笔消费"
        rows={[
          { label: '订单号', value: orderNo.trim() },
          { label: '实付金额', value: formatMoney(amountFen ?? 0), emphasis: true },
        ]}
        note="积分按会员等级自动计算，售后期结束后生效。"
        confirmText="确认登记"
        busy={submitting}
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(false)}
        className="purchase-confirm"
      />
    </Card>
  );
}

function PurchaseResult({ result, onAnother }: { result: PurchaseRecorded; onAnother: () => void }) {
  return (
    <Card className="staff-result purchase-result">
      <View className="staff-result__headline">
        <Icon name="checkCircle" color="success" />
        <Text className="purchase-points">+{formatNumber(result.award.total)} 积分</Text>
      </View>
      {result.repeated && <Notice tone="info">该订单此前已登记，以下为当时的结果</Notice>}
      <Rows rows={[{ label: '订单号', value: result.orderNo, className: 'purchase-result-order' }]} />
      <LineItemList items={result.award.lineItems} itemClassName="purchase-line-item" />
      {result.pendingUntil && <View className="till-note purchase-pending">积分将在 {formatDay(result.pendingUntil)} 售后期结束后可用</View>}
      <Rows rows={[{ label: '当前成长值', value: formatNumber(result.growth), className: 'purchase-growth' }]} />
      {result.upgradedFrom && (
        <Notice tone="success" icon="crown" className="purchase-upgrade">
          会员等级由 {result.upgradedFrom.name} 升级为 {result.tier.name}，请告知会员
        </Notice>
      )}
      <View className="staff-page__actions">
        <Button variant="secondary" block className="purchase-another" onClick={onAnother}>
          再登记一笔
        </Button>
        <Button block className="to-next-member" onClick={() => void Taro.navigateBack()}>
          接待下一位会员
        </Button>
      </View>
    </Card>
  );
}
