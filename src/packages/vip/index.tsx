import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { JoinCard } from '../../components/JoinCard';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../services/cloud';
import { vipService, type VipOffer } from '../../services/vip';
import { formatDay, formatMoney } from '../../utils/format';
import { newRequestId } from '../../utils/request-id';
import { forgetPendingOrder, pendingOrder, rememberPendingOrder } from './pending-order';
import { pay } from '../../services/payment/pay';
import { confirmPaid } from '../../services/payment/confirm-paid';
import './index.scss';
import { ConfirmSheet, ErrorState, Loading, Page } from '../../ui';

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
            void Taro.showToast({ title: '已取消支付', icon: 'none' });
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
      void Taro.showToast({ title: active ? '续费成功' : '开通成功', icon: 'success' });
      onBought();
    } catch (e) {
      void Taro.showToast({ title: isCloudError(e) ? describeError(e) : '支付未完成，请稍后再试', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const status = active ? '已开通' : shownUntil ? '已过期' : '未开通';
  const buyLabel = !offer.enabled ? '暂未开放' : busy ? '处理中…' : active ? `续费 ${price}` : `立即开通 ${price}`;

  return (
    <View className="vip">
      <View className="ui-card vip__hero">
        <View className="vip__head">
          <Text className="vip-title">{offer.title}</Text>
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
      </View>

      <View className="ui-card vip__benefits">
        <View className="ui-card__title">会员权益</View>
        {offer.benefits.length === 0 && <View className="vip__empty">权益正在准备中，敬请期待</View>}
        {offer.benefits.map((b) => (
          <View key={b.code} className="vip-benefit">
            <View className="vip-benefit__title">{b.title}</View>
            {b.description && <View className="vip-benefit__desc">{b.description}</View>}
          </View>
        ))}
      </View>

      <Button
        className={`ui-btn ui-btn--primary ui-btn--md ui-btn--block vip-buy ${busy || !offer.enabled ? 'ui-btn--disabled' : ''}`}
        // undefined, not false: the H5 button greys its text whenever `disabled` is passed at all.
        disabled={busy || !offer.enabled || undefined}
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
