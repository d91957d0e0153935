import { randomBytes } from 'node:crypto';
import { isDatabaseError } from '../../_platform/database.port';
import { tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { USED_CODES, type UsedCodeRecord } from '../member/member-code.record';
import { expiryOf } from '../member/member-code.rules';
import { verifyMemberCode } from '../member/member-code.service';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { loadPointsNow } from '../points/points-ledger.service';
import type { StaffContext } from '../shared/access';
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
  const verdict = verifyMemberCode(ctx.secrets, input.code.trim(), now);
  if (!verdict.ok) {
    throw verdict.reason === 'expired'
      ? new AppError('CODE_EXPIRED', '会员码已过期，请让会员刷新后重新出示')
      : new AppError('CODE_INVALID', '无法识别的会员码');
  }
  const { claims } = verdict;

  const [found, { tiers }] = await Promise.all([
    ctx.db.collection<MemberRecord>(MEMBERS).where({ memberNo: claims.memberNo }).limit(1).get(),
    loadConfig(ctx, tierConfig),
  ]);
  const member = found.data[0];
  if (!member) throw new AppError('MEMBER_NOT_FOUND', '找不到该会员');
  const points = await loadPointsNow(ctx.db, member._id, now);

  // Drawn outside the transaction: a retried attempt reuses the same id.
  const visitId = randomBytes(12).toString('base64url');
  const expiresAt = visitExpiry(now);
  const clerk = ctx.caller.openid;
  try {
    await ctx.db.runTransaction(async (tx) => {
      const used: UsedCodeRecord = {
        _id: claims.jti,
        _openid: member._id,
        memberNo: member.memberNo,
        usedBy: clerk,
        storeId: ctx.staff.storeId,
        visitId,
        usedAt: now,
        expiresAt: expiryOf(claims),
      };
      await tx.collection(USED_CODES).add({ data: { ...used } });
      const { _id, ...visit }: StaffVisitRecord = {
        _id: visitId,
        _openid: member._id,
        memberOpenid: member._id,
        memberNo: member.memberNo,
        clerk,
        storeId: ctx.staff.storeId,
        jti: claims.jti,
        expiresAt,
        createdAt: now,
      };
      await tx.collection(STAFF_VISITS).doc(_id).set({ data: visit });
      await appendAudit(
        tx,
        ctx.staff,
        { action: 'member.scan', target: member._id, detail: { memberNo: member.memberNo, visitId, jti: claims.jti } },
        now,
      );
    });
  } catch (e) {
    // The only document this transaction creates under a predictable id is used_codes/<jti>.
    if (isDatabaseError(e, 'duplicate-key')) throw new AppError('CODE_USED', '这个会员码已经被扫过了');
    throw e;
  }

  return toMemberAtTillView({ visitId, expiresAt, member, points, tiers, now });
}
