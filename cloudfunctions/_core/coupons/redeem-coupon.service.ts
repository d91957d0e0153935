import type { StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { requireSecret, signatureChecker } from '../shared/signed-token';
import { readTicket } from '../shared/till-ticket';
import { COUPON_REDEMPTIONS, COUPONS, type CouponRecord, type CouponRedemptionRecord } from './coupon.record';
import { discountFen, effectiveStatus, judgeCouponToken, judgeUse } from './coupon.rules';
import type { CouponStatus, RedeemInput, RedeemView, UndoRedeemInput, UndoRedeemView } from './coupon.schema';

function redeemView(r: CouponRedemptionRecord, c: Pick<CouponRecord, 'title' | 'kind'>, repeated: boolean): RedeemView {
  return {
    redemptionNo: r._id,
    repeated,
    couponId: r.couponId,
    title: c.title,
    kind: c.kind,
    discountFen: r.discountFen,
    redeemedAt: r.redeemedAt.toISOString(),
    undoUntil: r.undoUntil.toISOString(),
  };
}

/**
 * A clerk scans a member's coupon code. The coupon's change to `used`, the redemption record (its id is the
 * till's redemption number: a retry returns the first answer, or REDEMPTION_UNDONE once undone) and the audit entry commit together in one
 * transaction on the coupon's own document; of concurrent scans one wins and the others, re-run, see it used.
 */
export async function redeemCoupon(ctx: StaffContext, input: RedeemInput): Promise<RedeemView> {
  const now = ctx.clock.now();
  const read = readCouponId(ctx, input, now);
  if (!read.ok && read.reason === 'invalid') throw new AppError('CODE_INVALID', input.ticket ? '确认信息无效，请重新识别券码' : '无法识别的券码');

  const redemptions = ctx.db.collection<CouponRedemptionRecord>(COUPON_REDEMPTIONS);
  const prior = await getOrNull<CouponRedemptionRecord>(redemptions.doc(input.redemptionNo));
  if (prior) return repeatAnswer(ctx, prior, read.ok ? read.couponId : null);
  if (!read.ok) {
    throw new AppError('CODE_EXPIRED', input.ticket ? '确认已超过 5 分钟，请重新识别券码' : '券码已过期，请让会员刷新后重新出示');
  }
  const couponId = read.couponId;
  const today = businessDay(now);

  return ctx.db.runTransaction(async (tx) => {
    const again = await getOrNull<CouponRedemptionRecord>(tx.collection<CouponRedemptionRecord>(COUPON_REDEMPTIONS).doc(input.redemptionNo));
    if (again) return repeatAnswer(ctx, again, couponId);
    const ref = tx.collection<CouponRecord>(COUPONS).doc(couponId);
    const c = await getOrNull<CouponRecord>(ref);
    if (!c || c.status === 'claiming' || c.status === 'void') throw new AppError('COUPON_NOT_FOUND', '找不到这张券');
    const use = judgeUse(c, ctx.staff.storeId, today, input.orderFen);
    if (!use.ok) throw new AppError(use.code, use.reason);
    const discount = input.orderFen === undefined || c.kind.type === 'gift' ? null : discountFen(c.kind, input.orderFen);
    const record: CouponRedemptionRecord = {
      _id: input.redemptionNo,
      couponId,
      memberOpenid: c._openid,
      clerk: ctx.caller.openid,
      storeId: ctx.staff.storeId,
      status: 'done',
      redeemedAt: now,
      undoUntil: new Date(now.getTime() + c.undoMinutes * 60_000),
      discountFen: discount,
      orderFen: input.orderFen ?? null,
      undoneAt: null,
      undoneBy: null,
      undoReason: null,
    };
    await ref.update({ data: { status: 'used', usedAt: now, redemptionNo: input.redemptionNo, updatedAt: now } });
    const { _id, ...body } = record;
    await tx.collection(COUPON_REDEMPTIONS).doc(_id).set({ data: body });
    await appendAudit(
      tx,
      ctx.staff,
      { action: 'coupon.redeem', target: c._openid, detail: { couponId, templateId: c.templateId, redemptionNo: _id, orderFen: record.orderFen, discountFen: discount } },
      now,
    );
    return redeemView(record, c, false);
  });
}

/** The coupon a redemption is for: from the inspect step's ticket (bound to this clerk), or a scanned code. */
function readCouponId(ctx: StaffContext, input: RedeemInput, now: Date): { ok: true; couponId: string } | { ok: false; reason: 'invalid' | 'expired' } {
  if (input.ticket) {
    const t = readTicket(ctx.secrets, 'coupon', input.ticket, ctx.caller.openid, now);
    return t.ok ? { ok: true, couponId: t.subject } : t;
  }
  const secret = requireSecret(ctx.secrets, 'MEMBER_CODE_SECRET', 'coupons');
  const verdict = judgeCouponToken(input.code ?? '', now, signatureChecker(secret));
  return verdict.ok ? { ok: true, couponId: verdict.claims.couponId } : verdict;
}

/**
 * A retry of a redemption number answers what that redemption is now: the first answer while it stands,
 * REDEMPTION_UNDONE once it was undone (never a success: the coupon is not redeemed, and the till must not
 * be told it is).
 */
async function repeatAnswer(ctx: StaffContext, prior: CouponRedemptionRecord, couponId: string | null): Promise<RedeemView> {
  if (couponId !== null && prior.couponId !== couponId) throw new AppError('ORDER_CONFLICT', '这个核销单号已用于另一张券');
  if (prior.status === 'undone') throw new AppError('REDEMPTION_UNDONE', '这次核销已被撤销，券已退回会员账户；如需核销，请重新扫码');
  const c = await getOrNull<CouponRecord>(ctx.db.collection<CouponRecord>(COUPONS).doc(prior.couponId));
  if (!c) throw new AppError('COUPON_NOT_FOUND', '找不到这张券');
  return redeemView(prior, c, true);
}

/** Undo at the same store within the coupon's undo window: the coupon is usable again; audited. */
export async function undoRedeem(ctx: StaffContext, input: UndoRedeemInput): Promise<UndoRedeemView> {
  const now = ctx.clock.now();
  const today = businessDay(now);
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<CouponRedemptionRecord>(COUPON_REDEMPTIONS).doc(input.redemptionNo);
    const r = await getOrNull<CouponRedemptionRecord>(ref);
    // Another store's redemption is "not found" to this clerk.
    if (!r || r.storeId !== ctx.staff.storeId) throw new AppError('REDEMPTION_NOT_FOUND', '找不到这笔核销');
    const couponRef = tx.collection<CouponRecord>(COUPONS).doc(r.couponId);
    const c = await getOrNull<CouponRecord>(couponRef);
    if (!c) throw new AppError('REDEMPTION_NOT_FOUND', '找不到这笔核销');
    if (r.status === 'undone') {
      return { redemptionNo: r._id, couponId: r.couponId, repeated: true, status: effectiveStatus(c.status as CouponStatus, c.validTo, today) };
    }
    if (now.getTime() > r.undoUntil.getTime()) throw new AppError('UNDO_WINDOW_PASSED', '已超过可撤销时间');
    await couponRef.update({ data: { status: 'unused', usedAt: null, redemptionNo: null, updatedAt: now } });
    await ref.update({ data: { status: 'undone', undoneAt: now, undoneBy: ctx.caller.openid, undoReason: input.reason } });
    await appendAudit(
      tx,
      ctx.staff,
      { action: 'coupon.undoRedeem', target: c._openid, detail: { couponId: c._id, redemptionNo: r._id, reason: input.reason } },
      now,
    );
    return { redemptionNo: r._id, couponId: r.couponId, repeated: false, status: effectiveStatus('unused', c.validTo, today) };
  });
}
