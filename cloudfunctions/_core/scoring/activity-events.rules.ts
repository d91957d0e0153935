/**
 * What each event adds to whose bucket, on which day. Pure. The rules of the issue live here:
 * - self-likes and likes or favourites from accounts younger than 24 hours count for nothing;
 * - a post's likes, favourites and comments count on the post's day (so hiding the post takes back exactly
 *   what it brought: the service keeps on the post how many of each were counted);
 * - hidden or deleted content counts for nothing: unpublishing takes its counts back, republishing restores them.
 */
import type { ActivityDelta } from './activity.rules';

export const NEW_ACCOUNT_MS = 24 * 60 * 60 * 1000;

/** The counted reactions a post carries (`scored` on the post), what unpublishing takes back. */
export interface PostCounted {
  likes: number;
  favourites: number;
  comments: number;
}
export const NOTHING_COUNTED: PostCounted = { likes: 0, favourites: 0, comments: 0 };

export type ScoringEvent =
  | { kind: 'purchase'; member: string; day: string; amountFen: number }
  /** A refund of part of an order (`whole`: the order is now fully refunded, its purchase no longer counts). */
  | { kind: 'refund'; member: string; purchaseDay: string; amountFen: number; whole: boolean }
  /** A like or favourite given (`on`) or taken back on a visible post. */
  | {
      kind: 'like' | 'favourite';
      by: string;
      byJoinedAt: Date;
      at: Date;
      postAuthor: string;
      postDay: string;
      on: boolean;
      /** For a take-back: whether the reaction had counted when given (the reaction document remembers). */
      counted?: boolean;
    }
  /**
   * A comment became visible (`on`) or was hidden or deleted while it counted. While its post is hidden the post
   * carries nothing (its counts were taken back with it), so only the commenter's side moves; the service still
   * adjusts the post's `counted.comments`, so republishing restores the right number.
   */
  | { kind: 'comment'; by: string; day: string; postAuthor: string; postDay: string; on: boolean; postVisible: boolean }
  /** A post became visible (`on`) or stopped being visible; `counted` = its counted reactions at that moment. */
  | { kind: 'post'; author: string; day: string; on: boolean; counted: PostCounted }
  /** A campaign check-in day counted (`on`, the default) or no longer counted (its post hidden, none to replace it). */
  | { kind: 'campaign_day'; member: string; day: string; on?: boolean }
  | { kind: 'vote'; member: string; day: string }
  /** The host of an offline event scanned the member's code (once per member and event). */
  | { kind: 'event_attended'; member: string; day: string };

export interface BucketChange {
  member: string;
  day: string;
  delta: ActivityDelta;
}

/** Whether a like or favourite given by `by` at `at` counts for the author. */
export function reactionCounts(e: { by: string; byJoinedAt: Date; at: Date; postAuthor: string }): boolean {
  return e.by !== e.postAuthor && e.at.getTime() - e.byJoinedAt.getTime() >= NEW_ACCOUNT_MS;
}

/** Whether a comment by `by` on `postAuthor`'s post counts (given and received): on another member's post. */
export const commentCounts = (by: string, postAuthor: string) => by !== postAuthor;

export function changesOf(e: ScoringEvent): BucketChange[] {
  switch (e.kind) {
    case 'purchase':
      return [{ member: e.member, day: e.day, delta: { pu: 1, sp: e.amountFen } }];
    case 'refund':
      return [{ member: e.member, day: e.purchaseDay, delta: { pu: e.whole ? -1 : 0, sp: -e.amountFen } }];
    case 'like':
    case 'favourite': {
      const counts = e.on ? reactionCounts(e) : e.counted === true;
      if (!counts) return [];
      const n = e.on ? 1 : -1;
      return [{ member: e.postAuthor, day: e.postDay, delta: e.kind === 'like' ? { lr: n } : { fr: n } }];
    }
    case 'comment': {
      if (!commentCounts(e.by, e.postAuthor)) return [];
      const s = e.on ? 1 : -1;
      const given: BucketChange = { member: e.by, day: e.day, delta: { cg: s } };
      return e.postVisible ? [given, { member: e.postAuthor, day: e.postDay, delta: { cr: s } }] : [given];
    }
    case 'post': {
      const s = e.on ? 1 : -1;
      return [{ member: e.author, day: e.day, delta: { po: s, lr: s * e.counted.likes, fr: s * e.counted.favourites, cr: s * e.counted.comments } }];
    }
    case 'campaign_day':
      return [{ member: e.member, day: e.day, delta: { cd: e.on === false ? -1 : 1 } }];
    case 'vote':
      return [{ member: e.member, day: e.day, delta: { vo: 1 } }];
    case 'event_attended':
      return [{ member: e.member, day: e.day, delta: { ev: 1 } }];
  }
}
