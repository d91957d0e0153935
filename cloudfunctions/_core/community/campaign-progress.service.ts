import { createHash } from 'node:crypto';
import { isDatabaseError } from '../../_platform/database.port';
import { loadDoc } from '../config/operator-collection';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import type { JobContext } from '../shared/use-case-context';
import { awardBadge } from './badges.service';
import { scoreInTx, scoringWindow } from '../scoring/activity.service';
import { renderCertificate } from './certificate-image';
import { inWindow, isFinished, progressOf, rankKey } from './campaign.rules';
import { BADGES, CAMPAIGNS } from './community-catalogue';
import type { Campaign } from './community-config.schema';
import { loadMember } from './community-members.service';
import {
  CAMPAIGN_MEMBERS,
  CERTIFICATES,
  CHECKINS,
  POSTS,
  type CampaignMemberRecord,
  type CertificateRecord,
  type CheckinRecord,
  type PostRecord,
} from './community.record';

type Ctx = JobContext;

/**
 * A published post with a campaign's topic is the author's check-in for its Beijing day, in every campaign
 * they joined with that topic whose window holds the day. `campaign_checkins/{campaign}:{member}:{day}` is
 * the one post that counts for the day (a second post the same day changes nothing). The progress lives on the
 * member's `campaign_members` document and changes in the same transaction.
 */
export async function countCheckins(ctx: Ctx, post: PostRecord): Promise<void> {
  if (post.topics.length === 0) return;
  const _ = ctx.db.command;
  const { data: joined } = await ctx.db
    .collection<CampaignMemberRecord>(CAMPAIGN_MEMBERS)
    .where({ _openid: post._openid, topic: _.in(post.topics), status: 'joined' })
    .limit(100)
    .get();
  const now = ctx.clock.now();
  const window = await scoringWindow(ctx, now);
  for (const m of joined) {
    const campaign = await loadDoc(ctx.db, ctx.log, CAMPAIGNS, m.campaignId);
    if (!campaign || !inWindow(campaign, post.day)) continue;
    const finished = await ctx.db.runTransaction(async (tx) => {
      const ck = tx.collection<CheckinRecord>(CHECKINS).doc(`${m.campaignId}:${post._openid}:${post.day}`);
      if (await getOrNull(ck)) return null;
      const ref = tx.collection<CampaignMemberRecord>(CAMPAIGN_MEMBERS).doc(m._id);
      const cm = (await ref.get()).data;
      const p = progressOf([...cm.days, post.day]);
      const likes = cm.likes + post.likesFromOthers;
      const done = cm.finishedAt === null && isFinished(campaign, p);
      const row: Omit<CheckinRecord, '_id'> = { _openid: post._openid, campaignId: m.campaignId, day: post.day, postId: post._id, createdAt: now };
      await ck.set({ data: row });
      // The check-in day counts for the member's interaction score with the check-in itself.
      await scoreInTx(tx, _, { kind: 'campaign_day', member: post._openid, day: post.day }, now, window);
      await ref.update({
        data: {
          days: _.set(p.days),
          count: p.count,
          streak: p.streak,
          bestStreak: p.bestStreak,
          likes,
          rankKey: rankKey(p.count, likes, post._openid),
          finishedAt: done ? now : cm.finishedAt,
          updatedAt: now,
        },
      });
      return done ? p : null;
    });
    await ctx.db.collection(POSTS).doc(post._id).update({ data: { checkinOf: _.addToSet(m.campaignId) } });
    if (finished) await finishCampaign(ctx, campaign, post._openid, finished.count);
  }
}

/**
 * A check-in post that stops counting (hidden, deleted): the day moves to another counted post of that day
 * with the topic, or stops counting. A certificate already issued stays (it recorded what was true then).
 */
