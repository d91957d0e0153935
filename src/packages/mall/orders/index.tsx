import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { JoinCard } from '../../../components/JoinCard';
import { MemberQrCode } from '../../../components/MemberQrCode';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { mallService, orderStatusName, priceText, shortOrderNo, type MallOrder } from '../../../services/mall';
import { MALL } from '../../../routes';
import { formatDay, formatNumber } from '../../../utils/format';
import '../mall.scss';
import './index.scss';
import { Button, Card, Dialog, Empty, ErrorState, Loading, Page, Tag, toast, type Tone } from '../../../ui';

export default function MallOrdersPage() {
  const { data, error, loading, reload } = useCloudQuery(mallService.orders, { refreshOnShow: true });

  let body;
  if (data) body = <OrderList orders={data.orders} onChanged={reload} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可用积分兑换好物。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <Page className="mall-page mall-orders">
      <View className="mall-page__intro">
        <View className="mall-page__subtitle">到店自提时请向店员出示提货码</View>
      </View>
      {body}
    </Page>
  );
}

const STATUS_TONE: Record<MallOrder['status'], Tone> = {
  awaiting_payment: 'warning',
  pending: 'primary',
  shipped: 'success',
  picked_up: 'success',
  cancelled: 'neutral',
};

function deliveryText(order: MallOrder): string {
  const d = order.delivery;
  if (d.mode === 'none') return order.couponId ? '已发放至「我的券」' : '兑换后发放至「我的券」';
  if (d.mode === 'pickup') return `${order.kind === 'experience' ? '到店核销' : '门店自提'} · ${order.storeName ?? ''}`;
  return `快递到家 · ${d.name} ${d.region}${d.detail}`;
}

function OrderList({ orders, onChanged }: { orders: MallOrder[]; onChanged: () => void }) {
  // One pickup code on screen at a time: a live code refreshes itself every 30 s.
  const [shown, setShown] = useState<string>();
  const [asking, setAsking] = useState<MallOrder>();
  const [cancelling, setCancelling] = useState<string>();

  const cancel = async (order: MallOrder) => {
    if (cancelling) return;
    setCancelling(order.orderNo);
    try {
      // Idempotent by order number: a retry of a cancelled order answers it unchanged.
      await mallService.cancel(order.orderNo);
      if (shown === order.orderNo) setShown(undefined);
      toast.info('已取消，积分已退回');
      onChanged();
    } catch (e) {
      toast.error(e);
    } finally {
      setCancelling(undefined);
      setAsking(undefined);
    }
  };

  if (orders.length === 0) {
    return (
      <Empty
        icon="receipt"
        title="还没有兑换记录"
        text="积分可以兑换好物、优惠券和到店体验"
        className="mall-orders-empty"
        action={
          <Button variant="secondary" size="sm" icon="bag" className="to-mall" onClick={() => void Taro.navigateTo({ url: MALL })}>
            去积分商城看看
          </Button>
        }
      />
    );
  }

  return (
    <View>
      {orders.map((order) => {
        const pending = order.status === 'pending';
        const pickup = order.delivery.mode === 'pickup';
        const cancellable = pending || order.status === 'awaiting_payment';
        return (
          <Card
            key={order.orderNo}
            className={`mall-order mall-order--${order.status}`}
            title={`${order.title} × ${order.quantity}`}
            extra={
              <Tag tone={STATUS_TONE[order.status]} className="mall-order-status">
                {orderStatusName(order)}
              </Tag>
            }
          >
            <View className="mall-card__price mall-order-price">{priceText(order.pointsSpent, order.cashFen)}</View>
            <View className="mall-card__meta">{deliveryText(order)}</View>
            {order.trackingNo && <View className="mall-card__meta mall-order-tracking">快递单号 {order.trackingNo}</View>}
            <View className="mall-card__meta">
              {formatDay(order.createdAt)} 兑换 · 订单尾号 {shortOrderNo(order.orderNo)}
            </View>
            {order.status === 'awaiting_payment' && <View className="mall-card__meta">待支付的现金部分请在 30 分钟内完成，超时可取消</View>}
            {(cancellable || (pending && pickup)) && (
              <View className="ui-btn-row mall-order__actions">
                {cancellable && (
                  <Button variant="secondary" className="mall-order-cancel" disabled={cancelling !== undefined} onClick={() => setAsking(order)}>
                    取消兑换
                  </Button>
                )}
                {pending && pickup && (
                  <Button icon="qr" className="mall-order-show-code" onClick={() => setShown(shown === order.orderNo ? undefined : order.orderNo)}>
                    {shown === order.orderNo ? '收起提货码' : order.kind === 'experience' ? '出示核销码' : '出示提货码'}
                  </Button>
                )}
              </View>
            )}
            {shown === order.orderNo && pending && pickup && (
              <MemberQrCode
                issue={() => mallService.orderCode(order.orderNo)}
                title={order.kind === 'experience' ? '核销码' : '提货码'}
                hint="请向门店店员出示，扫码后即完成领取，每个码仅可使用一次"
                refreshLabel="刷新"
                pinLabel="提货动态码"
                imageClassName="mall-order-qr"
              />
            )}
          </Card>
        );
      })}
      <Dialog
        open={asking !== undefined}
        title="取消兑换"
        message={asking ? `取消后 ${formatNumber(asking.pointsSpent)} 积分将退回你的账户，确定取消吗？` : undefined}
        confirmText="确定取消"
        cancelText="再想想"
        danger
        busy={cancelling !== undefined}
        className="mall-cancel-dialog"
        onConfirm={() => asking && void cancel(asking)}
        onCancel={() => setAsking(undefined)}
      />
    </View>
  );
}
