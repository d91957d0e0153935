/**
 * What applying one pending intent does (`post-intents.ts` applies a batch of them in one transaction): each kind
 * reads its own document in the transaction, then plans its write, what it adds to the post's counters and its
 * scoring event. The batch sums the counters and the events, so the post and the buckets are written once.
 */
import type { Transaction } from '../../_platform/database.port';
import { reactionCounts, type ScoringEvent } from '../scoring/activity-events.rules';
import { getOrNull } from '../shared/db-helpers';
import { COMMENTS, FAVOURITES, LIKES, type CommentRecord, type PostIntentKind, type PostIntentRecord, type PostRecord, type ReactionRecord } from './community.record';
import { commentEffect } from './community-scoring';
import { timeKey } from './feed.rules';

export interface IntentPlan {
  changed: boolean;
  counted: boolean;
  /** Increments of the post's number fields. */
  post: Record<string, number>;
  events: ScoringEvent[];
  write: ((tx: Transaction) => Promise<unknown>) | null;
}

interface IntentKindPlan<Prior> {
  /** The document the intent changes, read in the transaction (null: none). */
  read(tx: Transaction, intent: PostIntentRecord): Promise<Prior | null>;
  /** `post` is the post as read in the transaction (any status: adding needs it visible, taking back does not). */
  plan(intent: PostIntentRecord, prior: Prior | null, post: PostRecord): IntentPlan;
}

const UNCHANGED: IntentPlan = { changed: false, counted: false, post: {}, events: [], write: null };

/** Likes and favourites: the document `<postId>:<openid>` set or removed as its member last asked. */
function reactionPlan(kind: 'like' | 'favourite'): IntentKindPlan<ReactionRecord> {
  const ref = (tx: Transaction, intent: PostIntentRecord) =>
    (kind === 'like' ? tx.collection<ReactionRecord>(LIKES) : tx.collection<ReactionRecord>(FAVOURITES)).doc(`${intent.postId}:${intent._openid}`);
  return {
    read: (tx, intent) => getOrNull<ReactionRecord>(ref(tx, intent)),
    plan(intent, prior, post) {
      if (post.status !== 'visible' || intent.on === (prior !== null)) return UNCHANGED;
      const openid = intent._openid;
      const counted = prior ? prior.counted === true : reactionCounts({ by: openid, byJoinedAt: intent.byJoinedAt, at: intent.at, postAuthor: post._openid });
      const d = intent.on ? 1 : -1;
      const id = `${post._id}:${openid}`;
      const row: Omit<ReactionRecord, '_id'> = { _openid: openid, postId: post._id, postAuthor: post._openid, createdAt: intent.at, key: timeKey(intent.at, id), counted };
      return {
        changed: true,
        counted,
        post:
          kind === 'like'
            ? { likeCount: d, likesFromOthers: openid !== post._openid ? d : 0, 'scored.likes': counted ? d : 0 }
            : { favouriteCount: d, 'scored.favourites': counted ? d : 0 },
        events: [{ kind, by: openid, byJoinedAt: intent.byJoinedAt, at: intent.at, postAuthor: post._openid, postDay: post.day, on: intent.on, counted: prior?.counted }],
        write: (tx) => (prior ? ref(tx, intent).remove() : ref(tx, intent).set({ data: row })),
      };
    },
  };
}

/**
 * Comments: a visible comment written counted, once (`on`; a comment already there changes nothing), or the writer's
 * comment deleted (`on` false; on a post in any state), taking back what it counted.
 */
const commentPlan: IntentKindPlan<CommentRecord> = {
  read: (tx, intent) => getOrNull<CommentRecord>(tx.collection<CommentRecord>(COMMENTS).doc(intent.commentId!)),
  plan(intent, prior, post) {
    const c = intent.on ? intent.comment : prior;
    if (!c || (intent.on ? prior !== null || post.status !== 'visible' : c.status === 'deleted')) return UNCHANGED;
    const counts = intent.on || c.counted;
    const effect = counts ? commentEffect(c, post, intent.on) : null;
    const { _id, ...data } = c;
    return {
      changed: true,
      counted: counts,
      post: effect?.post ?? {},
      events: effect ? [effect.event] : [],
      write: (tx) =>
        intent.on
          ? tx.collection(COMMENTS).doc(_id).set({ data: { ...data, status: 'visible', counted: true } })
          : tx.collection(COMMENTS).doc(_id).update({ data: { status: 'deleted', counted: false } }),
    };
  },
};

export const INTENT_PLANS: Record<PostIntentKind, IntentKindPlan<unknown>> = {
  like: reactionPlan('like') as IntentKindPlan<unknown>,
  favourite: reactionPlan('favourite') as IntentKindPlan<unknown>,
  comment: commentPlan as IntentKindPlan<unknown>,
};
