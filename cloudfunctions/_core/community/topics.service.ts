import { isDatabaseError } from '../../_platform/database.port';
import { loadDocs } from '../config/operator-collection';
import type { MemberContext } from '../shared/access';
import type { UseCaseContext } from '../shared/use-case-context';
import { getOrNull } from '../shared/db-helpers';
import type { TopicConfig } from './community-config.schema';
import type { ProposeTopicInput, ProposeTopicView, TopicsView } from './community.schema';
import { checkText } from './content-check.service';
import { idFor } from './community-members.service';
import { TOPICS } from './community-catalogue';
import { openCase } from './moderation-cases';
import { COMMUNITY_TOPICS } from './community.record';

/** Active topics, operator ones first (by `sort`), then member-proposed ones that moderators approved. */
export async function listTopics(ctx: UseCaseContext): Promise<TopicsView> {
  // Filtered after parsing: a topic document without `status` is active by default.
  const topics = (await loadDocs(ctx.db, ctx.log, TOPICS)).filter((t) => t.status === 'active');
  topics.sort((a, b) => (a.origin === b.origin ? a.sort - b.sort || (a.code < b.code ? -1 : 1) : a.origin === 'operator' ? -1 : 1));
  return { topics: topics.map((t) => ({ code: t.code, name: t.name, description: t.description, official: t.origin === 'operator' })) };
}

/** A member proposes a topic; it waits in the review queue until a moderator approves it. */
export async function proposeTopic(ctx: MemberContext, input: ProposeTopicInput): Promise<ProposeTopicView> {
  const openid = ctx.member._id;
  const code = `m-${idFor('t', openid, input.requestId).slice(1, 13).toLowerCase().replace(/[^a-z0-9]/g, '0')}`;
  const ref = ctx.db.collection<TopicConfig>(COMMUNITY_TOPICS).doc(code);
  const prior = await getOrNull<TopicConfig>(ref);
  if (prior) return { code, status: prior.status, repeated: true };
  await checkText(ctx, openid, `${input.name}\n${input.description}`, 'topic');
  const now = ctx.clock.now();
  const doc: TopicConfig = { name: input.name, description: input.description, status: 'proposed', origin: 'member', proposedBy: openid, sort: 0 };
  try {
    await ctx.db.collection(COMMUNITY_TOPICS).add({ data: { _id: code, ...doc } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    return { code, status: 'proposed', repeated: true };
  }
  await openCase(ctx.db, { target: 'topic', targetId: code, openid, reason: 'topic_proposal', preview: `#${input.name} ${input.description}` }, now);
  return { code, status: 'proposed', repeated: false };
}
