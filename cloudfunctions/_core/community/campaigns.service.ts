import { isDatabaseError, type Database } from '../../_platform/database.port';
import { loadDoc, loadDocs } from '../config/operator-collection';
import type { MemberContext } from '../shared/access';
import type { UseCaseContext } from '../shared/use-case-context';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { judgeJoin, progressOf, rankKey } from './campaign.rules';
import { judgeAudience } from '../scoring/audience.rules';
import { layersOf } from '../scoring/member-layers';
import { ensureCertificateImage } from './campaign-progress.service';
import { BADGES, CAMPAIGNS, TOPICS } from './community-catalogue';
import type { Badge, Campaign } from './community-config.schema';
import { ensureProfile, profilesByPublicId, publicIdOf, snapshotOf } from './community-members.service';
import {
  CAMPAIGN_COUNTS,
  CAMPAIGN_MEMBERS,
  CERTIFICATES,
  type CampaignCountRecord,
  type CampaignMemberRecord,
  type CertificateRecord,
} from './community.record';
import type { CampaignInput, CampaignsView, CampaignView, CertificateInput, CertificateView, JoinView, LeaderboardInput, LeaderboardView } from './community.schema';
import { pageOf } from './feed.rules';
import { imageUrls } from '../shared/images';
import { isMuted } from './moderation.rules';
import { authorView } from './post-views';

function toCampaignView(c: Campaign, today: string, joined: number, topicName: string, badge: Badge | null, mine: CampaignMemberRecord | null, image: string | null): CampaignView {
  const p = mine ? progressOf(mine.days) : null;
  return {
    campaignId: c.id,
    title: c.title,
    description: c.description,
    image,
    topic: { code: c.topic, name: topicName },
    days: c.days,
    streak: c.streak,
    from: c.from,
    to: c.to,
    capacity: c.capacity,
    joined,
    badge: badge ? { code: badge.code, name: badge.name, color: badge.color } : null,
    state: today < c.from ? 'upcoming' : today > c.to ? 'ended' : 'open',
    mine:
      mine && mine.status === 'joined' && p
        ? { count: p.count, streak: p.streak, bestStreak: p.bestStreak, days: p.days, checkedInToday: p.days.includes(today), finished: mine.finishedAt !== null }
        : null,
  };
}

async function context(db: Database, ctx: UseCaseContext, campaigns: Campaign[]) {
  const _ = db.command;
  const ids = campaigns.map((c) => c.id);
  const [topics, badges, counts, mine, urls] = await Promise.all([
    loadDocs(db, ctx.log, TOPICS),
    loadDocs(db, ctx.log, BADGES),
    ids.length ? db.collection<CampaignCountRecord>(CAMPAIGN_COUNTS).where({ _id: _.in(ids) }).limit(1000).get() : Promise.resolve({ data: [] as CampaignCountRecord[] }),
    db.collection<CampaignMemberRecord>(CAMPAIGN_MEMBERS).where({ _openid: ctx.caller.openid }).limit(1000).get(),
    imageUrls(ctx.storage, campaigns.map((c) => c.image)),
  ]);
  return {
    view: (c: Campaign, today: string) =>
      toCampaignView(
        c,
        today,
        counts.data.find((x) => x._id === c.id)?.joined ?? 0,
        topics.find((t) => t.code === c.topic)?.name ?? c.topic,
        badges.find((b) => b.code === c.badge) ?? null,
        mine.data.find((m) => m.campaignId === c.id) ?? null,
        c.image ? (urls[c.image] ?? null) : null,
      ),
  };
}

export async function listCampaigns(ctx: UseCaseContext): Promise<CampaignsView> {
  const campaigns = (await loadDocs(ctx.db, ctx.log, CAMPAIGNS)).filter((c) => c.active).sort((a, b) => a.sort - b.sort || (a.from < b.from ? 1 : -1));
  const today = businessDay(ctx.clock.now());
  const c = await context(ctx.db, ctx, campaigns);
  return { campaigns: campaigns.map((x) => c.view(x, today)) };
}

async function activeCampaign(ctx: UseCaseContext, id: string): Promise<Campaign> {
  const campaign = await loadDoc(ctx.db, ctx.log, CAMPAIGNS, id);
  if (!campaign || !campaign.active) throw new AppError('CAMPAIGN_NOT_FOUND', '没有找到这个活动');
  return campaign;
}

export async function campaignDetail(ctx: UseCaseContext, input: CampaignInput): Promise<CampaignView> {
  const campaign = await activeCampaign(ctx, input.campaignId);
  const c = await context(ctx.db, ctx, [campaign]);
  return c.view(campaign, businessDay(ctx.clock.now()));
}

/**
 * Joining takes a place without a transaction on the hot counter: the member's document first (its id makes
 * a second join a no-op), then `joined < capacity` by a conditional update; a full campaign removes the
 * member's document again. So capacity holds exactly under any number of concurrent joins.
 */
