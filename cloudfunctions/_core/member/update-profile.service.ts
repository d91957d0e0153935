import { finishOpenedGrant, loadBirthdaySetup, openGrantInTx } from '../birthday/birthday-grant.service';
import type { MemberContext } from '../shared/access';
import { checkMemberText } from '../shared/content-check';
import { AppError } from '../shared/errors';
import { MEMBERS, type MemberRecord } from './member.record';
import { birthdayChangeAllowed } from './member.rules';
import type { MemberCenterView, UpdateProfileInput } from './member.schema';
import { getMemberCenter } from './member-views.service';

const BIRTHDAY_LOCKED_MESSAGE = '生日已设置，如需修改请联系门店';

export async function updateProfile(ctx: MemberContext, input: UpdateProfileInput): Promise<MemberCenterView> {
  const { member } = ctx;
  if (input.birthday && !birthdayChangeAllowed(member.birthday, input.birthday)) {
    throw new AppError('BIRTHDAY_LOCKED', BIRTHDAY_LOCKED_MESSAGE);
  }
  if (input.nickname !== undefined && input.nickname !== member.nickname) await checkMemberText(ctx, 'nickname', input.nickname);
  const now = ctx.clock.now();
  const changes: Partial<MemberRecord> = { updatedAt: now };
  if (input.nickname !== undefined) changes.nickname = input.nickname;
  if (input.avatarUrl !== undefined) changes.avatarUrl = input.avatarUrl;

  const members = ctx.db.collection<MemberRecord>(MEMBERS);
  if (input.birthday && member.birthday === null) {
    const birthday = input.birthday;
    const setup = await loadBirthdaySetup(ctx);
    // One transaction: of two concurrent first settings exactly one lands (the other conflicts, re-runs and
    // finds the birthday set), and a birthday set inside its window opens this year's benefit with it.
    const grant = await ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<MemberRecord>(MEMBERS).doc(member._id);
      const fresh = (await ref.get()).data;
      if (fresh.birthday !== null) {
        if (!birthdayChangeAllowed(fresh.birthday, birthday)) throw new AppError('BIRTHDAY_LOCKED', BIRTHDAY_LOCKED_MESSAGE);
        await ref.update({ data: changes });
        return null;
      }
      await ref.update({ data: { ...changes, birthday: ctx.db.command.set(birthday) } });
      return openGrantInTx(tx, setup, { ...fresh, birthday }, now, 'profile');
    });
    await finishOpenedGrant(ctx, setup, grant);
  } else {
    await members.doc(member._id).update({ data: changes });
  }
  const fresh = (await members.doc(member._id).get()).data;
  return getMemberCenter({ ...ctx, member: fresh });
}
