import { scoringConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { maskName } from '../member/member.rules';
import type { MemberContext, StaffContext } from '../shared/access';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { memberNoTail } from '../staff/member-at-till.rules';
import { loadActivity } from './activity.service';
import { binHistogram, distributionOf, percentBelow, toHistogram } from './ranking.rules';
import { LAYER_NAMES, MemberLayer } from './scoring-config.schema';
import { explain, scoreMember } from './scoring.rules';
import { LAYER_CHANGES, MEMBER_LAYERS, SCORING_RUNS, type LayerChangeRecord, type MemberLayersRecord, type ScoringRunRecord } from './scoring.record';
import type { MyScoreView, ScoringOverviewView } from './scoring.schema';

const layerView = (code: MemberLayer) => ({ code, name: LAYER_NAMES[code] });

/** The last finished runs, newest first. */
async function finishedRuns(ctx: MemberContext | StaffContext, n: number): Promise<ScoringRunRecord[]> {
  const { data } = await ctx.db.collection<ScoringRunRecord>(SCORING_RUNS).where({ phase: 'done' }).orderBy('day', 'desc').limit(n).get();
  return data;
}

/** `scoring.mine`. */
export async function getMyScore(ctx: MemberContext): Promise<MyScoreView> {
  const openid = ctx.member._id;
  const [cfg, activity, layersDoc, runs] = await Promise.all([
    loadConfig(ctx, scoringConfig),
    loadActivity(ctx.db, openid),
    getOrNull<MemberLayersRecord>(ctx.db.collection<MemberLayersRecord>(MEMBER_LAYERS).doc(openid)),
    finishedRuns(ctx, 1),
  ]);
  const today = businessDay(ctx.clock.now());
  const score = scoreMember(activity, today, cfg);
  const last = runs[0] ?? null;
  const layers = layersDoc?.layers ?? [];
  const superUser = layers.includes('super');
  const dist = last ? distributionOf(toHistogram(last.histogram)) : null;
  const s = cfg.superUser;
  return {
    layers: layers.map(layerView),
    superUser,
    total: score.total,
    subScores: explain(score, cfg),
    windowDays: cfg.windowDays,
    asOf: last?.day ?? null,
    percentBelow: dist ? percentBelow(dist, score.total) : null,
    toSuperUser: superUser ? 0 : last?.enterAt != null ? Math.max(0, last.enterAt - score.total) : null,
    rule: `每晚按近 ${cfg.windowDays} 天的消费频次、互动深度、内容贡献综合评分，前 ${s.enterTopPercent}% 成为超级用户，跌出前 ${s.leaveTopPercent}% 才会退出`,
  };
}

/** `scoring.overview`. */
export async function getScoringOverview(ctx: StaffContext): Promise<ScoringOverviewView> {
  const today = businessDay(ctx.clock.now());
  const [runs, todayRun] = await Promise.all([finishedRuns(ctx, 14), getOrNull<ScoringRunRecord>(ctx.db.collection<ScoringRunRecord>(SCORING_RUNS).doc(today))]);
  const last = runs[0] ?? null;
  const previous = runs[1] ?? null;
  const running = todayRun && todayRun.phase !== 'done' ? todayRun.phase : null;
  if (!last) return { asOf: null, members: 0, enterAt: null, histogram: [], layers: [], trend: [], moved: 0, movers: [], running };
  const { data: changes } = await ctx.db
    .collection<LayerChangeRecord>(LAYER_CHANGES)
    .where({ day: last.day })
    .orderBy('total', 'desc')
    .limit(20)
    .get();
  const { data: people } = changes.length
    ? await ctx.db
        .collection<MemberRecord>(MEMBERS)
        .where({ _id: ctx.db.command.in(changes.map((c) => c._openid)) })
        .limit(changes.length)
        .field({ _id: true, nickname: true, memberNo: true })
        .get()
    : { data: [] as MemberRecord[] };
  const who = new Map(people.map((p) => [p._id, p]));
  return {
    asOf: last.day,
    members: last.members,
    enterAt: last.enterAt,
    histogram: binHistogram(toHistogram(last.histogram), 8),
    layers: MemberLayer.options.map((code) => ({
      ...layerView(code),
      size: last.layerSizes[code] ?? 0,
      change: previous ? (last.layerSizes[code] ?? 0) - (previous.layerSizes[code] ?? 0) : null,
    })),
    trend: runs
      .slice()
      .reverse()
      .map((r) => ({ day: r.day, sizes: { ...r.layerSizes } })),
    moved: last.moved,
    movers: changes.map((c) => ({
      name: maskName(who.get(c._openid)?.nickname ?? ''),
      memberNoTail: memberNoTail(who.get(c._openid)?.memberNo ?? ''),
      total: c.total,
      from: c.from.map(layerView),
      to: c.to.map(layerView),
    })),
    running,
  };
}
