import { useCallback, useState } from 'react';
import { Input, Textarea, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError } from '../../../services/cloud';
import { mallService, shortOrderNo, type StoreOrder } from '../../../services/mall';
import { Button, Card, Empty, Field, Page, QueryView, Segmented, Sheet, Tag, toast } from '../../../ui';
import { formatDay, formatPoints } from '../../../utils/format';
import { StaffGate } from '../StaffGate';
import '../staff.scss';
import './index.scss';

type Kind = 'express' | 'pickup';
type Action = { kind: 'ship' | 'cancel'; order: StoreOrder };

/** 兑换订单: express orders to ship (with the tracking number) and this store's pickups; either can be cancelled. */
export default function StaffOrdersPage() {
  return (
    <Page className="staff-page staff-orders">
      <StaffGate>{() => <OrdersDesk />}</StaffGate>
    </Page>
  );
}

function OrdersDesk() {
  const [kind, setKind] = useState<Kind>('express');
  const load = useCallback(() => mallService.storeOrders(kind), [kind]);
  const orders = useCloudQuery(load);
  const [action, setAction] = useState<Action>();

  return (
    <View>
      <Segmented<Kind>
        options={[
          { value: 'express', label: '待发货（快递）' },
          { value: 'pickup', label: '本店待自提' },
        ]}
        value={kind}
        onChange={setKind}
        optionClass="staff-orders-tab"
      />
      <QueryView
        query={orders}
        isEmpty={(d) => d.orders.length === 0}
        empty={<Empty icon={kind === 'express' ? 'truck' : 'box'} title={kind === 'express' ? '没有待发货的订单' : '本店没有待自提的订单'} className="staff-orders-empty" />}
      >
        {(d) => (
          <View>
            {d.orders.map((o) => (
              <Card key={o.orderNo} className="staff-order">
                <View className="staff-order__head">
                  <View className="staff-order__title staff-order-title">
                    {o.title} × {o.quantity}
                  </View>
                  <Tag tone={kind === 'express' ? 'warning' : 'info'}>{kind === 'express' ? '待发货' : '待自提'}</Tag>
                </View>
                <View className="staff-order__meta">
                  {o.member.maskedName} · 尾号 {o.member.memberNoTail} · {formatPoints(o.pointsSpent)}
                </View>
                <View className="staff-order__meta">
                  {o.destination} · {formatDay(o.createdAt)} · 订单尾号 {shortOrderNo(o.orderNo)}
                </View>
                <View className="ui-btn-row staff-order__actions">
                  <Button variant="text" size="sm" className="staff-order-cancel" onClick={() => setAction({ kind: 'cancel', order: o })}>
                    取消订单
                  </Button>
                  {kind === 'express' && (
                    <Button size="sm" className="staff-order-ship" onClick={() => setAction({ kind: 'ship', order: o })}>
                      填写快递单号
                    </Button>
                  )}
                </View>
              </Card>
            ))}
          </View>
        )}
      </QueryView>
      {action && (
        <ActionSheet
          action={action}
          onClose={() => setAction(undefined)}
          onDone={() => {
            setAction(undefined);
            void orders.reload();
          }}
        />
      )}
    </View>
  );
}

/** Ship (tracking number) or cancel (reason, points returned): both audited on the server. */
function ActionSheet({ action, onClose, onDone }: { action: Action; onClose: () => void; onDone: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const ship = action.kind === 'ship';

  const submit = async () => {
    const value = text.trim();
    if (ship && !/^[A-Za-z0-9-]{6,40}$/.test(value)) return setError('快递单号为 6-40 位字母、数字或-');
    if (!ship && value.length < 2) return setError('请填写取消原因');
    setBusy(true);
    try {
      if (ship) {
        await mallService.ship(action.order.orderNo, value);
        toast.success('已发货');
      } else {
        const r = await mallService.cancelOrder(action.order.orderNo, value);
        toast.success(`已取消，退回 ${r.returnedPoints} 积分`);
      }
      onDone();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet
      open
      title={ship ? '填写快递单号' : '取消这笔兑换'}
      onClose={onClose}
      className="staff-order-sheet"
      footer={
        <Button block variant={ship ? 'primary' : 'danger'} loading={busy} className="staff-order-submit" onClick={() => void submit()}>
          {ship ? '确认发货' : '确认取消并退回积分'}
        </Button>
      }
    >
      <View className="till-note">
        {action.order.title} × {action.order.quantity} · {action.order.member.maskedName}
      </View>
      <Field label={ship ? '快递单号' : '取消原因'} error={error}>
        {ship ? (
          <Input className="ui-input staff-order-input" value={text} maxlength={40} placeholder="例如 SF1234567890" onInput={(e) => { setText(e.detail.value); setError(undefined); }} />
        ) : (
          <Textarea className="ui-input ui-input--area staff-order-input" value={text} maxlength={100} placeholder="例如：门店缺货，已与会员沟通" onInput={(e) => { setText(e.detail.value); setError(undefined); }} />
        )}
      </Field>
    </Sheet>
  );
}
