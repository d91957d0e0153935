import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { FormField } from '../../../components/FormField';
import { JoinCard } from '../../../components/JoinCard';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { mallService, priceText, type MallDelivery, type MallItemDetail } from '../../../services/mall';
import { newRequestId } from '../../../services/vip';
import { MALL_ORDERS } from '../../../routes';
import { formatNumber } from '../../../utils/format';
import { ItemSummary } from '../mall-view';
import '../mall.scss';
import './index.scss';
import { pay } from '../../../services/payment/pay';

const MAX_QUANTITY = 20;

export default function MallItemPage() {
  const { params } = useRouter();
  const itemId = params.itemId ?? '';
  const { data, error, loading, reload } = useCloudQuery(() => mallService.item(itemId));

  let body;
  if (data) body = <ItemDetail detail={data} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可用积分兑换好物。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return <PageShell className="mall-page mall-item-page">{body}</PageShell>;
}

type Mode = MallDelivery['mode'];

function ItemDetail({ detail }: { detail: MallItemDetail }) {
  const { item } = detail;
  const modes = item.deliveryModes;
  const [mode, setMode] = useState<Mode>(modes.includes('pickup') ? 'pickup' : 'express');
  const stores = detail.pickupStores;
  const [storeId, setStoreId] = useState<string>(stores[0]?.id ?? '');
  const [quantity, setQuantity] = useState(1);
  const [address, setAddress] = useState({ name: '', phone: '', region: '', detail: '' });
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<Partial<Record<string, string>>>({});
  // One redemption intent: kept while the same form is retried, so a lost answer never orders twice.
  const requestId = useRef<string | null>(null);

  const limit = Math.max(1, Math.min(MAX_QUANTITY, item.stockLeft, item.perMember === null ? MAX_QUANTITY : item.perMember - item.mine));
  const totalPoints = item.pricePoints * quantity;
  const enough = totalPoints <= detail.balance;
  const canRedeem = item.available && enough;

  // Changing what is ordered is a new intent.
  const change = <T,>(set: (v: T) => void) => (v: T) => {
    requestId.current = null;
    set(v);
  };
  const changeQuantity = change(setQuantity);

  const redeem = async () => {
    if (busy || !canRedeem) return;
    setFieldError({});
    const delivery: MallDelivery | undefined =
      modes.length === 0
        ? undefined
        : mode === 'pickup'
        ? { mode: 'pickup', storeId }
        : { mode: 'express', name: address.name.trim(), phone: address.phone.trim(), region: address.region.trim(), detail: address.detail.trim() };
    setBusy(true);
    requestId.current ??= newRequestId();
    try {
      const result = await mallService.redeem({ itemId: item.itemId, quantity, requestId: requestId.current, delivery });
      requestId.current = null;
      if (result.payment) {
        // The cash part: pay now, then let the server ask WeChat Pay (it never trusts the app's word).
        const outcome = await pay(result.order.orderNo, result.payment);
        const confirmed = outcome === 'paid' && (await mallService.confirmPayment(result.order.orderNo).then(() => true, () => false));
        void Taro.showToast({ title: confirmed ? '兑换成功' : '支付未完成，可在「我的兑换」中取消或稍后查看', icon: confirmed ? 'success' : 'none', duration: 2500 });
      } else {
        void Taro.showToast({ title: '兑换成功', icon: 'success' });
      }
      void Taro.redirectTo({ url: MALL_ORDERS });
    } catch (e) {
      if (isCloudError(e) && e.field) {
        // "delivery.phone" -> shown under the phone field; "quantity" under the stepper.
        const key = e.field.split('.').slice(-1)[0];
        setFieldError({ [key]: describeError(e) });
        void Taro.showToast({ title: '请检查标红的内容', icon: 'none' });
      } else {
        void Taro.showToast({ title: describeError(e), icon: 'none', duration: 2500 });
      }
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') requestId.current = null;
    } finally {
      setBusy(false);
    }
  };

  const setField = (key: keyof typeof address) => (value: string) => {
    requestId.current = null;
    setAddress((a) => ({ ...a, [key]: value }));
  };

  let label = `立即兑换 · ${priceText(item.pricePoints, item.cashFen, quantity)}`;
  if (busy) label = '兑换中…';
  else if (!item.available) label = item.reason ?? '暂不可兑换';
  else if (!enough) label = '积分不足';

  return (
    <View>
      <View className="mall-card mall-item mall-item-detail">
        <ItemSummary item={item} />
      </View>

      <View className="card mall-redeem-form">
        <View className="section-title">兑换</View>
        <FormField label="数量" error={fieldError.quantity}>
          <View className="stepper">
            <View className={`stepper__button mall-quantity-minus ${quantity <= 1 ? 'stepper__button--off' : ''}`} onClick={() => quantity > 1 && changeQuantity(quantity - 1)}>
              −
            </View>
            <View className="stepper__value mall-quantity">{quantity}</View>
            <View className={`stepper__button mall-quantity-plus ${quantity >= limit ? 'stepper__button--off' : ''}`} onClick={() => quantity < limit && changeQuantity(quantity + 1)}>
              +
            </View>
          </View>
        </FormField>

        {modes.length > 0 && (
          <FormField label="领取方式">
            <View className="choice">
              {modes.includes('pickup') && (
                <View className={`choice__option mall-delivery-pickup ${mode === 'pickup' ? 'choice__option--active' : ''}`} onClick={() => change(setMode)('pickup')}>
                  {item.kind === 'experience' ? '到店核销' : '门店自提'}
                </View>
              )}
              {modes.includes('express') && (
                <View className={`choice__option mall-delivery-express ${mode === 'express' ? 'choice__option--active' : ''}`} onClick={() => change(setMode)('express')}>
                  快递到家
                </View>
              )}
            </View>
          </FormField>
        )}

        {modes.length > 0 && mode === 'pickup' && (
          <FormField label="自提门店" error={fieldError.storeId} hint={stores.find((s) => s.id === storeId)?.address || undefined}>
            <View className="choice">
              {stores.map((s) => (
                <View key={s.id} className={`choice__option mall-store ${storeId === s.id ? 'choice__option--active' : ''}`} onClick={() => change(setStoreId)(s.id)}>
                  {s.name}
                </View>
              ))}
            </View>
          </FormField>
        )}

        {modes.length > 0 && mode === 'express' && (
          <View className="mall-address">
            <FormField label="收件人" error={fieldError.name}>
              <Input className="text-input mall-address-name" value={address.name} maxlength={20} placeholder="姓名" onInput={(e) => setField('name')(e.detail.value)} />
            </FormField>
            <FormField label="手机号" error={fieldError.phone}>
              <Input className="text-input mall-address-phone" type="number" value={address.phone} maxlength={11} placeholder="11 位手机号" onInput={(e) => setField('phone')(e.detail.value)} />
            </FormField>
            <FormField label="所在地区" error={fieldError.region}>
              <Input className="text-input mall-address-region" value={address.region} maxlength={60} placeholder="省 市 区" onInput={(e) => setField('region')(e.detail.value)} />
            </FormField>
            <FormField label="详细地址" error={fieldError.detail}>
              <Input className="text-input mall-address-detail" value={address.detail} maxlength={120} placeholder="街道、门牌号" onInput={(e) => setField('detail')(e.detail.value)} />
            </FormField>
          </View>
        )}

        <View className="mall-redeem-total">
          合计 <View className="mall-redeem-total__value mall-total">{priceText(item.pricePoints, item.cashFen, quantity)}</View>
        </View>
        <View className="mall-card__meta mall-redeem-balance">可用积分 {formatNumber(detail.balance)}</View>
      </View>

      <Button
        className={`btn btn--primary btn--block mall-redeem ${busy || !canRedeem ? 'btn--disabled' : ''}`}
        disabled={busy || !canRedeem || undefined}
        onClick={() => void redeem()}
      >
        {label}
      </Button>
    </View>
  );
}
