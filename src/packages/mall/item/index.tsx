import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { mallService, priceText, type MallDelivery, type MallItemDetail } from '../../../services/mall';
import { newRequestId } from '../../../utils/request-id';
import { useJoinPrompt } from '../../../components/JoinCard';
import { MALL_ORDERS } from '../../../routes';
import { formatMoney, formatNumber, formatPoints } from '../../../utils/format';
import { ItemSummary } from '../mall-view';
import '../mall.scss';
import './index.scss';
import { pay } from '../../../services/payment/pay';
import { Button, Card, ConfirmSheet, ErrorState, Field, Loading, Page, Segmented, Stepper, toast } from '../../../ui';

const MAX_QUANTITY = 20;

export default function MallItemPage() {
  const { params } = useRouter();
  const itemId = params.itemId ?? '';
  const { data, error, loading, reload } = useCloudQuery(() => mallService.item(itemId));

  let body;
  if (data) body = <ItemDetail detail={data} />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return <Page className="mall-page mall-item-page">{body}</Page>;
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
  const [confirming, setConfirming] = useState(false);
  const join = useJoinPrompt('加入会员即可兑换', '成为会员后，消费与签到都能累积积分，用积分兑换好物与活动名额。');

  // Changing what is ordered is a new intent.
  const change = <T,>(set: (v: T) => void) => (v: T) => {
    requestId.current = null;
    set(v);
  };
  const changeQuantity = change(setQuantity);

  const redeem = async () => {
    if (busy || !canRedeem) return;
    setConfirming(false);
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
        if (confirmed) toast.success('兑换成功');
        else toast.info('支付未完成，可在「我的兑换」中取消或稍后查看');
      } else {
        toast.success('兑换成功');
      }
      void Taro.redirectTo({ url: MALL_ORDERS });
    } catch (e) {
      if (isCloudError(e) && e.field) {
        // "delivery.phone" -> shown under the phone field; "quantity" under the stepper.
        const key = e.field.split('.').slice(-1)[0];
        setFieldError({ [key]: describeError(e) });
        toast.info('请检查标红的内容');
      } else {
        toast.error(e);
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
  else if (!detail.joined) label = '加入会员后兑换';
  else if (!item.available) label = item.reason ?? '暂不可兑换';
  else if (!enough) label = '积分不足';
  const storeName = stores.find((s) => s.id === storeId)?.name ?? '';
  /** The first action of a visitor asks them to join; a member confirms what is spent and what is left. */
  const tap = () => {
    if (!detail.joined) join.ask();
    else if (canRedeem && !busy) setConfirming(true);
  };

  return (
    <View>
      <View className="mall-card mall-item mall-item-detail">
        <ItemSummary item={item} large />
      </View>

      <Card title="兑换" className="mall-redeem-form">
        <Field label="数量" error={fieldError.quantity}>
          <Stepper value={quantity} max={limit} onChange={changeQuantity} className="mall-quantity" />
        </Field>

        {modes.length > 0 && (
          <Field label="领取方式">
            <Segmented<Mode>
              options={[
                ...(modes.includes('pickup') ? [{ value: 'pickup' as const, label: item.kind === 'experience' ? '到店核销' : '门店自提' }] : []),
                ...(modes.includes('express') ? [{ value: 'express' as const, label: '快递到家' }] : []),
              ]}
              value={mode}
              onChange={change(setMode)}
              optionClass="mall-delivery"
              className="mall-delivery-modes"
            />
          </Field>
        )}

        {modes.length > 0 && mode === 'pickup' && (
          <Field label="自提门店" error={fieldError.storeId} hint={stores.find((s) => s.id === storeId)?.address || undefined}>
            <View className="choice">
              {stores.map((s) => (
                <View key={s.id} className={`choice__option mall-store ${storeId === s.id ? 'choice__option--active' : ''}`} onClick={() => change(setStoreId)(s.id)}>
                  {s.name}
                </View>
              ))}
            </View>
          </Field>
        )}

        {modes.length > 0 && mode === 'express' && (
          <View className="mall-address">
            <Field label="收件人" error={fieldError.name}>
              <Input className="ui-input mall-address-name" value={address.name} maxlength={20} placeholder="姓名" onInput={(e) => setField('name')(e.detail.value)} />
            </Field>
            <Field label="手机号" error={fieldError.phone}>
              <Input className="ui-input mall-address-phone" type="number" value={address.phone} maxlength={11} placeholder="11 位手机号" onInput={(e) => setField('phone')(e.detail.value)} />
            </Field>
            <Field label="所在地区" error={fieldError.region}>
              <Input className="ui-input mall-address-region" value={address.region} maxlength={60} placeholder="省 市 区" onInput={(e) => setField('region')(e.detail.value)} />
            </Field>
            <Field label="详细地址" error={fieldError.detail}>
              <Input className="ui-input mall-address-detail" value={address.detail} maxlength={120} placeholder="街道、门牌号" onInput={(e) => setField('detail')(e.detail.value)} />
            </Field>
          </View>
        )}

        <View className="mall-redeem-total">
          合计 <View className="mall-redeem-total__value mall-total">{priceText(item.pricePoints, item.cashFen, quantity)}</View>
        </View>
        <View className="mall-card__meta mall-redeem-balance">可用积分 {formatNumber(detail.balance)}</View>
      </Card>

      <Button block className="mall-redeem" disabled={detail.joined && !canRedeem} loading={busy} loadingText="兑换中…" onClick={tap}>
        {label}
      </Button>
      <ConfirmSheet
        open={confirming}
        title="确认兑换"
        rows={[
          { label: '商品', value: `${item.title} × ${quantity}`, className: 'mall-confirm-item' },
          ...(modes.length > 0 ? [{ label: mode === 'pickup' ? (item.kind === 'experience' ? '参加门店' : '自提门店') : '配送', value: mode === 'pickup' ? storeName : '快递到家' }] : []),
          { label: '使用积分', value: formatPoints(totalPoints), emphasis: true, className: 'mall-confirm-points' },
          ...(item.cashFen > 0 ? [{ label: '另需支付', value: formatMoney(item.cashFen * quantity) }] : []),
          { label: '兑换后剩余', value: formatPoints(detail.balance - totalPoints), className: 'mall-confirm-after' },
        ]}
        note={item.kind === 'coupon' ? '兑换的券将存入「我的券」，兑换后不可取消。' : '待领取前可在「我的兑换」中取消，积分原路退回。'}
        confirmText="确认兑换"
        busy={busy}
        onConfirm={() => void redeem()}
        onCancel={() => setConfirming(false)}
        className="mall-confirm"
      />
      {join.dialog}
    </View>
  );
}
