import { COMMUNITY_MEMBERS, type CommunityMemberRecord } from '../community/community.record';
import { ensureProfile, snapshotOf } from '../community/community-members.service';
import { authorView } from '../community/post-views';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import type { MemberContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import type { UseCaseContext } from '../shared/use-case-context';
import { INVITE_CARDS, type InviteCardRecord } from './koc.record';
import { inviteScene, parseInviteScene } from './koc.rules';
import type { InviteCardView, ResolveInviteInput, ResolveInviteView } from './koc.schema';

/** The page a friend lands on: the home page reads `scene` and shows who invited them. */
export const INVITE_PAGE = 'pages/home/index';

/**
 * The member's invitation card: their name and a mini-program code (wxacode.getUnlimited) whose scene is their
 * public id. Generated once and kept in cloud storage (the code never changes for a member); no reward is
 * attached to inviting, by design.
 */
export async function inviteCard(ctx: MemberContext): Promise<InviteCardView> {
  const profile = await ensureProfile(ctx.db, ctx.member, ctx.clock.now());
  const scene = inviteScene(profile.publicId);
  const cards = ctx.db.collection<InviteCardRecord>(INVITE_CARDS);
  const card = await getOrNull<InviteCardRecord>(cards.doc(ctx.member._id));
  let url = card ? (await ctx.storage.tempUrls([card.fileId]))[card.fileId] : undefined;
  if (!url) {
    const png = await ctx.openapi.getUnlimitedCode({ scene, page: INVITE_PAGE, width: 430 });
    const { fileId } = await ctx.storage.upload({ cloudPath: `koc/invite/${profile.publicId}.png`, content: png });
    await cards.doc(ctx.member._id).set({ data: { fileId, scene, createdAt: ctx.clock.now() } });
    url = (await ctx.storage.tempUrls([fileId]))[fileId];
  }
  return { inviter: authorView(snapshotOf(ctx.member, profile, false)), codeUrl: url ?? '', scene };
}

/** Opening the mini-program from an invitation code: who invited (null for a scene that is not ours). */
export async function resolveInvite(ctx: UseCaseContext, input: ResolveInviteInput): Promise<ResolveInviteView> {
  const publicId = parseInviteScene(input.scene);
  if (!publicId) return { inviter: null };
  const { data } = await ctx.db.collection<CommunityMemberRecord>(COMMUNITY_MEMBERS).where({ publicId }).limit(1).get();
  const profile = data[0];
  const member = profile ? await getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(profile._id)) : null;
  return { inviter: profile && member ? authorView(snapshotOf(member, profile, false)) : null };
}
