import { tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { TOPICS } from '../community/community-catalogue';
import { loadDocs } from '../config/operator-collection';
import type { StaffContext } from '../shared/access';
import { COMMUNITY_METRICS, type CommunityMetricsRecord } from './community-metrics.record';
import { indicatorsOf, UGC_RATIO_GOAL_X100, type MetricsCounts } from './community-metrics.rules';
import type { CommunityMetricsInput, CommunityMetricsView } from './community-metrics.schema';

/** The dashboard's data (also the operator's JSON export): the last `days` finished days with their indicators. */
export async function communityMetrics(ctx: StaffContext, input: CommunityMetricsInput): Promise<CommunityMetricsView> {
  const [{ data }, { tiers }, topics] = await Promise.all([
    ctx.db.collection<CommunityMetricsRecord>(COMMUNITY_METRICS).where({ done: true }).orderBy('_id', 'desc').limit(input.days).get(),
    loadConfig(ctx, tierConfig),
    loadDocs(ctx.db, ctx.log, TOPICS),
  ]);
  const topicName = (code: string) => topics.find((t) => t.code === code)?.name ?? '已下线的话题';
  const nameOf = (code: string) => tiers.find((t) => t.code === code)?.name ?? '已停用的等级';
  const byThreshold = [...tiers].sort((a, b) => b.threshold - a.threshold);
  const history = data.reverse().map((r) => {
    const c = r.counts as MetricsCounts;
    return {
      day: r.day,
      members: c.members,
      newMembers: c.newMembers,
      layers: byThreshold.map((t) => ({ code: t.code, name: t.name, members: c.tierSizes[t.code] ?? 0 })),
      flows: Object.entries(c.tierFlows).map(([k, members]) => {
        const [from, to] = k.split('>');
        return { from: nameOf(from), to: nameOf(to), members };
      }),
      checkIns: c.checkIns,
      gmvFen: c.gmvFen,
      coreGmvFen: c.coreGmvFen,
      coreMembers: c.coreMembers ?? 0,
      community: c.community ?? null,
      topTopics: (c.topTopics ?? []).map((t) => ({ ...t, name: topicName(t.code) })),
      indicators: indicatorsOf({ ...c, community: c.community ?? null }),
    };
  });
  return {
    history,
    goals: { ugcRatioX100: UGC_RATIO_GOAL_X100 },
    notMeasured: history.some((d) => d.community === null) ? ['社区上线前的日期没有成员主导活动、用户内容比和活动参与的数据'] : [],
  };
}
