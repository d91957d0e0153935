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
    // Conditional on "still unset": of two concurrent first settings, exactly one lands.
    const { stats } = await members
      .where({ _id: member._id, birthday: null })
      .update({ data: { ...changes, birthday: ctx.db.command.set(input.birthday) } });
    if (stats.updated !== 1) {
      const fresh = (await members.doc(member._id).get()).data;
      if (!birthdayChangeAllowed(fresh.birthday, input.birthday)) {
        throw new AppError('BIRTHDAY_LOCKED', BIRTHDAY_LOCKED_MESSAGE);
      }
      await members.doc(member._id).update({ data: changes });
    }
  } else {
    await members.doc(member._id).update({ data: changes });
  }
  const fresh = (await members.doc(member._id).get()).data;
  return getMemberCenter({ ...ctx, member: fresh });
}
