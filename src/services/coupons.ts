/** Coupon calls (领券中心, 我的券, the coupon's till code, staff redemption) and their display helpers. */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';
import { formatMoney } from '../utils/format';

export type CouponCenter = CloudOutput<'coupons', 'center'>;
export type CouponTemplateItem = CouponCenter['items'][number];
export type MyCoupon = CloudOutput<'coupons', 'mine'>['coupons'][number];
export type CouponStatus = MyCoupon['status'];
export type CouponKind = MyCoupon['kind'];
export type CouponRedeemed = CloudOutput<'coupons', 'redeem'>;
export type CouponRedeemInput = CloudInput<'coupons', 'redeem'>;
export type CouponUndone = CloudOutput<'coupons', 'undoRedeem'>;
export type CouponInspected = CloudOutput<'coupons', 'inspect'>;
export type CouponInspectInput = CloudInput<'coupons', 'inspect'>;

export const couponsService = {
  center: () => callCloud('coupons', 'center'),
  /** The same request id is the same coupon: reuse it when retrying one tap, make a new one per claim. */
  claim: (templateId: string, requestId: string) => callCloud('coupons', 'claim', { templateId, requestId }),
  /** Records one expiry-reminder subscription the member accepted in wx.requestSubscribeMessage. */
  subscribe: (template: string, requestId: string) => callCloud('coupons', 'subscribe', { template, requestId }),
  mine: (status: CouponStatus) => callCloud('coupons', 'mine', { status }),
  /** The till QR of one unused coupon: signed, valid 60 s, refreshed like the member code. */
  code: (couponId: string) => callCloud('coupons', 'code', { couponId }),
  /** Staff: read a coupon's code and see it before confirming (writes nothing; returns a 5-minute ticket). */
  inspect: (input: CouponInspectInput) => callCloud('coupons', 'inspect', input),
  /** Staff: idempotent by redemption number (one per inspected coupon at the desk). */
  redeem: (input: CouponRedeemInput) => callCloud('coupons', 'redeem', input),
  undoRedeem: (redemptionNo: string, reason: string) => callCloud('coupons', 'undoRedeem', { redemptionNo, reason }),
};

/** 15 (% off) -> "8.5折", 20 -> "8折". */
export function formatDiscount(percentOff: number): string {
  const rest = 100 - percentOff;
  return rest % 10 === 0 ? `${rest / 10}折` : `${Math.floor(rest / 10)}.${rest % 10}折`;
}

/** The ticket's big value and its condition line. */
export function couponFace(kind: CouponKind): { value: string; condition: string } {
  switch (kind.type) {
    case 'amount_off':
      return {
        value: formatMoney(kind.amountOffFen),
        condition: kind.thresholdFen > 0 ? `满 ${formatMoney(kind.thresholdFen)} 可用` : '无门槛',
      };
    case 'percent_off': {
      const parts = [kind.thresholdFen > 0 ? `满 ${formatMoney(kind.thresholdFen)} 可用` : '无门槛'];
      if (kind.capFen > 0) parts.push(`最高减 ${formatMoney(kind.capFen)}`);
      return { value: formatDiscount(kind.percentOff), condition: parts.join('，') };
    }
    case 'gift':
      return { value: '礼品', condition: kind.giftName };
  }
}

/** Where a coupon can be used (store names from the server). */
export function storesText(storeNames: readonly string[]): string {
  return storeNames.length === 0 ? '全部门店可用' : `限${storeNames.join('、')}使用`;
}
