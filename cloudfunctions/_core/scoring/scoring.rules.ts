/**
 * The three sub-scores and the total, from a member's activity buckets, and what would raise each. Pure.
 * Integers throughout: a weighted count, floored once at the end.
 */
import { windowTotals, type ActivityState, type WindowTotals } from './activity.rules';
import type { ScoringConfig } from './scoring-config.schema';

export interface SubScores {
  /** Purchase frequency, weighted by recency. */
  purchase: number;
  /** Interaction depth: comments given and received, likes received, campaign days, votes, offline events attended. */
  interaction: number;
  /** Content contribution: visible posts and the likes and favourites others gave them. */
  content: number;
}
export interface MemberScore extends SubScores {
  total: number;
}

export function subScores(t: WindowTotals, cfg: ScoringConfig): SubScores {
  const i = cfg.interaction;
  const c = cfg.content;
  return {
    purchase: Math.floor((t.recentPurchases * cfg.purchase.perPurchase) / cfg.windowDays),
    interaction:
      t.commentsGiven * i.commentGiven +
      t.commentsReceived * i.commentReceived +
      t.likesReceived * i.likeReceived +
      t.campaignDays * i.campaignDay +
      t.votes * i.voteCast +
      t.eventsAttended * i.eventAttended,
    content: t.posts * c.post + t.likesReceived * c.likeReceived + t.favouritesReceived * c.favouriteReceived,
  };
}

export function totalOf(s: SubScores, cfg: ScoringConfig): number {
  const b = cfg.blend;
  return Math.floor((s.purchase * b.purchase + s.interaction * b.interaction + s.content * b.content) / 100);
}

/** A member's scores on `today` from their buckets. */
export function scoreMember(state: Pick<ActivityState, 'days'>, today: string, cfg: ScoringConfig): MemberScore & { totals: WindowTotals } {
  const totals = windowTotals(state.days, today, cfg.windowDays);
  const s = subScores(totals, cfg);
  return { ...s, total: totalOf(s, cfg), totals };
}

/** One way to raise a sub-score: what to do, and how many points of the sub-score it adds. */
export interface Raise {
  action: string;
  points: number;
}
export interface Explanation {
  key: keyof SubScores;
  name: string;
  score: number;
  /** Plain Chinese: what the score counts, over which window. */
  counts: string;
  /** The ways to raise it, biggest first (a weight of 0 is left out). */
  raise: Raise[];
}

/**
 * For each sub-score: what it counts and what would raise it by how much. The purchase gain is exact (a purchase
 * today weighs a whole `perPurchase`, recomputed through the same floor), the others are their weights.
 */
export function explain(score: MemberScore & { totals: WindowTotals }, cfg: ScoringConfig): Explanation[] {
  const t = score.totals;
  const w = cfg.windowDays;
  const nextPurchase = Math.floor(((t.recentPurchases + w) * cfg.purchase.perPurchase) / w) - score.purchase;
  const i = cfg.interaction;
  const c = cfg.content;
  const ways = (list: Raise[]) => list.filter((r) => r.points > 0).sort((a, b) => b.points - a.points);
  return [
    {
      key: 'purchase',
      name: '消费频次',
      score: score.purchase,
      counts: `近 ${w} 天消费 ${t.purchases} 次，越近的消费分量越重`,
      raise: ways([{ action: '今天到店消费 1 次', points: nextPurchase }]),
    },
    {
      key: 'interaction',
      name: '互动深度',
      score: score.interaction,
      counts: `近 ${w} 天评论 ${t.commentsGiven} 条，收到评论 ${t.commentsReceived} 条、点赞 ${t.likesReceived} 个，活动打卡 ${t.campaignDays} 天，参加线下活动 ${t.eventsAttended} 场`,
      raise: ways([
        { action: '参加 1 场线下活动', points: i.eventAttended },
        { action: '参加活动打卡 1 天', points: i.campaignDay },
        { action: '评论 1 条他人的帖子', points: i.commentGiven },
        { action: '参与 1 次投票', points: i.voteCast },
        { action: '你的帖子收到 1 条他人评论', points: i.commentReceived },
        { action: '你的帖子收到 1 个他人点赞', points: i.likeReceived },
      ]),
    },
    {
      key: 'content',
      name: '内容贡献',
      score: score.content,
      counts: `近 ${w} 天发布 ${t.posts} 篇可见帖子，获他人点赞 ${t.likesReceived} 个、收藏 ${t.favouritesReceived} 个`,
      raise: ways([
        { action: '发布 1 篇帖子', points: c.post },
        { action: '帖子被他人收藏 1 次', points: c.favouriteReceived },
        { action: '帖子收到 1 个他人点赞', points: c.likeReceived },
      ]),
    },
  ];
}
