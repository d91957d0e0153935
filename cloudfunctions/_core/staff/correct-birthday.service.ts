import { MEMBERS, type MemberRecord } from '../member/member.record';
import { maskName } from '../member/member.rules';
import type { StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { AppError } from '../shared/errors';
import { runOnce } from '../shared/idempotency';
import type { CorrectBirthdayInput, CorrectBirthdayOutput } from './staff.schema';

/** Members set their birthday once; afterwards a clerk corrects it (e.g. after seeing an ID), audited. */
export async function correctBirthday(ctx: StaffContext, input: CorrectBirthdayInput): Promise<CorrectBirthdayOutput> {
  const found = await ctx.db.collection<MemberRecord>(MEMBERS).where({ memberNo: input.memberNo }).limit(1).get();
  const target = found.data[0];
  if (!target) throw new AppError('MEMBER_NOT_FOUND', '找不到该会员');

  return runOnce(ctx, 'staff.correctBirthday', input.requestId, async (tx, now) => {
    const member = (await tx.collection<MemberRecord>(MEMBERS).doc(target._id).get()).data;
    await tx.collection(MEMBERS).doc(member._id).update({
      data: { birthday: ctx.db.command.set(input.birthday), updatedAt: now },
    });
    await appendAudit(
      tx,
      ctx.staff,
      {
        action: 'member.correctBirthday',
        target: member._id,
        detail: { memberNo: member.memberNo, from: member.birthday, to: input.birthday, reason: input.reason },
      },
      now,
    );
    return { memberNo: member.memberNo, maskedName: maskName(member.nickname), birthday: input.birthday };
  });
}
