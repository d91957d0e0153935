import { couponsContract } from '../_core/contracts/coupons.contract';
import { claimCoupon } from '../_core/coupons/claim-coupon.service';
import { couponsDailyJob } from '../_core/coupons/coupons-daily.job';
import { getCenter, getMine, issueCouponCode, subscribe } from '../_core/coupons/coupon-views.service';
import { inspectCoupon } from '../_core/coupons/inspect-coupon.service';
import { redeemCoupon, undoRedeem } from '../_core/coupons/redeem-coupon.service';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(
  couponsContract,
  { center: getCenter, claim: claimCoupon, mine: getMine, code: issueCouponCode, subscribe, inspect: inspectCoupon, redeem: redeemCoupon, undoRedeem },
  { daily: couponsDailyJob },
);
