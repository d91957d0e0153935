/**
 * The community's events in the members' scoring buckets (`_core/scoring`), always inside the transaction that
 * changes the post, comment or reaction: a visible post counts for its author with what it has counted
 * (`post.scored`), a counted comment for its writer and the post's author, a like or favourite from another,
 * day-old member for the post's author. So the event and the bucket commit together or not at all.
 */
import type { DbCommand, Transaction } from '../../_platform/database.port';
import { commentCounts, NOTHING_COUNTED, type ScoringEvent } from '../scoring/activity-events.rules';
import { scoreInTx, type ScoringWindow } from '../scoring/activity.service';
import { businessDay } from '../shared/business-time.rules';
import { COMMENTS, POSTS, type CommentRecord, type CommentStatus, type PostRecord, type PostStatus } from './community.record';

/**
 * Re-runs of a transaction that moves a post's counters outside its batches (`post-intents.ts`): a held comment
 * written, a comment taken back, hidden or decided on. It meets the post's batches and its author's bucket there.
 */
export const POST_COUNTER_RETRIES = 10;

/** The post became visible (`on`) or stopped being visible: its author gains or loses it and what it counted. */
export function scorePostInTx(tx: Transaction, _: DbCommand, post: PostRecord, on: boolean, now: Date, window: ScoringWindow): Promise<void> {
  return scoreInTx(tx, _, { kind: 'post', author: post._openid, day: post.day, on, counted: post.scored ?? NOTHING_COUNTED }, now, window);
}

/**
 * Sets a post's status (with `extra` fields) inside `tx`, `post` as read in it; crossing visible ↔ not visible
 * moves the author's bucket in the same transaction. Returns whether the post's visibility changed.
 */
export async function setPostStatusInTx(
  tx: Transaction,
  _: DbCommand,
  post: PostRecord,
  status: PostStatus,
  extra: Record<string, unknown>,
  now: Date,
  window: ScoringWindow,
): Promise<boolean> {
  await tx.collection(POSTS).doc(post._id).update({ data: { ...extra, status, updatedAt: now } });
  const crossed = (post.status === 'visible') !== (status === 'visible');
  if (crossed) await scorePostInTx(tx, _, post, status === 'visible', now, window);
  return crossed;
}

/**
 * What a comment starting (`on`) or stopping counting on its post changes: the post's counters and counted record
 * (increments), and the scoring event (the writer's comments given and, while the post is visible, the author's
 * comments received).
 */
export function commentEffect(c: CommentRecord, post: PostRecord, on: boolean): { post: Record<string, number>; event: ScoringEvent } {
  const d = on ? 1 : -1;
  const fromOther = c._openid !== post._openid;
  return {
    post: { commentCount: d, commentsFromOthers: fromOther ? d : 0, 'scored.comments': commentCounts(c._openid, post._openid) ? d : 0 },
    event: { kind: 'comment', by: c._openid, day: businessDay(c.createdAt), postAuthor: post._openid, postDay: post.day, on, postVisible: post.status === 'visible' },
  };
}

/** A comment starts or stops counting on its post (`post` as read in `tx`): `commentEffect`, written in `tx`. */
export async function countCommentInTx(tx: Transaction, _: DbCommand, c: CommentRecord, post: PostRecord, on: boolean, now: Date, window: ScoringWindow): Promise<void> {
  const effect = commentEffect(c, post, on);
  await tx.collection(POSTS).doc(post._id).update({ data: Object.fromEntries(Object.entries(effect.post).map(([field, n]) => [field, _.inc(n)])) });
  await scoreInTx(tx, _, effect.event, now, window);
}

/**
 * Sets a comment's status (with `extra` fields) inside `tx`, `c` as read in it: a comment counts exactly while
 * visible, and what it counts moves in the same transaction. Returns the change in counting (1, -1 or 0).
 */
export async function setCommentStatusInTx(
  tx: Transaction,
  _: DbCommand,
  c: CommentRecord,
  status: CommentStatus,
  extra: Record<string, unknown>,
  now: Date,
  window: ScoringWindow,
): Promise<1 | -1 | 0> {
  const counted = status === 'visible';
  await tx.collection(COMMENTS).doc(c._id).update({ data: { ...extra, status, counted } });
  if (counted === c.counted) return 0;
  const post = (await tx.collection<PostRecord>(POSTS).doc(c.postId).get()).data;
  await countCommentInTx(tx, _, c, post, counted, now, window);
  return counted ? 1 : -1;
}