export async function uncountCheckins(ctx: Ctx, post: PostRecord): Promise<void> {
  const _ = ctx.db.command;
  const { data: checkins } = await ctx.db.collection<CheckinRecord>(CHECKINS).where({ postId: post._id }).limit(100).get();
  for (const ck of checkins) {
    const campaign = await loadDoc(ctx.db, ctx.log, CAMPAIGNS, ck.campaignId);
    const topic = campaign?.topic ?? post.topics[0];
    const { data: others } = await ctx.db
      .collection<PostRecord>(POSTS)
      .where({ _openid: post._openid, topics: topic, day: ck.day, status: 'visible', counted: true })
      .limit(2)
      .get();
    const replacement = others.find((o) => o._id !== post._id) ?? null;
    const now = ctx.clock.now();
    const window = await scoringWindow(ctx, now);
    await ctx.db.runTransaction(async (tx) => {
      const ckRef = tx.collection<CheckinRecord>(CHECKINS).doc(ck._id);
      const current = await getOrNull(ckRef);
      if (!current || current.postId !== post._id) return;
      const ref = tx.collection<CampaignMemberRecord>(CAMPAIGN_MEMBERS).doc(`${ck.campaignId}:${post._openid}`);
      const cm = (await ref.get()).data;
      const p = replacement ? progressOf(cm.days) : progressOf(cm.days.filter((d) => d !== ck.day));
      const likes = Math.max(0, cm.likes - post.likesFromOthers + (replacement?.likesFromOthers ?? 0));
      if (replacement) await ckRef.update({ data: { postId: replacement._id } });
      else {
        await ckRef.remove();
        await scoreInTx(tx, _, { kind: 'campaign_day', member: post._openid, day: ck.day, on: false }, now, window);
      }
      await ref.update({
        data: { days: _.set(p.days), count: p.count, streak: p.streak, bestStreak: p.bestStreak, likes, rankKey: rankKey(p.count, likes, post._openid), updatedAt: now },
      });
    });
    await ctx.db.collection(POSTS).doc(post._id).update({ data: { checkinOf: _.set((post.checkinOf ?? []).filter((c) => c !== ck.campaignId)) } });
    if (replacement) await ctx.db.collection(POSTS).doc(replacement._id).update({ data: { checkinOf: _.addToSet(ck.campaignId) } });
  }
}

/** Likes from others on a counted check-in post also rank its author on the campaign's leaderboard. */
export async function addCheckinLikes(ctx: Ctx, post: PostRecord, delta: number): Promise<void> {
  const _ = ctx.db.command;
  for (const campaignId of post.checkinOf ?? []) {
    const ref = ctx.db.collection<CampaignMemberRecord>(CAMPAIGN_MEMBERS).doc(`${campaignId}:${post._openid}`);
    const r = await ref.update({ data: { likes: _.inc(delta) } });
    if (r.stats.updated !== 1) continue;
    const cm = await getOrNull(ref);
    // Only while nothing changed since the read: the last changer always sets the key it saw last.
    if (cm) {
      await ctx.db
        .collection(CAMPAIGN_MEMBERS)
        .where({ _id: cm._id, count: cm.count, likes: cm.likes })
        .update({ data: { rankKey: rankKey(cm.count, cm.likes, cm._openid) } });
    }
  }
}

export const certificateSerial = (campaignId: string, openid: string) =>
  `No.${createHash('sha256').update(`cert:${campaignId}:${openid}`).digest('hex').slice(0, 10).toUpperCase()}`;

/** Finishing: the certificate (once), its image, and the campaign's badge (once). */
export async function finishCampaign(ctx: Ctx, campaign: Campaign, openid: string, days: number): Promise<void> {
  const now = ctx.clock.now();
  const member = await loadMember(ctx.db, openid);
  const id = `${campaign.id}:${openid}`;
  const cert: CertificateRecord = {
    _id: id,
    _openid: openid,
    campaignId: campaign.id,
    serial: certificateSerial(campaign.id, openid),
    nickname: member?.nickname ?? '社区成员',
    campaignTitle: campaign.title,
    days,
    issuer: campaign.issuer,
    issuedOn: businessDay(now),
    imageFileId: null,
    createdAt: now,
  };
  try {
    const { _id, ...data } = cert;
    await ctx.db.collection(CERTIFICATES).add({ data: { _id, ...data } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
  }
  await ensureCertificateImage(ctx, id);
  if (campaign.badge) {
    const badge = await loadDoc(ctx.db, ctx.log, BADGES, campaign.badge);
    if (badge?.active) await awardBadge(ctx.db, openid, badge, `完成打卡活动「${campaign.title}」`, now);
  }
}

/** Generates the certificate's image if it has none yet (also retried when the certificate is opened). */
export async function ensureCertificateImage(ctx: Ctx, certificateId: string): Promise<CertificateRecord | null> {
  const ref = ctx.db.collection<CertificateRecord>(CERTIFICATES).doc(certificateId);
  const cert = await getOrNull(ref);
  if (!cert || cert.imageFileId) return cert;
  try {
    const fileId = await renderCertificate(ctx.storage, cert);
    if (fileId) {
      await ctx.db.collection(CERTIFICATES).where({ _id: certificateId, imageFileId: null }).update({ data: { imageFileId: fileId } });
      return { ...cert, imageFileId: fileId };
    }
  } catch (e) {
    ctx.log.error('certificate.render_failed', { certificateId, err: e instanceof Error ? e.message : String(e) });
  }
  return cert;
}
