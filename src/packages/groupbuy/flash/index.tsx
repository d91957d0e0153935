import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { JoinCard } from '../../../components/JoinCard';
import { MemberQrCode } from '../../../components/MemberQrCode';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { groupbuyService, yuan, type FlashSale, type FlashSales } from '../../../services/groupbuy';
import { newRequestId } from '../../../services/vip';
import { Countdown, Cover, Price, payPlaced, useDelivery } from '../groupbuy-view';
import '../groupbuy.scss';

export default function FlashSalesPage() {
  const { data, error, loading, reload } = useCloudQuery(groupbuyService.flashSales, { refreshOnShow: true });

  let body;
  if (data) body = <FlashBody view={data} onChanged={reload} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可参加限时秒杀。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <PageShell className="gb-page gb-flash-page">
      <View className="gb-page__intro">
        <View className="gb-page__title">限时秒杀</View>
        <View className="gb-page__subtitle">准点开抢，以服务器时间为准；每人限购，抢到后请在几分钟内支付</View>
      </View>
      {body}
    </PageShell>
  );
}

function FlashBody({ view, onChanged }: { view: FlashSales; onChanged: () => void }) {
  const [showCode, setShowCode] = useState<string>();
  return (
    <View>
      {view.sales.length === 0 && <View className="gb-page__empty gb-empty">暂时没有秒杀活动</View>}
      {view.sales.map((s) => (
        <SaleCard key={s.saleId} sale={s} view={view} onChanged={onChanged} />
      ))}
      {view.orders.length > 0 && (
        <View className="card gb-flash-orders">
          <View className="section-title">我的秒杀订单</View>
          {view.orders.map((o) => (
            <View key={o.orderNo} className="gb-flash-order">
              <View className="gb-order__head">
                <View>{o.title}</View>
                <View className="gb-order__price">¥{yuan(o.priceFen)}</View>
              </View>
              <View className="gb-order__status gb-flash-order-status">{o.statusText}</View>
              {o.status === 'paid' && o.delivery.mode === 'pickup' && (
                <View className="gb-link" onClick={() => setShowCode(showCode === o.orderNo ? undefined : o.orderNo)}>
                  {showCode === o.orderNo ? '收起提货码' : '出示提货码 ›'}
                </View>
              )}
              {showCode === o.orderNo && (
                <MemberQrCode issue={() => groupbuyService.orderCode(o.orderNo)} title="提货码" hint="请向门店店员出示，每个码仅可使用一次" refreshLabel="刷新" imageClassName="gb-order-qr" />
              )}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

function SaleCard({ sale, view, onChanged }: { sale: FlashSale; view: FlashSales; onChanged: () => void }) {
  const { delivery, form } = useDelivery({ modes: sale.deliveryModes, stores: view.pickupStores });
  const [busy, setBusy] = useState(false);
  const requestId = useRef<string | null>(null);

  const buy = async () => {
    if (busy || !sale.available) return;
    setBusy(true);
    requestId.current ??= newRequestId();
    try {
      const placed = await groupbuyService.flashBuy({ saleId: sale.saleId, requestId: requestId.current, delivery });
      requestId.current = null;
      const after = await payPlaced(placed);
      void Taro.showToast({ title: after?.status === 'paid' ? '抢购成功' : '已抢到，请尽快支付', icon: after?.status === 'paid' ? 'success' : 'none' });
      onChanged();
    } catch (e) {
      void Taro.showToast({ title: describeError(e), icon: 'none', duration: 2500 });
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') requestId.current = null;
      onChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={`gb-card gb-flash gb-flash--${sale.phase}`}>
      <Cover src={sale.images[0]} />
      <View className="gb-card__body">
        <View className="gb-card__title gb-flash-title">{sale.title}</View>
        <Price fen={sale.priceFen} was={sale.originalPriceFen} />
        {sale.phase === 'upcoming' && <Countdown className="gb-flash-countdown" target={sale.startAt} serverNow={view.serverNow} prefix="距开抢" onZero={onChanged} />}
        {sale.phase === 'on' && (
          <View className="gb-stock">
            <View className="gb-stock__bar">
              <View className="gb-stock__fill" style={{ width: `${Math.round(((sale.stock - sale.unitsLeft) * 100) / Math.max(1, sale.stock))}%` }} />
            </View>
            <View className="gb-card__meta gb-units-left">剩余 {sale.unitsLeft} 件</View>
          </View>
        )}
        {sale.available && form}
        <Button className={`btn btn--primary btn--block gb-flash-buy ${busy || !sale.available ? 'btn--disabled' : ''}`} disabled={busy || !sale.available || undefined} onClick={() => void buy()}>
          {busy ? '抢购中…' : sale.available ? '立即抢购' : (sale.reason ?? '暂不可抢购')}
        </Button>
      </View>
    </View>
  );
}
