import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { describeError } from '../../../services/cloud';
import { groupbuyService } from '../../../services/groupbuy';
import { mallService, orderStatusName, shortOrderNo } from '../../../services/mall';
import type { TillCode } from '../../../services/staff';
import { Button, Card, ConfirmSheet, Icon, Notice, Page, Segmented } from '../../../ui';
import { CodeReader } from '../../../components/CodeReader';
import { Rows, StaffGate } from '../StaffGate';
import '../staff.scss';

/**
 * 到店自提: read the member's pickup code, see the item and quantity, confirm the hand-over. Two desks with the
 * same steps: points-mall redemptions (我的兑换) and group-buy / flash-sale orders (我的拼团).
 */
export default function StaffPickupPage() {
  return (
    <Page className="staff-page staff-pickup">
      <StaffGate>{() => <PickupDesks />}</StaffGate>
    </Page>
  );
}

type Desk = 'mall' | 'deal';

const DESKS: readonly { value: Desk; label: string }[] = [
  { value: 'mall', label: '积分兑换' },
  { value: 'deal', label: '拼团 / 秒杀' },
];

/** What the clerk checks before handing over, the same for both desks. */
interface Inspected {
  ticket: string;
  orderNo: string;
  title: string;
  /** 核销 (an experience seat) or 交付 (goods). */
  verb: '核销' | '交付';
  kindName: string;
  quantity: number;
  storeName: string | null;
  member: { maskedName: string; memberNoTail: string };
  ready: boolean;
  reason: string | null;
}

interface HandedOver {
  orderNo: string;
  title: string;
  quantity: number;
  verb: '核销' | '提货';
  statusName: string;
}

const KIND_NAMES = { physical: '积分兑换', coupon: '积分兑换', experience: '活动体验', group: '拼团', flash: '限时秒杀' } as const;

/** Each desk's two calls, shaped alike. */
const DESK_CALLS: Record<Desk, { inspect: (code: TillCode) => Promise<Inspected>; handOver: (ticket: string) => Promise<HandedOver>; where: string }> = {
  mall: {
    where: '「我的兑换」',
    inspect: async (code) => {
      const i = await mallService.inspectPickup(code);
      return { ...i, verb: i.kind === 'experience' ? '核销' : '交付', kindName: KIND_NAMES[i.kind] };
    },
    handOver: async (ticket) => {
      const r = await mallService.pickup(ticket);
      return {
        orderNo: r.orderNo,
        title: r.title,
        quantity: r.quantity,
        verb: r.kind === 'experience' ? '核销' : '提货',
        statusName: orderStatusName({ status: r.status, kind: r.kind, delivery: { mode: 'pickup', storeId: '' } }),
      };
    },
  },
  deal: {
    where: '「我的拼团」',
    inspect: async (code) => {
      const i = await groupbuyService.inspectPickup(code);
      return { ...i, verb: '交付', kindName: KIND_NAMES[i.kind] };
    },
    handOver: async (ticket) => {
      const r = await groupbuyService.pickup(ticket);
      return { orderNo: r.orderNo, title: r.title, quantity: 1, verb: '提货', statusName: '已提货' };
    },
  },
};

function PickupDesks() {
  const [desk, setDesk] = useState<Desk>('mall');
  return (
    <View>
      <Segmented options={DESKS} value={desk} onChange={setDesk} className="staff-pickup-desks" optionClass="staff-desk" />
      <PickupDesk key={desk} desk={desk} />
    </View>
  );
}

function PickupDesk({ desk }: { desk: Desk }) {
  const calls = DESK_CALLS[desk];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [inspected, setInspected] = useState<Inspected>();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<HandedOver>();

  const onCode = async (code: TillCode): Promise<boolean> => {
    setError(undefined);
    setBusy(true);
    try {
      setInspected(await calls.inspect(code));
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
      setResult(await calls.handOver(inspected.ticket));
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
    return (
      <Card className="staff-result staff-pickup-result">
        <View className="staff-result__headline">
          <Icon name="checkCircle" color="success" />
          <Text>{result.verb}成功</Text>
        </View>
        <Rows
          rows={[
            { label: '商品', value: `${result.title} × ${result.quantity}`, className: 'staff-pickup-title' },
            { label: '订单尾号', value: shortOrderNo(result.orderNo) },
            { label: '状态', value: result.statusName, className: 'staff-pickup-status' },
          ]}
        />
        <View className="staff-page__actions">
          <Button block className="to-next-pickup" onClick={next}>
            继续{result.verb}
          </Button>
        </View>
      </Card>
    );
  }

  if (inspected) {
    const verb = inspected.verb;
    return (
      <Card title={desk === 'mall' ? '核对兑换订单' : '核对拼团 / 秒杀订单'} className="staff-pickup-check">
        <Rows
          rows={[
            { label: '商品', value: inspected.title, className: 'staff-pickup-title' },
            { label: '类型', value: inspected.kindName, className: 'staff-pickup-kind' },
            { label: '数量', value: `${inspected.quantity} 件`, className: 'staff-pickup-quantity' },
            { label: '会员', value: `${inspected.member.maskedName} · 尾号 ${inspected.member.memberNoTail}` },
            { label: verb === '核销' ? '活动门店' : '自提门店', value: inspected.storeName ?? '—' },
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
          note={verb === '核销' ? '核销后名额即视为已使用。' : '请当面清点商品后交给会员。'}
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
    <Card title={desk === 'mall' ? '积分兑换自提' : '拼团 / 秒杀提货'}>
      <CodeReader busy={busy} onCode={onCode} label="提货码" pinLabel="提货动态码" hint={`请会员打开${calls.where}，点开要提的订单`} classPrefix="staff-pickup" />
      {error && (
        <Notice tone="danger" className="staff-page__error staff-pickup-error">
          {error}
        </Notice>
      )}
    </Card>
  );
}
