import { useEffect, useRef, useState } from 'react';
import { Image, Input, Text, View } from '@tarojs/components';
import { countdownText, groupbuyService, type DealDelivery, type DealOrder, type Placed } from '../../services/groupbuy';
import { pay } from '../../services/payment/pay';
import { Field, Icon, Tag, type IconName, toast } from '../../ui';
import { formatMoney } from '../../utils/format';

/**
 * Remaining milliseconds until `target`, counted from the server's clock (`serverNow`, when the view was
 * loaded) plus the time since on this phone: a wrong phone clock cannot open a sale early.
 */
export function useServerCountdown(target: string | null, serverNow: string, onZero?: () => void): number {
  const loadedAt = useRef(Date.now());
  const [, tick] = useState(0);
  const fired = useRef(false);
  useEffect(() => {
    loadedAt.current = Date.now();
    fired.current = false;
  }, [serverNow]);
  useEffect(() => {
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, []);
  if (!target) return 0;
  const left = new Date(target).getTime() - (new Date(serverNow).getTime() + (Date.now() - loadedAt.current));
  if (left <= 0 && !fired.current && onZero) {
    fired.current = true;
    setTimeout(onZero, 0);
  }
  return Math.max(0, left);
}

export function Countdown({ target, serverNow, prefix, onZero, className = '' }: { target: string | null; serverNow: string; prefix: string; onZero?: () => void; className?: string }) {
  const left = useServerCountdown(target, serverNow, onZero);
  return (
    <View className={`gb-countdown ${className}`}>
      {prefix} <View className="gb-countdown__time">{countdownText(left)}</View>
    </View>
  );
}

export function Price({ fen, was }: { fen: number; was?: number }) {
  return (
    <View className="gb-price">
      <Text className="gb-price__now">{formatMoney(fen)}</Text>
      {was !== undefined && <Text className="gb-price__was">{formatMoney(was)}</Text>}
    </View>
  );
}

/**
 * A deal's title as a card shows it: the ' · ' before its kind stays at the end of a line and never starts one
 * (titles break only at spaces: 「新品尝鲜礼盒 ·」「两人团」 on a narrow phone, not 「· 两人团」).
 */
export const dealTitle = (title: string) => title.replace(/ · /g, '\u00a0· ');

/** 「超级用户专享」: the layers a deal or sale is for, as a tag beside its other tags (nothing when it is for everyone). */
export function LayerTag({ names }: { names: readonly string[] }) {
  if (names.length === 0) return null;
  return (
    <Tag tone="warning" className="gb-layer-tag">
      {names.join('、')}专享
    </Tag>
  );
}

export function Cover({ src, icon = 'users' }: { src?: string | null; icon?: IconName }) {
  if (!src) {
    return (
      <View className="gb-cover gb-cover--empty">
        <Icon name={icon} size="xl" color="primary" />
      </View>
    );
  }
  return <Image className="gb-cover" src={src} mode="aspectFill" />;
}

interface DeliveryChoice {
  modes: readonly ('pickup' | 'express')[];
  stores: readonly { id: string; name: string; address: string }[];
}

/** Pickup store or express address: the delivery a deal order is placed with. */
export function useDelivery({ modes, stores }: DeliveryChoice) {
  const [mode, setMode] = useState<'pickup' | 'express'>(modes.includes('pickup') ? 'pickup' : 'express');
  const [storeId, setStoreId] = useState(stores[0]?.id ?? '');
  const [address, setAddress] = useState({ name: '', phone: '', region: '', detail: '' });
  const delivery: DealDelivery =
    mode === 'pickup'
      ? { mode: 'pickup', storeId }
      : { mode: 'express', name: address.name.trim(), phone: address.phone.trim(), region: address.region.trim(), detail: address.detail.trim() };
  const storeName = stores.find((s) => s.id === storeId)?.name ?? '';
  /** One line for the confirmation sheet: how the member gets the goods. */
  const summary = mode === 'pickup' ? `门店自提 · ${storeName}` : `快递到家 · ${address.name.trim()} ${address.region.trim()}${address.detail.trim()}`;
  const form = (
    <View className="gb-delivery">
      <Field label="领取方式">
        <View className="choice">
          {modes.includes('pickup') && (
            <View className={`choice__option gb-delivery-pickup ${mode === 'pickup' ? 'choice__option--active' : ''}`} onClick={() => setMode('pickup')}>
              门店自提
            </View>
          )}
          {modes.includes('express') && (
            <View className={`choice__option gb-delivery-express ${mode === 'express' ? 'choice__option--active' : ''}`} onClick={() => setMode('express')}>
              快递到家
            </View>
          )}
        </View>
      </Field>
      {mode === 'pickup' ? (
        <Field label="自提门店" hint={stores.find((s) => s.id === storeId)?.address || undefined}>
          <View className="choice">
            {stores.map((s) => (
              <View key={s.id} className={`choice__option gb-store ${storeId === s.id ? 'choice__option--active' : ''}`} onClick={() => setStoreId(s.id)}>
                {s.name}
              </View>
            ))}
          </View>
        </Field>
      ) : (
        <View>
          {(['name', 'phone', 'region', 'detail'] as const).map((k) => (
            <Field key={k} label={{ name: '收件人', phone: '手机号', region: '所在地区', detail: '详细地址' }[k]}>
              <Input className={`ui-input gb-address-${k}`} value={address[k]} onInput={(e) => setAddress((a) => ({ ...a, [k]: e.detail.value }))} />
            </Field>
          ))}
        </View>
      )}
    </View>
  );
  return { delivery, form, summary };
}

/**
 * After placing an order: pay (WeChat Pay on weapp, the sandbox on H5), then let the server ask WeChat Pay.
 * Returns the order as the server then sees it (null when the member closed the payment sheet).
 */
export async function payPlaced(placed: Placed): Promise<DealOrder | null> {
  if (!placed.payment) return placed.order;
  const outcome = await pay(placed.order.orderNo, placed.payment);
  if (outcome !== 'paid') return null;
  try {
    return (await groupbuyService.confirm(placed.order.orderNo)).order;
  } catch (e) {
    toast.error(e);
    return null;
  }
}

export const ROLE_NAMES = { leader: '团长', member: '团员', buyer: '' } as const;
