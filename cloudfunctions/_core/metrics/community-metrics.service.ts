import { tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import type { StaffContext } from '../shared/access';
import { COMMUNITY_METRICS, type CommunityMetricsRecord } from './community-metrics.record';
import { indicatorsOf, UGC_RATIO_GOAL_X100, type MetricsCounts } from './community-metrics.rules';
import type { CommunityMetricsInput, CommunityMetricsView } from './community-metrics.schema';

/** The dashboard's data (also the operator's JSON export): the last `days` finished days with their indicators. */
export async function communityMetrics(ctx: StaffContext, input: CommunityMetricsInput): Promise<CommunityMetricsView> {
  const [{ data }, { tiers }] = await Promise.all([
    ctx.db.collection<CommunityMetricsRecord>(COMMUNITY_METRICS).where({ done: true }).orderBy('_id', 'desc').limit(input.days).get(),
    loadConfig(ctx, tierConfig),
  ]);
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
      indicators: indicatorsOf(c),
    };
  });
  return {
    history,
    goals: { ugcRatioX100: UGC_RATIO_GOAL_X100 },
    notMeasured: ['成员主导的活动占比、用户内容比（会员帖子 : 官方帖子）、活动参与和热门话题：社区功能上线后开始统计', '核心用户：超级用户评分上线前按最高等级会员计算'],
  };
}
