/** Coupon calls (领券中心, 我的券, the coupon's till code, staff redemption) and their display helpers. */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';

export type CouponCenter = CloudOutput<'coupons', 'center'>;
export type CouponTemplateItem = CouponCenter['items'][number];
export type MyCoupon = CloudOutput<'coupons', 'mine'>['coupons'][number];
export type CouponStatus = MyCoupon['status'];
export type CouponKind = MyCoupon['kind'];
export type CouponRedeemed = CloudOutput<'coupons', 'redeem'>;
export type CouponRedeemInput = CloudInput<'coupons', 'redeem'>;
export type CouponUndone = CloudOutput<'coupons', 'undoRedeem'>;

export const couponsService = {
  center: () => callCloud('coupons', 'center'),
  /** The same request id is the same coupon: reuse it when retrying one tap, make a new one per claim. */
  claim: (templateId: string, requestId: string) => callCloud('coupons', 'claim', { templateId, requestId }),
  /** Records one expiry-reminder subscription the member accepted in wx.requestSubscribeMessage. */
  subscribe: (template: string, requestId: string) => callCloud('coupons', 'subscribe', { template, requestId }),
  mine: (status: CouponStatus) => callCloud('coupons', 'mine', { status }),
  /** The till QR of one unused coupon: signed, valid 60 s, refreshed like the member code. */
  code: (couponId: string) => callCloud('coupons', 'code', { couponId }),
  /** Staff: idempotent by redemption number (one per scanned coupon at the desk). */
  redeem: (input: CouponRedeemInput) => callCloud('coupons', 'redeem', input),
  undoRedeem: (redemptionNo: string, reason: string) => callCloud('coupons', 'undoRedeem', { redemptionNo, reason }),
};

/** 12800 -> "¥128.00", 5 -> "¥0.05": integer fen, never float math. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Face values: whole yuan without decimals ("¥30"), otherwise as formatFen ("¥12.80"). */
export function formatFenShort(fen: number): string {
  return fen % 100 === 0 ? `¥${Math.trunc(fen / 100)}` : formatFen(fen);
}

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
        value: formatFenShort(kind.amountOffFen),
        condition: kind.thresholdFen > 0 ? `满${formatFenShort(kind.thresholdFen).slice(1)}元可用` : '无门槛',
      };
    case 'percent_off': {
      const parts = [kind.thresholdFen > 0 ? `满${formatFenShort(kind.thresholdFen).slice(1)}元可用` : '无门槛'];
      if (kind.capFen > 0) parts.push(`最高减${formatFenShort(kind.capFen).slice(1)}元`);
      return { value: formatDiscount(kind.percentOff), condition: parts.join('，') };
    }
    case 'gift':
      return { value: '礼品', condition: kind.giftName };
  }
}

/** Where a coupon can be used. */
export function storesText(stores: readonly string[]): string {
  return stores.length === 0 ? '全部门店可用' : `限门店 ${stores.join('、')} 使用`;
}
