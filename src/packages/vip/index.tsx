import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { JoinCard } from '../../components/JoinCard';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { isCloudError } from '../../services/cloud';
import { vipService, type VipOffer } from '../../services/vip';
import { formatDay, formatMoney } from '../../utils/format';
import { newRequestId } from '../../utils/request-id';
import { forgetPendingOrder, pendingOrder, rememberPendingOrder } from './pending-order';
import { pay } from '../../services/payment/pay';
import { confirmPaid } from '../../services/payment/confirm-paid';
import './index.scss';
import { Button, Card, Cell, CellGroup, ConfirmSheet, Empty, ErrorState, Icon, Loading, Page, toast } from '../../ui';

/** Confirms an order paid on an earlier visit (the app closed before confirming), then loads the offer. */
async function loadOffer(): Promise<VipOffer> {
  const outTradeNo = pendingOrder();
  if (outTradeNo) {
    try {
      await vipService.confirm(outTradeNo);
      forgetPendingOrder();
    } catch (e) {
      if (isCloudError(e) && e.code === 'PAYMENT_NOT_FOUND') forgetPendingOrder();
    }
  }
  return vipService.offer();
}

export default function VipPage() {
  const { data, error, loading, reload } = useCloudQuery(loadOffer, { refreshOnShow: true });

  let body;
  if (data) body = <VipOfferView offer={data} onBought={reload} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后即可开通付费会员。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return <Page className="vip-page">{body}</Page>;
}

function VipOfferView({ offer, onBought }: { offer: VipOffer; onBought: () => void }) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [until, setUntil] = useState<string | null>(null);
  // One purchase intent: kept when a call fails before the payment sheet, so the retry is the same order.
  const requestId = useRef<string | null>(null);
  // Paid but not yet confirmed (WeChat slow to report it): the next tap confirms again instead of buying twice.
  const paidOrder = useRef<string | null>(null);

  const shownUntil = until ?? offer.until;
  const active = until !== null || offer.active;
  const price = formatMoney(offer.priceFen);

  const buy = async () => {
    if (busy || !offer.enabled) return;
    setConfirming(false);
    setBusy(true);
    try {
      let outTradeNo = paidOrder.current;
      if (!outTradeNo) {
        requestId.current ??= newRequestId();
        const order = await vipService.buy(requestId.current);
        if (order.payment) {
          rememberPendingOrder(order.outTradeNo);
          const outcome = await pay(order.outTradeNo, order.payment);
          if (outcome === 'cancelled') {
            forgetPendingOrder();
            requestId.current = null;
            toast.info('已取消支付');
            return;
          }
        }
        requestId.current = null;
        outTradeNo = paidOrder.current = order.outTradeNo;
      }
      const confirmed = await confirmPaid(() => vipService.confirm(outTradeNo!));
      paidOrder.current = null;
      forgetPendingOrder();
      setUntil(confirmed.until ?? null);
      toast.success(active ? '续费成功' : '开通成功');
      onBought();
    } catch (e) {
      if (isCloudError(e)) toast.error(e);
      else toast.info('支付未完成，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  const status = active ? '已开通' : shownUntil ? '已过期' : '未开通';
  const buyLabel = !offer.enabled ? '暂未开放' : active ? `续费 ${price}` : `立即开通 ${price}`;

  return (
    <View className="vip">
      <Card className="vip__hero">
        <View className="vip__head">
          <View className="vip__name">
            <Icon name="crown" color="#c9a227" className="vip__crown" />
            <Text className="vip-title">{offer.title}</Text>
          </View>
          <Text className={`vip-status ${active ? 'vip-status--active' : ''}`}>{status}</Text>
        </View>
        <View className="vip__price">
          <Text className="vip-price">{price}</Text>
          <Text className="vip__days">/ {offer.days} 天</Text>
        </View>
        {shownUntil && (
          <View className="vip-until">
            {active ? `有效期至 ${formatDay(shownUntil)}` : `已于 ${formatDay(shownUntil)} 到期`}
          </View>
        )}
      </Card>

      <CellGroup title="会员权益" className="vip__benefits">
        {offer.benefits.length === 0 && <Empty icon="gift" title="权益正在准备中" text="敬请期待" className="vip__empty" />}
        {offer.benefits.map((b) => (
          <Cell key={b.code} icon="star" title={b.title} description={b.description || undefined} className="vip-benefit" />
        ))}
      </CellGroup>

      <Button
        block
        icon="crown"
        className="vip-buy"
        disabled={!offer.enabled}
        loading={busy}
        loadingText="处理中…"
        onClick={() => offer.enabled && !busy && setConfirming(true)}
      >
        {buyLabel}
      </Button>
      <ConfirmSheet
        open={confirming}
        title={active ? `续费${offer.title}` : `开通${offer.title}`}
        rows={[
          { label: '价格', value: price, emphasis: true, className: 'vip-confirm-price' },
          { label: '有效期', value: active && shownUntil ? `自 ${formatDay(shownUntil)} 起顺延 ${offer.days} 天` : `${offer.days} 天` },
          { label: '支付方式', value: '微信支付' },
        ]}
        note="开通即表示你同意《超级会员服务协议》：会员权益在有效期内可用；会员费支付后不支持退款，到期后不会自动续费。"
        confirmText={`同意并支付 ${price}`}
        busy={busy}
        onConfirm={() => void buy()}
        onCancel={() => setConfirming(false)}
        className="vip-confirm"
      />
      {active && offer.enabled && <View className="vip__note">续费从当前有效期结束后顺延 {offer.days} 天</View>}
    </View>
  );
}
