import type { PropsWithChildren } from 'react';
import { Image, View } from '@tarojs/components';
import { couponFace, type CouponKind, type CouponTemplateItem } from '../../services/coupons';
import { formatDay } from '../../utils/format';

/** A coupon drawn as a ticket: value and condition on the left, title and terms (children) on the right. */
export function Ticket({
  className,
  kind,
  title,
  muted,
  image,
  children,
}: PropsWithChildren<{ className: string; kind: CouponKind; title: string; muted?: boolean; image?: string | null }>) {
  const face = couponFace(kind);
  return (
    <View className={`ticket ${muted ? 'ticket--muted' : ''} ${className}`}>
      <View className="ticket__value">
        <View className="ticket__amount coupon-value">{face.value}</View>
        <View className="ticket__condition">{face.condition}</View>
      </View>
      <View className="ticket__body">
        {image && <Image className="ticket__image coupon-image" src={image} mode="aspectFill" />}
        <View className="ticket__title coupon-title">{title}</View>
        {children}
      </View>
    </View>
  );
}

export function validityText(item: Pick<CouponTemplateItem, 'validity'>): string {
  const v = item.validity;
  return v.mode === 'fixed' ? `${formatDay(v.from)} 至 ${formatDay(v.to)} 可用` : `领取后 ${v.days} 天内可用`;
}
