import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { describeError } from '../../../services/cloud';
import { mallService, orderStatusName, shortOrderNo, type MallPickedUp, type PickupInspected } from '../../../services/mall';
import type { TillCode } from '../../../services/staff';
import { Button, Card, ConfirmSheet, Icon, Notice, Page } from '../../../ui';
import { CodeReader } from '../CodeReader';
import { Rows, StaffGate } from '../StaffGate';
import '../staff.scss';

/** 积分兑换自提: read the member's pickup code, see the item and quantity, confirm the hand-over. */
export default function StaffPickupPage() {
  return (
    <Page className="staff-page staff-pickup">
      <StaffGate>{() => <PickupDesk />}</StaffGate>
    </Page>
  );
}

function PickupDesk() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [inspected, setInspected] = useState<PickupInspected>();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<MallPickedUp>();

  const onCode = async (code: TillCode): Promise<boolean> => {
    setError(undefined);
    setBusy(true);
    try {
      setInspected(await mallService.inspectPickup(code));
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const handOver = async () => {
    if (!inspected) return;
    setBusy(true);
    try {
      setResult(await mallService.pickup(inspected.ticket));
      setInspected(undefined);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const next = () => {
    setResult(undefined);
    setInspected(undefined);
    setError(undefined);
  };

  if (result) {
    const verb = result.kind === 'experience' ? '核销' : '提货';
    return (
      <Card className="staff-result staff-pickup-result">
        <View className="staff-result__headline">
          <Icon name="checkCircle" color="success" />
          <Text>{verb}成功</Text>
        </View>
        <Rows
          rows={[
            { label: '商品', value: `${result.title} × ${result.quantity}`, className: 'staff-pickup-title' },
            { label: '订单尾号', value: shortOrderNo(result.orderNo) },
            { label: '状态', value: orderStatusName({ status: result.status, kind: result.kind, delivery: { mode: 'pickup', storeId: '' } }), className: 'staff-pickup-status' },
          ]}
        />
        <View className="staff-page__actions">
          <Button block className="to-next-pickup" onClick={next}>
            继续{verb}
          </Button>
        </View>
      </Card>
    );
  }

  if (inspected) {
    const verb = inspected.kind === 'experience' ? '核销' : '交付';
    return (
      <Card title="核对兑换订单" className="staff-pickup-check">
        <Rows
          rows={[
            { label: '商品', value: inspected.title, className: 'staff-pickup-title' },
            { label: '数量', value: `${inspected.quantity} 件`, className: 'staff-pickup-quantity' },
            { label: '会员', value: `${inspected.member.maskedName} · 尾号 ${inspected.member.memberNoTail}` },
            { label: inspected.kind === 'experience' ? '活动门店' : '自提门店', value: inspected.storeName ?? '—' },
            { label: '订单尾号', value: shortOrderNo(inspected.orderNo) },
          ]}
        />
        {!inspected.ready && (
          <Notice tone="danger" className="staff-page__error staff-pickup-error">
            {inspected.reason}
          </Notice>
        )}
        {error && (
          <Notice tone="danger" className="staff-page__error staff-pickup-error">
            {error}
          </Notice>
        )}
        <View className="staff-page__actions">
          {inspected.ready && (
            <Button block className="staff-pickup-confirm" onClick={() => setConfirming(true)}>
              确认{verb}
            </Button>
          )}
          <Button variant="secondary" block className="staff-pickup-rescan" onClick={next}>
            重新识别
          </Button>
        </View>
        <ConfirmSheet
          open={confirming}
          title={`确认${verb}`}
          rows={[
            { label: '商品', value: inspected.title },
            { label: '数量', value: `${inspected.quantity} 件`, emphasis: true },
          ]}
          note={inspected.kind === 'experience' ? '核销后名额即视为已使用。' : '请当面清点商品后交给会员。'}
          confirmText={`确认${verb}`}
          busy={busy}
          onConfirm={() => void handOver()}
          onCancel={() => setConfirming(false)}
          className="staff-pickup-sheet"
        />
      </Card>
    );
  }

  return (
    <Card title="积分兑换自提">
      <CodeReader busy={busy} onCode={onCode} label="提货码" pinLabel="提货动态码" hint="请会员打开「我的兑换」，点开要提的订单" classPrefix="staff-pickup" />
      {error && (
        <Notice tone="danger" className="staff-page__error staff-pickup-error">
          {error}
        </Notice>
      )}
    </Card>
  );
}