export async function joinCampaign(ctx: MemberContext, input: CampaignInput): Promise<JoinView> {
  const openid = ctx.member._id;
  const campaign = await activeCampaign(ctx, input.campaignId);
  const now = ctx.clock.now();
  const today = businessDay(now);
  const id = `${campaign.id}:${openid}`;
  const members = ctx.db.collection<CampaignMemberRecord>(CAMPAIGN_MEMBERS);
  const prior = await getOrNull(members.doc(id));
  if (prior?.status === 'joined') return { campaign: await campaignDetail(ctx, input), repeated: true };
  const verdict = judgeJoin(campaign, today);
  if (!verdict.ok) throw new AppError(verdict.code, verdict.reason);
  const a = campaign.audience;
  const layers = a.layers ? await layersOf(ctx.db, openid) : [];
  const audience = judgeAudience(a, { tierCode: ctx.member.tierCode, memberNo: ctx.member.memberNo, joinedDay: businessDay(ctx.member.createdAt), layers }, today, '参加');
  if (!audience.ok) throw new AppError('CAMPAIGN_NOT_ELIGIBLE', audience.reason);
  await ensureProfile(ctx.db, ctx.member, now);
  const row: Omit<CampaignMemberRecord, '_id'> = {
    _openid: openid,
    campaignId: campaign.id,
    topic: campaign.topic,
    status: 'joining',
    days: [],
    count: 0,
    streak: 0,
    bestStreak: 0,
    likes: 0,
    rankKey: rankKey(0, 0, openid),
    finishedAt: null,
    joinedAt: now,
    updatedAt: now,
  };
  try {
    await members.add({ data: { _id: id, ...row } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    throw new AppError('BUSY', '正在报名中，请稍后刷新');
  }
  try {
    if (!(await takePlace(ctx.db, campaign))) throw new AppError('CAMPAIGN_FULL', '活动名额已满');
    await ctx.db.collection(CAMPAIGN_MEMBERS).where({ _id: id, status: 'joining' }).update({ data: { status: 'joined' } });
  } catch (e) {
    await ctx.db.collection(CAMPAIGN_MEMBERS).where({ _id: id, status: 'joining' }).remove();
    throw e;
  }
  return { campaign: await campaignDetail(ctx, input), repeated: false };
}

async function takePlace(db: Database, c: Campaign): Promise<boolean> {
  const _ = db.command;
  const counts = db.collection<CampaignCountRecord>(CAMPAIGN_COUNTS);
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = await counts.where({ _id: c.id, joined: _.lt(c.capacity) }).update({ data: { joined: _.inc(1) } });
    if (r.stats.updated === 1) return true;
    const doc = await getOrNull(counts.doc(c.id));
    if (doc) {
      if (doc.joined >= c.capacity) return false;
      continue;
    }
    try {
      await counts.add({ data: { _id: c.id, joined: 1 } });
      return true;
    } catch (e) {
      if (!isDatabaseError(e, 'duplicate-key')) throw e;
    }
  }
  return false;
}

/**
 * The campaign's leaderboard: counted days, then likes from others on the check-in posts; one query a page
 * by the stored rank key, plus the page's profiles (names, badges and restrictions): muted and suspended
 * members are left out.
 */
export async function leaderboard(ctx: UseCaseContext, input: LeaderboardInput): Promise<LeaderboardView> {
  await activeCampaign(ctx, input.campaignId);
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { campaignId: input.campaignId, status: 'joined', count: _.gt(0) };
  if (input.cursor) where.rankKey = _.lt(input.cursor);
  const { data } = await ctx.db.collection<CampaignMemberRecord>(CAMPAIGN_MEMBERS).where(where).orderBy('rankKey', 'desc').limit(input.limit + 1).get();
  const page = pageOf(data, input.limit, (m) => m.rankKey);
  const profiles = await profilesByPublicId(ctx.db, page.items.map((m) => publicIdOf(m._openid)));
  const now = ctx.clock.now();
  const listed = page.items.filter((m) => {
    const p = profiles.get(publicIdOf(m._openid));
    return p && !isMuted(p, now);
  });
  return {
    items: listed.map((m, i) => {
      const p = profiles.get(publicIdOf(m._openid))!;
      return {
        rank: input.cursor ? null : i + 1,
        author: authorView(snapshotOf({ _id: m._openid, nickname: p.nickname, avatarUrl: p.avatarUrl }, p, false)),
        count: m.count,
        likes: m.likes,
        finished: m.finishedAt !== null,
      };
    }),
    next: page.next,
  };
}

/** A certificate, the caller's own or another member's (shareable: 晒证书). */
export async function certificate(ctx: UseCaseContext, input: CertificateInput): Promise<CertificateView> {
  let openid = ctx.caller.openid;
  if (input.authorId && input.authorId !== publicIdOf(openid)) {
    const p = (await profilesByPublicId(ctx.db, [input.authorId])).get(input.authorId);
    if (!p) throw new AppError('CERTIFICATE_NOT_FOUND', '没有找到这张证书');
    openid = p._openid;
  }
  const id = `${input.campaignId}:${openid}`;
  const existing = await getOrNull<CertificateRecord>(ctx.db.collection<CertificateRecord>(CERTIFICATES).doc(id));
  if (!existing) throw new AppError('CERTIFICATE_NOT_FOUND', '还没有获得这张证书');
  const cert = (await ensureCertificateImage(ctx, id)) ?? existing;
  const urls = cert.imageFileId ? await imageUrls(ctx.storage, [cert.imageFileId]) : {};
  return {
    campaignId: cert.campaignId,
    campaignTitle: cert.campaignTitle,
    nickname: cert.nickname,
    serial: cert.serial,
    days: cert.days,
    issuer: cert.issuer,
    issuedOn: cert.issuedOn,
    imageUrl: cert.imageFileId ? (urls[cert.imageFileId] ?? null) : null,
    self: openid === ctx.caller.openid,
  };
}
