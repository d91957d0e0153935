import { COUPONS, type CouponRecord } from '../coupons/coupon.record';
import type { MemberContext } from '../shared/access';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { loadBirthdaySetup } from './birthday-grant.service';
import { BIRTHDAY_GRANTS, grantId, type BirthdayGrantRecord } from './birthday.record';
import { windowContaining } from './birthday.rules';
import type { BirthdayCardView } from './birthday.schema';

/**
 * `birthday.card`: the birthday card the app shows while the caller's window is open, with what this year's
 * grant gave. Read only: the grant is made by the job, registration or the first birthday setting.
 */
export async function birthdayCard(ctx: MemberContext): Promise<BirthdayCardView> {
  const { cfg } = await loadBirthdaySetup(ctx);
  const closed: BirthdayCardView = {
    active: false,
    title: cfg.greeting.title,
    text: cfg.greeting.text,
    windowStart: null,
    windowEnd: null,
    points: 0,
    multiplierPercent: 100,
    coupons: [],
    preparing: false,
  };
  const birthday = ctx.member.birthday;
  if (!cfg.enabled || !birthday) return closed;
  const window = windowContaining(birthday, businessDay(ctx.clock.now()), cfg.window);
  if (!window) return closed;
  const grant = await getOrNull<BirthdayGrantRecord>(ctx.db.collection<BirthdayGrantRecord>(BIRTHDAY_GRANTS).doc(grantId(ctx.member._id, window.year)));
  const coupons = grant
    ? (await Promise.all(grant.couponIds.map((id) => getOrNull<CouponRecord>(ctx.db.collection<CouponRecord>(COUPONS).doc(id))))).filter(
        (c): c is CouponRecord & { _id: string } => c !== null,
      )
    : [];
  return {
    ...closed,
    active: true,
    windowStart: window.start,
    windowEnd: window.end,
    points: grant?.bonusPoints ?? 0,
    multiplierPercent: grant?.pointsMultiplierPercent ?? 100,
    coupons: coupons.map((c) => ({ id: c._id, title: c.title, validTo: c.validTo })),
    preparing: grant?.status !== 'granted',
  };
}
