/**
 * A small community as raw documents (posts, reactions, comments, purchases) and the obvious way to score it:
 * recompute every bucket from the raw documents. Tests check the incremental buckets against it; the benchmark
 * times both.
 */
import { applyDelta, EMPTY_ACTIVITY, type ActivityState } from '../../cloudfunctions/_core/scoring/activity.rules';
import { changesOf, commentCounts, NOTHING_COUNTED, reactionCounts, type PostCounted, type ScoringEvent } from '../../cloudfunctions/_core/scoring/activity-events.rules';

export interface RawPost {
  author: string;
  day: string;
  visible: boolean;
  /** What the service keeps on the post: counted reactions (taken back when it is hidden). */
  counted: PostCounted;
}
export interface RawReaction {
  by: string;
  at: Date;
  counted: boolean;
}
export interface RawWorld {
  joinedAt: Map<string, Date>;
  posts: Map<string, RawPost>;
  likes: Map<string, Map<string, RawReaction>>;
  favourites: Map<string, Map<string, RawReaction>>;
  comments: Map<string, { postId: string; by: string; day: string; visible: boolean }>;
  purchases: Array<{ member: string; day: string; amountFen: number }>;
  campaignDays: Array<{ member: string; day: string }>;
}

export const emptyWorld = (joinedAt: Map<string, Date>): RawWorld => ({
  joinedAt,
  posts: new Map(),
  likes: new Map(),
  favourites: new Map(),
  comments: new Map(),
  purchases: [],
  campaignDays: [],
});

/** The buckets of every member, recomputed from the raw documents. */
export function recomputeFromRaw(w: RawWorld): Map<string, ActivityState> {
  const out = new Map<string, ActivityState>();
  const add = (member: string, day: string, delta: Parameters<typeof applyDelta>[2]) =>
    out.set(member, applyDelta(out.get(member) ?? EMPTY_ACTIVITY, day, delta));
  for (const p of w.purchases) add(p.member, p.day, { pu: 1, sp: p.amountFen });
  for (const c of w.campaignDays) add(c.member, c.day, { cd: 1 });
  for (const [postId, post] of w.posts) {
    if (!post.visible) continue;
    add(post.author, post.day, { po: 1 });
    for (const [kind, field] of [['likes', 'lr'], ['favourites', 'fr']] as const) {
      for (const r of w[kind].get(postId)?.values() ?? []) {
        const joined = w.joinedAt.get(r.by) ?? new Date(0);
        if (reactionCounts({ by: r.by, byJoinedAt: joined, at: r.at, postAuthor: post.author })) add(post.author, post.day, { [field]: 1 });
      }
    }
  }
  for (const c of w.comments.values()) {
    const post = w.posts.get(c.postId);
    if (!post || !c.visible || !commentCounts(c.by, post.author)) continue;
    add(c.by, c.day, { cg: 1 });
    if (post.visible) add(post.author, post.day, { cr: 1 });
  }
  return out;
}

/**
 * The same world kept incrementally, as the services do: each change of the world emits scoring events, and
 * the post keeps its counted reactions. `apply` mutates the world and returns the events it caused.
 */
export function act(w: RawWorld, op: WorldOp): ScoringEvent[] {
  switch (op.kind) {
    case 'publish': {
      const existing = w.posts.get(op.postId);
      if (existing?.visible) return [];
      const post = existing ?? { author: op.author, day: op.day, visible: false, counted: { ...NOTHING_COUNTED } };
      post.visible = true;
      w.posts.set(op.postId, post);
      return [{ kind: 'post', author: post.author, day: post.day, on: true, counted: { ...post.counted } }];
    }
    case 'hide': {
      const post = w.posts.get(op.postId);
      if (!post?.visible) return [];
      post.visible = false;
      return [{ kind: 'post', author: post.author, day: post.day, on: false, counted: { ...post.counted } }];
    }
    case 'like':
    case 'favourite': {
      const post = w.posts.get(op.postId);
      if (!post?.visible) return []; // the service refuses reactions on posts that are not visible
      const table = op.kind === 'like' ? w.likes : w.favourites;
      const rows = table.get(op.postId) ?? new Map<string, RawReaction>();
      table.set(op.postId, rows);
      const had = rows.get(op.by);
      if (op.on === Boolean(had)) return [];
      const byJoinedAt = w.joinedAt.get(op.by) ?? new Date(0);
      const key = op.kind === 'like' ? 'likes' : 'favourites';
      if (op.on) {
        const counted = reactionCounts({ by: op.by, byJoinedAt, at: op.at, postAuthor: post.author });
        rows.set(op.by, { by: op.by, at: op.at, counted });
        if (counted) post.counted[key]++;
      } else {
        rows.delete(op.by);
        if (had?.counted) post.counted[key]--;
      }
      return [{ kind: op.kind, by: op.by, byJoinedAt, at: op.at, postAuthor: post.author, postDay: post.day, on: op.on, counted: had?.counted }];
    }
    case 'comment': {
      const post = w.posts.get(op.postId);
      if (!post?.visible || w.comments.has(op.commentId)) return []; // ids are unique: a repeat writes nothing
      w.comments.set(op.commentId, { postId: op.postId, by: op.by, day: op.day, visible: true });
      if (commentCounts(op.by, post.author)) post.counted.comments++;
      return [{ kind: 'comment', by: op.by, day: op.day, postAuthor: post.author, postDay: post.day, on: true, postVisible: true }];
    }
    case 'hideComment': {
      const c = w.comments.get(op.commentId);
      if (!c?.visible) return [];
      c.visible = false;
      const post = w.posts.get(c.postId)!;
      if (commentCounts(c.by, post.author)) post.counted.comments--;
      return [{ kind: 'comment', by: c.by, day: c.day, postAuthor: post.author, postDay: post.day, on: false, postVisible: post.visible }];
    }
    case 'purchase':
      w.purchases.push({ member: op.member, day: op.day, amountFen: op.amountFen });
      return [{ kind: 'purchase', member: op.member, day: op.day, amountFen: op.amountFen }];
    case 'campaign_day':
      w.campaignDays.push({ member: op.member, day: op.day });
      return [{ kind: 'campaign_day', member: op.member, day: op.day }];
  }
}

export type WorldOp =
  | { kind: 'publish'; postId: string; author: string; day: string }
  | { kind: 'hide'; postId: string }
  | { kind: 'like' | 'favourite'; postId: string; by: string; at: Date; on: boolean }
  | { kind: 'comment'; commentId: string; postId: string; by: string; day: string }
  | { kind: 'hideComment'; commentId: string }
  | { kind: 'purchase'; member: string; day: string; amountFen: number }
  | { kind: 'campaign_day'; member: string; day: string };

/** Applies events to buckets, as the event-time writes do. */
export function applyEvents(states: Map<string, ActivityState>, events: readonly ScoringEvent[]): void {
  for (const e of events) for (const c of changesOf(e)) states.set(c.member, applyDelta(states.get(c.member) ?? EMPTY_ACTIVITY, c.day, c.delta));
}
