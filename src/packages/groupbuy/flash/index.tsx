import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { JoinCard } from '../../../components/JoinCard';
import { MemberQrCode } from '../../../components/MemberQrCode';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { groupbuyService, type FlashSale, type FlashSales } from '../../../services/groupbuy';
import { FLASH_SALES, registerThenBack } from '../../../routes';
import { Button, Card, ConfirmSheet, Empty, ErrorState, Loading, Page, Tag, toast } from '../../../ui';
import { formatMoney } from '../../../utils/format';
import { newRequestId } from '../../../utils/request-id';
import { Countdown, Cover, LayerTag, Price, dealTitle, payPlaced, useDelivery } from '../groupbuy-view';
import '../groupbuy.scss';

export default function FlashSalesPage() {
  const { data, error, loading, reload } = useCloudQuery(groupbuyService.flashSales, { refreshOnShow: true });

  let body;
  if (data) body = <FlashBody view={data} onChanged={reload} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可参加限时秒杀。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <Page className="gb-page gb-flash-page">
      <View className="gb-page__intro">
        <View className="gb-page__subtitle">准点开抢，以服务器时间为准；每人限购，抢到后请在几分钟内支付</View>
      </View>
      {body}
    </Page>
  );
}

function FlashBody({ view, onChanged }: { view: FlashSales; onChanged: () => void }) {
  const [showCode, setShowCode] = useState<string>();
  return (
    <View>
      {view.sales.length === 0 && <Empty icon="clock" title="暂时没有秒杀活动" text="下一场开始前会出现在这里" className="gb-empty" />}
      {view.sales.map((s) => (
        <SaleCard key={s.saleId} sale={s} view={view} onChanged={onChanged} />
      ))}
      {view.orders.length > 0 && (
        <Card title="我的秒杀订单" className="gb-flash-orders">
          {view.orders.map((o) => (
            <View key={o.orderNo} className="gb-flash-order">
              <View className="gb-order__head">
                <View className="gb-order__title">{o.title}</View>
                <View className="gb-order__price">{formatMoney(o.priceFen)}</View>
              </View>
              <View className="gb-order__status gb-flash-order-status">{o.statusText}</View>
              {o.status === 'paid' && o.delivery.mode === 'pickup' && (
                <Button variant="secondary" size="sm" className="gb-show-code" onClick={() => setShowCode(showCode === o.orderNo ? undefined : o.orderNo)}>
                  {showCode === o.orderNo ? '收起提货码' : '出示提货码'}
                </Button>
              )}
              {showCode === o.orderNo && (
                <MemberQrCode
                  issue={() => groupbuyService.orderCode(o.orderNo)}
                  title="提货码"
                  hint="请向门店店员出示，每个码仅可使用一次"
                  refreshLabel="刷新"
                  pinLabel="提货动态码"
                  imageClassName="gb-order-qr"
                />
              )}
            </View>
          ))}
        </Card>
      )}
    </View>
  );
}

function SaleCard({ sale, view, onChanged }: { sale: FlashSale; view: FlashSales; onChanged: () => void }) {
  const { delivery, form, summary } = useDelivery({ modes: sale.deliveryModes, stores: view.pickupStores });
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const requestId = useRef<string | null>(null);

  const buy = async () => {
    if (busy || !sale.available) return;
    setConfirming(false);
    setBusy(true);
    requestId.current ??= newRequestId();
    try {
      const placed = await groupbuyService.flashBuy({ saleId: sale.saleId, requestId: requestId.current, delivery });
      requestId.current = null;
      const after = await payPlaced(placed);
      if (after?.status === 'paid') toast.success('抢购成功');
      else toast.info('已抢到，请尽快支付');
      onChanged();
    } catch (e) {
      toast.error(e);
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') requestId.current = null;
      onChanged();
    } finally {
      setBusy(false);
    }
  };

  const sold = sale.stock - sale.unitsLeft;
  // A visitor, while the sale can still be bought: register and come back to the flash sales.
  const invited = !view.registered && sale.phase !== 'ended' && sale.unitsLeft > 0;
  return (
    <View className={`gb-card gb-card--hero gb-flash gb-flash--${sale.phase}`}>
      <Cover src={sale.images[0]} icon="clock" />
      <View className="gb-card__body">
        <View className="gb-card__title gb-flash-title">{dealTitle(sale.title)}</View>
        <Price fen={sale.priceFen} was={sale.originalPriceFen} />
        <View className="gb-card__tags">
          <Tag tone="danger">限时秒杀</Tag>
          <Tag>每人限购 {sale.perMember} 件</Tag>
          <LayerTag names={sale.layerNames} />
        </View>
        {sale.phase === 'upcoming' && <Countdown className="gb-flash-countdown" target={sale.startAt} serverNow={view.serverNow} prefix="距开抢" onZero={onChanged} />}
        {sale.phase === 'on' && (
          <View className="gb-stock">
            <View className="gb-stock__bar">
              <View className="gb-stock__fill" style={{ width: `${Math.round((sold * 100) / Math.max(1, sale.stock))}%` }} />
            </View>
            <View className="gb-card__meta gb-units-left">剩余 {sale.unitsLeft} 件</View>
          </View>
        )}
        {sale.available && form}
        {invited ? (
          <Button block icon="sparkle" className="gb-register-flash" onClick={() => void Taro.navigateTo({ url: registerThenBack(FLASH_SALES) })}>
            {sale.phase === 'upcoming' ? '加入会员，准点来抢' : '加入会员抢购'}
          </Button>
        ) : (
          <Button block loading={busy} loadingText="抢购中…" disabled={!sale.available} className="gb-flash-buy" onClick={() => setConfirming(true)}>
            {sale.available ? `${formatMoney(sale.priceFen)} 立即抢购` : (sale.reason ?? '暂不可抢购')}
          </Button>
        )}
      </View>
      <ConfirmSheet
        open={confirming}
        title="确认抢购"
        rows={[
          { label: '商品', value: sale.title },
          { label: '领取方式', value: summary },
          { label: '秒杀价', value: formatMoney(sale.priceFen), emphasis: true },
        ]}
        note="抢到后请在几分钟内完成支付，超时名额将释放给其他会员。"
        confirmText="立即抢购"
        busy={busy}
        onConfirm={() => void buy()}
        onCancel={() => setConfirming(false)}
        className="gb-flash-sheet"
      />
    </View>
  );
}
