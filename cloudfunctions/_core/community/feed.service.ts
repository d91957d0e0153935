import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import { CERTIFICATES, COMMUNITY_MEMBERS, MOD_CASES, POSTS, type CertificateRecord, type CommunityMemberRecord, type PostRecord } from './community.record';
import type { FeedInput, FeedView, MeView, ProfileInput, ProfileView } from './community.schema';
import { isMuted } from './moderation.rules';
import { loadDocs } from '../config/operator-collection';
import { BADGES } from './community-catalogue';
import { pageOf } from './feed.rules';
import { imageUrls } from '../shared/images';
import { ensureProfile, isModerator, isOfficial, loadMember, loadProfile, publicIdOf, snapshotOf } from './community-members.service';
import { toPostView } from './post-views';
import { viewerOf } from './posts.service';
import { authorView } from './post-views';

export async function pageOfPosts(
  ctx: UseCaseContext,
  where: Record<string, unknown>,
  key: 'latestKey' | 'hotKey',
  cursor: string | null,
  limit: number,
): Promise<FeedView> {
  const _ = ctx.db.command;
  const q = cursor ? { ...where, [key]: _.lt(cursor) } : where;
  const { data } = await ctx.db.collection<PostRecord>(POSTS).where(q).orderBy(key, 'desc').limit(limit + 1).get();
  const page = pageOf(data, limit, (p) => p[key]);
  const urls = await imageUrls(ctx.storage, page.items.flatMap((p) => p.images.map((i) => i.fileId)));
  const viewer = viewerOf(ctx.caller.openid);
  return { items: page.items.map((p) => toPostView(p, viewer, urls)), next: page.next };
}

/**
 * The feeds: latest, hot (feed.rules.ts) and by topic. One query a page: visible posts ordered by a stored,
 * unique key and paged by the last key seen (never skip). Author names and badges are on the posts. Visitors
 * read them too (they are asked to join at their first action).
 */
export async function feed(ctx: UseCaseContext, input: FeedInput): Promise<FeedView> {
  if (input.tab === 'hot') return pageOfPosts(ctx, { status: 'visible' }, 'hotKey', input.cursor, input.limit);
  if (input.tab === 'topic') return pageOfPosts(ctx, { status: 'visible', topics: input.topic }, 'latestKey', input.cursor, input.limit);
  return pageOfPosts(ctx, { status: 'visible' }, 'latestKey', input.cursor, input.limit);
}

/**
 * A member's page: their honours (badges, certificates) and posts. Their own page also lists their posts under
 * review or hidden, each with the reason. Visitors may open other members' pages; their own needs joining.
 */
export async function profile(ctx: UseCaseContext, input: ProfileInput): Promise<ProfileView> {
  const selfId = publicIdOf(ctx.caller.openid);
  const authorId = input.authorId ?? selfId;
  const self = authorId === selfId;
  const member = self ? await loadMember(ctx.db, ctx.caller.openid) : null;
  if (self && !member) throw new AppError('NOT_REGISTERED', '加入会员后就有自己的社区主页了');
  const _ = ctx.db.command;
  const profiles = ctx.db.collection<CommunityMemberRecord>(COMMUNITY_MEMBERS);
  // Opening one's own page joins the community (creates the profile others find by public id).
  const record = self
    ? await ensureProfile(ctx.db, member!, ctx.clock.now())
    : (await profiles.where({ publicId: authorId }).limit(1).get()).data[0] ?? null;
  if (!record && !self) throw new AppError('MEMBER_NOT_FOUND', '没有找到这位成员');
  const statuses = self ? _.in(['reviewing', 'visible', 'hidden']) : 'visible';
  const [posts, certificates, catalogue] = await Promise.all([
    pageOfPosts(ctx, { authorId, status: statuses }, 'latestKey', input.cursor, input.limit),
    record ? ctx.db.collection<CertificateRecord>(CERTIFICATES).where({ _openid: record._openid }).orderBy('createdAt', 'desc').limit(50).get() : Promise.resolve({ data: [] as CertificateRecord[] }),
    loadDocs(ctx.db, ctx.log, BADGES),
  ]);
  const descriptions = new Map(catalogue.map((b) => [b.code, b.description]));
  const now = ctx.clock.now();
  const author = record
    ? snapshotOf({ _id: record._openid, nickname: record.nickname, avatarUrl: record.avatarUrl }, record, posts.items[0]?.official ?? false)
    : snapshotOf(member!, null, false);
  return {
    author: authorView(author),
    self,
    posts: record?.posts ?? 0,
    likesReceived: record?.likesReceived ?? 0,
    badges: (record?.badges ?? []).map((b) => ({
      code: b.code,
      name: b.name,
      color: b.color,
      description: descriptions.get(b.code) ?? '',
      awardedAt: b.awardedAt.toISOString(),
      reason: b.reason,
    })),
    certificates: certificates.data.map((c) => ({ campaignId: c.campaignId, campaignTitle: c.campaignTitle, issuedOn: c.issuedOn })),
    muted: self && record ? mutedView(record, now) : null,
    feed: posts,
  };
}

const mutedView = (r: CommunityMemberRecord, now: Date): ProfileView['muted'] =>
  isMuted(r, now) ? { until: r.mutedUntil ? r.mutedUntil.toISOString() : null, suspended: r.suspended, note: r.restrictionNote } : null;

/**
 * The caller in the community (any WeChat user): joined or a visitor, a moderator or not, their name and badge,
 * a mute in force (the composer says so before anything is typed), and for moderators the open cases.
 */
export async function me(ctx: UseCaseContext): Promise<MeView> {
  const openid = ctx.caller.openid;
  const [member, official, moderator, record] = await Promise.all([loadMember(ctx.db, openid), isOfficial(ctx.db, openid), isModerator(ctx.db, openid), loadProfile(ctx.db, openid)]);
  const openCases = moderator ? (await ctx.db.collection(MOD_CASES).where({ status: 'open' }).count()).total : null;
  return {
    joined: member !== null,
    moderator,
    author: member ? authorView(snapshotOf(member, record, official)) : null,
    muted: record ? mutedView(record, ctx.clock.now()) : null,
    openCases,
  };
}
