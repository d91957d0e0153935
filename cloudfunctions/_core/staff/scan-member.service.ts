import { randomBytes } from 'node:crypto';
import { isDatabaseError } from '../../_platform/database.port';
import { tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { USED_CODES, type UsedCodeRecord } from '../member/member-code.record';
import { expiryOf } from '../member/member-code.rules';
import { verifyMemberCode } from '../member/member-code.service';
import type { ManualCode } from '../member/member-code.schema';
import { looksLikeCouponCode } from '../coupons/coupon.rules';
import { matchPin, underPinLimits } from '../shared/one-time-pin';
import { pinExpiry, pinUseId } from '../shared/one-time-pin.rules';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { loadPointsNow } from '../points/points-ledger.service';
import type { StaffContext } from '../shared/access';
import type { UseCaseContext } from '../shared/use-case-context';
import { appendAudit } from '../shared/audit';
import { AppError } from '../shared/errors';
import { toMemberAtTillView } from './member-at-till.rules';
import type { MemberAtTillView, ScanMemberInput } from './staff-till.schema';
import { STAFF_VISITS, type StaffVisitRecord } from './staff-visit.record';
import { visitExpiry } from './staff-visit.rules';

/**
 * A clerk scans the code on a member's card: check it (signature, expiry), consume it once, and open a
 * ten-minute visit for recording purchases. The code's consumption, the visit and the audit entry commit
 * together; a second scan of the same code (a replay, or two tills at once) fails on `used_codes/<jti>`.
 */
export async function scanMember(ctx: StaffContext, input: ScanMemberInput): Promise<MemberAtTillView> {
  const now = ctx.clock.now();
  const { member, useId, useExpiresAt } = await readMemberCode(ctx, input, now);
  const [{ tiers }, points] = await Promise.all([loadConfig(ctx, tierConfig), loadPointsNow(ctx.db, member._id, now)]);

  // Drawn outside the transaction: a retried attempt reuses the same id.
  const visitId = randomBytes(12).toString('base64url');
  const expiresAt = visitExpiry(now);
  const clerk = ctx.caller.openid;
  try {
    await ctx.db.runTransaction(async (tx) => {
      const used: UsedCodeRecord = {
        _id: useId,
        _openid: member._id,
        memberNo: member.memberNo,
        usedBy: clerk,
        storeId: ctx.staff.storeId,
        visitId,
        usedAt: now,
        expiresAt: useExpiresAt,
      };
      await tx.collection(USED_CODES).add({ data: { ...used } });
      const { _id, ...visit }: StaffVisitRecord = {
        _id: visitId,
        _openid: member._id,
        memberOpenid: member._id,
        memberNo: member.memberNo,
        clerk,
        storeId: ctx.staff.storeId,
        jti: useId,
        expiresAt,
        createdAt: now,
      };
      await tx.collection(STAFF_VISITS).doc(_id).set({ data: visit });
      await appendAudit(
        tx,
        ctx.staff,
        { action: 'member.scan', target: member._id, detail: { memberNo: member.memberNo, visitId, jti: useId, manual: Boolean(input.manual) } },
        now,
      );
    });
  } catch (e) {
    // The only document this transaction creates under a predictable id is used_codes/<jti>.
    if (isDatabaseError(e, 'duplicate-key')) {
      throw new AppError('CODE_USED', input.manual ? '这个动态码已经用过了，请等会员卡上的数字刷新后再输入' : '这个会员码已经被扫过了，请让会员刷新后重新出示');
    }
    throw e;
  }

  return toMemberAtTillView({ visitId, expiresAt, member, points, tiers, now });
}

/**
 * The member behind a code shown on the card page: the QR's signed text, or the member number and the card's
 * 6 digits (under the attempt limits). Shared by the till and the offline events' attendance.
 */
export function readMemberCode(ctx: UseCaseContext, input: ScanMemberInput, now: Date): Promise<ReadCode> {
  return input.manual ? readTypedCode(ctx, input.manual, now) : readScannedCode(ctx, input.code ?? '', now);
}

export interface ReadCode {
  member: MemberRecord;
  /** The id consumed in `used_codes` (the QR's jti, or the typed code's member and step). */
  useId: string;
  useExpiresAt: Date;
}

async function memberByNo(ctx: UseCaseContext, memberNo: string): Promise<MemberRecord | null> {
  const found = await ctx.db.collection<MemberRecord>(MEMBERS).where({ memberNo }).limit(1).get();
  return found.data[0] ?? null;
}

/** The QR's text: signature first, then expiry. A coupon's code at this desk is named as such. */
async function readScannedCode(ctx: UseCaseContext, code: string, now: Date): Promise<ReadCode> {
  const token = code.trim();
  const verdict = verifyMemberCode(ctx.secrets, token, now);
  if (!verdict.ok) {
    if (verdict.reason === 'expired') throw new AppError('CODE_EXPIRED', '会员码已过期，请让会员刷新后重新出示');
    if (looksLikeCouponCode(token)) throw new AppError('CODE_INVALID', '这是优惠券的券码，请在「核销优惠券」中处理');
    throw new AppError('CODE_INVALID', '无法识别的会员码，请让会员打开「会员码」页重新出示');
  }
  const member = await memberByNo(ctx, verdict.claims.memberNo);
  if (!member) throw new AppError('MEMBER_NOT_FOUND', '找不到该会员');
  return { member, useId: verdict.claims.jti, useExpiresAt: expiryOf(verdict.claims) };
}

/** The member number and the card's 6 digits, under the attempt limits (see one-time-pin.rules.ts). */
async function readTypedCode(ctx: UseCaseContext, manual: ManualCode, now: Date): Promise<ReadCode> {
  const read = await underPinLimits(ctx, manual.memberNo, ctx.caller.openid, async () => {
    const member = await memberByNo(ctx, manual.memberNo);
    const step = member ? matchPin(ctx.secrets, 'member', member.memberNo, manual.pin, now) : null;
    return member && step !== null ? { member, step } : null;
  });
  if (!read) throw new AppError('CODE_INVALID', '会员号或动态码不对，请核对会员码页上的数字');
  return { member: read.member, useId: pinUseId('member', read.member.memberNo, read.step), useExpiresAt: pinExpiry(read.step) };
}
