import { randomInt } from 'node:crypto';
import { isDatabaseError } from '../../_platform/database.port';
import { privacyConfig, tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { finishOpenedGrant, loadBirthdaySetup, openGrantInTx } from '../birthday/birthday-grant.service';
import { checkMemberText } from '../shared/content-check';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import { newPointAccount } from '../points/points-account.rules';
import { loadPointsNow } from '../points/points-ledger.service';
import { POINT_ACCOUNTS } from '../points/points.record';
import { CONSENTS, MEMBERS, type MemberRecord } from './member.record';
import { MEMBER_NO_DIGITS, memberNoFromDigits, newMemberRecord, toMemberCenterView } from './member.rules';
import type { MemberCenterView, RegisterInput } from './member.schema';

const MEMBER_NO_ATTEMPTS = 5;

/**
 * One transaction creates the member, the points account and the consent record, so there is never a
 * member without recorded consent. Keyed by openid: a repeat (or a concurrent double tap) returns the
 * existing member and writes nothing.
 */
export async function registerMember(ctx: UseCaseContext, input: RegisterInput): Promise<MemberCenterView> {
  const policy = await loadConfig(ctx, privacyConfig);
  if (input.consent.policyVersion !== policy.version) {
    throw new AppError('CONSENT_REQUIRED', '隐私政策已更新，请重新阅读并同意');
  }
  // WeChat's content check before anything is written (the nickname is shown to staff and members).
  await checkMemberText(ctx, 'nickname', input.nickname);
  const [{ tiers }, birthday] = await Promise.all([loadConfig(ctx, tierConfig), loadBirthdaySetup(ctx)]);
  const openid = ctx.caller.openid;

  for (let attempt = 1; ; attempt++) {
    const memberNo = memberNoFromDigits(Array.from({ length: MEMBER_NO_DIGITS }, () => randomInt(10)));
    try {
      const { member, grant } = await ctx.db.runTransaction(async (tx) => {
        const existing = await getOrNull<MemberRecord>(tx.collection<MemberRecord>(MEMBERS).doc(openid));
        if (existing) return { member: existing, grant: null };
        const now = ctx.clock.now();
        const record = newMemberRecord({ openid, memberNo, input, tiers, now });
        const { _id, ...memberData } = record;
        await tx.collection(MEMBERS).doc(_id).set({ data: memberData });
        const { _id: accountId, ...account } = newPointAccount(openid, now);
        await tx.collection(POINT_ACCOUNTS).doc(accountId).set({ data: account });
        await tx.collection(CONSENTS).add({
          data: { _openid: openid, policyVersion: input.consent.policyVersion, acceptedAt: now, purpose: 'register' },
        });
        // Registering inside one's birthday window: the benefit the same day (the job already ran today).
        return { member: record, grant: await openGrantInTx(tx, birthday, record, now, 'register') };
      });
      await finishOpenedGrant(ctx, birthday, grant);
      return toMemberCenterView(member, await loadPointsNow(ctx.db, openid, ctx.clock.now()), tiers, ctx.clock.now());
    } catch (e) {
      // Another member drew the same number (unique index): draw again.
      if (isDatabaseError(e, 'duplicate-key') && attempt < MEMBER_NO_ATTEMPTS) continue;
      throw e;
    }
  }
}
