import { createHash } from 'node:crypto';
import { isDatabaseError } from '../../_platform/database.port';
import { loadDocs } from '../config/operator-collection';
import { TOPICS } from '../community/community-catalogue';
import { COMMUNITY_CAMPAIGNS } from '../community/community.record';
import { daysBetween } from '../community/campaign.rules';
import { CampaignConfig } from '../community/community-config.schema';
import type { MemberContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { checkText } from '../community/content-check.service';
import { requireKocRole } from './koc-roles';
import { judgeHostedCampaign } from './koc.rules';
import type { HostCampaignInput } from './koc.schema';

/**
 * A campaign host runs a check-in campaign (打卡活动) on an active topic: the same document an operator writes
 * (`community_campaigns`, validated by the same schema), signed by the host, no badge. The id derives from the
 * host and the request id, so a retry finds it. Audited like an operator's change.
 */
export async function hostCampaign(ctx: MemberContext, input: HostCampaignInput): Promise<{ campaignId: string; repeated: boolean }> {
  const openid = ctx.member._id;
  await requireKocRole(ctx.db, openid, 'campaign_host');
  const id = `h-${createHash('sha256').update(`campaign:${openid}:${input.requestId}`).digest('hex').slice(0, 12)}`;
  const ref = ctx.db.collection(COMMUNITY_CAMPAIGNS).doc(id);
  if (await getOrNull(ref)) return { campaignId: id, repeated: true };
  const now = ctx.clock.now();
  const verdict = judgeHostedCampaign(input, businessDay(now), daysBetween);
  if (!verdict.ok) throw new AppError('INVALID_INPUT', verdict.reason, verdict.field);
  const topic = (await loadDocs(ctx.db, ctx.log, TOPICS, { _id: input.topic })).find((t) => t.status === 'active');
  if (!topic) throw new AppError('TOPIC_NOT_FOUND', '话题不存在或未开放', 'topic');
  await checkText(ctx, openid, `${input.title}\n${input.description}`, 'post');
  const campaign = CampaignConfig.parse({
    title: input.title,
    description: input.description,
    topic: input.topic,
    days: input.days,
    streak: false,
    from: input.from,
    to: input.to,
    capacity: input.capacity,
    badge: null,
    issuer: `主理人 ${ctx.member.nickname}`.slice(0, 20),
    active: true,
    sort: 50,
  });
  try {
    await ctx.db.collection(COMMUNITY_CAMPAIGNS).add({ data: { _id: id, ...campaign } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    return { campaignId: id, repeated: true };
  }
  ctx.cache.invalidate(COMMUNITY_CAMPAIGNS);
  await appendAudit(ctx.db, { _id: openid, role: 'campaign_host', storeId: null }, { action: 'koc.hostCampaign', target: id, detail: { title: input.title, topic: input.topic } }, now);
  return { campaignId: id, repeated: false };
}
