import { randomBytes } from 'node:crypto';
import { isDatabaseError, type Database } from '../../_platform/database.port';
import { awardActivity } from '../points/activity-award.service';
import type { MemberContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { JobContext } from '../shared/use-case-context';
import { awardCounterBadges } from './badges.service';
import { addCheckinLikes } from './campaign-progress.service';
import { addToMonth } from './community-counters';
import { COMMUNITY_MEMBERS, FAVOURITES, LIKES, POSTS, REACTION_INTENTS, REACTION_LEASES, SHARES, type CommunityMemberRecord, type PostRecord, type ReactionIntentRecord, type ReactionRecord } from './community.record';
import type { FavouriteInput, FavouritesInput, FavouriteView, FeedView, LikeInput, LikeView, PostInput, ShareView } from './community.schema';
import { hotKey, hotScore, pageOf, timeKey } from './feed.rules';
import { imageUrls } from '../shared/images';
import { toPostView } from './post-views';
import { viewerOf } from './posts.service';
import { reactionCounts, type ScoringEvent } from '../scoring/activity-events.rules';
import { scoreAllInTx, scoringWindow, type ScoringWindow } from '../scoring/activity.service';

async function visiblePost(db: Database, postId: string): Promise<PostRecord> {
  const post = await getOrNull<PostRecord>(db.collection<PostRecord>(POSTS).doc(postId));
  if (!post || post.status !== 'visible') throw new AppError('POST_NOT_FOUND', '这条内容不存在或已被隐藏');
  return post;
}

/**
 * Recomputes the stored hot score from the counters as they are now. The update is conditional on the counters
 * it was computed from, so a stale score never overwrites a fresher one; whoever changes a counter last
 * reads the final values and sets the final score.
 */
export async function refreshHot(db: Database, postId: string): Promise<PostRecord | null> {
  const post = await getOrNull<PostRecord>(db.collection<PostRecord>(POSTS).doc(postId));
  if (!post) return null;
  const hot = hotScore(post.likeCount, post.commentCount, post.createdAt);
  if (hot !== post.hot) {
    await db
      .collection(POSTS)
      .where({ _id: postId, likeCount: post.likeCount, commentCount: post.commentCount })
      .update({ data: { hot, hotKey: hotKey(hot, postId) } });
  }
  return post;
}

/**
 * Adds the share document `<postId>:<openid>`. Its id is the uniqueness: an insert that hits duplicate-key
 * changed nothing, so only the first share of a member moves the counter.
 */
async function addShare(db: Database, post: PostRecord, openid: string, now: Date): Promise<boolean> {
  const id = `${post._id}:${openid}`;
  try {
    const row: Omit<ReactionRecord, '_id'> = { _openid: openid, postId: post._id, postAuthor: post._openid, createdAt: now, key: timeKey(now, id) };
    await db.collection(SHARES).add({ data: { _id: id, ...row } });
    return true;
  } catch (e) {
    if (isDatabaseError(e, 'duplicate-key')) return false;
    throw e;
  }
}

/** Effects of a like or unlike by another member on the author: likes received, monthly contribution, check-ins, badges. */
async function likeEffects(ctx: JobContext, post: PostRecord, delta: 1 | -1): Promise<void> {
  const _ = ctx.db.command;
  const now = ctx.clock.now();
  if (!post.counted) return;
  await ctx.db.collection(COMMUNITY_MEMBERS).doc(post._openid).update({ data: { likesReceived: _.inc(delta) } });
  await addToMonth(ctx.db, post.month, post._openid, delta, now);
  await addCheckinLikes(ctx, post, delta);
  if (delta > 0) {
    const profile = await getOrNull<CommunityMemberRecord>(ctx.db.collection<CommunityMemberRecord>(COMMUNITY_MEMBERS).doc(post._openid));
    if (profile?.nextLikeBadgeAt != null && profile.likesReceived >= profile.nextLikeBadgeAt) await awardCounterBadges(ctx, post._openid);
  }
}

/** Pending intents of a post one transaction applies at most (its reads and writes run side by side). */
const APPLY_BATCH = 20;
/** Looks at one's own tap before giving up (BUSY): about POLL_MS / 2 apart while another member applies. */
const APPLY_ATTEMPTS = 200;
const POLL_MS = 60;
/** Looks at a lease whose beat stands still before taking it over. */
const TAKEOVER_POLLS = 10;
/** Batches a lease holder applies before giving the lease back. */
const HOLDER_BATCHES = 10;
/** Re-runs of one apply transaction before its caller looks again (another member may have applied the batch). */
const APPLY_RETRIES = 1;

const pause = (maxMs: number) => new Promise((r) => setTimeout(r, Math.floor(Math.random() * maxMs)));

interface LeaseRecord {
  _id: string;
  /** A tap's rev while it applies the post's taps; '' when nobody does. */
  holder: string;
  /** Moved by the holder after each batch: a holder whose beat stands still is taken over. */
  beat: number;
}

/**
 * `post_reaction_leases/{postId}`: takes the lease as it was seen (free, missing, or stale) by one conditional
 * update on what was seen, so two members never both take it from the same state.
 */
async function takeLease(db: Database, postId: string, me: string, seen: LeaseRecord | null): Promise<boolean> {
  const leases = db.collection<LeaseRecord>(REACTION_LEASES);
  if (seen) {
    const r = await leases.where({ _id: postId, holder: seen.holder, beat: seen.beat }).update({ data: { holder: me, beat: seen.beat + 1 } });
    return r.stats.updated === 1;
  }
  try {
    await leases.add({ data: { _id: postId, holder: me, beat: 0 } });
    return true;
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    return false;
  }
}

/**
 * Applies up to APPLY_BATCH pending likes or favourites of a post in one transaction: each reaction document set or
 * removed as its member last asked, the post's counters and counted record by the sum, the author's bucket once
 * (`scoreAllInTx`), and each intent marked applied with its outcome. So the counters always equal the documents
 * and the bucket what the post counted, whatever the interleaving or wherever a write fails; and a burst on a hot
 * post commits a transaction per batch instead of per like (`npm run bench:likes`).
 */
async function applyPending(ctx: MemberContext, kind: 'like' | 'favourite', postId: string, window: ScoringWindow): Promise<number> {
  const _ = ctx.db.command;
  const { data: pending } = await ctx.db
    .collection<ReactionIntentRecord>(REACTION_INTENTS)
    .where({ postId, kind, status: 'pending' })
    .orderBy('_id', 'asc')
    .limit(APPLY_BATCH)
    .get();
  if (pending.length === 0) return 0;
  const now = ctx.clock.now();
  const table = kind === 'like' ? LIKES : FAVOURITES;
  await ctx.db.runTransaction(async (tx) => {
    const postRef = tx.collection<PostRecord>(POSTS).doc(postId);
    const intentRef = (id: string) => tx.collection<ReactionIntentRecord>(REACTION_INTENTS).doc(id);
    const reactionRef = (openid: string) => tx.collection<ReactionRecord>(table).doc(`${postId}:${openid}`);
    const [post, intents, had] = await Promise.all([
      getOrNull<PostRecord>(postRef),
      Promise.all(pending.map((i) => getOrNull<ReactionIntentRecord>(intentRef(i._id)))),
      Promise.all(pending.map((i) => getOrNull<ReactionRecord>(reactionRef(i._openid)))),
    ]);
    const visible = post !== null && post.status === 'visible';
    const counters = { n: 0, fromOthers: 0, counted: 0 };
    const events: ScoringEvent[] = [];
    const writes: (() => Promise<unknown>)[] = [];
    pending.forEach((seen, i) => {
      const intent = intents[i];
      // Replaced since the query (a later tap): left for the next batch.
      if (!intent || intent.rev !== seen.rev || intent.status !== 'pending') return;
      const prior = had[i];
      const changes = visible && intent.on !== (prior !== null);
      let counted = false;
      if (changes) {
        const openid = intent._openid;
        counted = prior ? prior.counted === true : reactionCounts({ by: openid, byJoinedAt: intent.byJoinedAt, at: intent.at, postAuthor: post._openid });
        const id = `${postId}:${openid}`;
        if (prior) writes.push(() => reactionRef(openid).remove());
        else {
          const row: Omit<ReactionRecord, '_id'> = { _openid: openid, postId, postAuthor: post._openid, createdAt: intent.at, key: timeKey(intent.at, id), counted };
          writes.push(() => reactionRef(openid).set({ data: row }));
        }
        const d = intent.on ? 1 : -1;
        counters.n += d;
        counters.fromOthers += openid !== post._openid ? d : 0;
        counters.counted += counted ? d : 0;
        events.push({ kind, by: openid, byJoinedAt: intent.byJoinedAt, at: intent.at, postAuthor: post._openid, postDay: post.day, on: intent.on, counted: prior?.counted });
      }
      writes.push(() => intentRef(intent._id).update({ data: { status: 'applied', changed: changes, counted } }));
    });
    if (writes.length === 0) return;
    // A post gone for good: its taps are marked applied, changing nothing.
    if (!post) return void (await Promise.all(writes.map((w) => w())));
    // The post first, alone: concurrent batches meet there, and the one that comes second fails before it holds
    // any reaction or intent (written side by side, in any order, they would abort each other).
    await postRef.update({
      data:
        kind === 'like'
          ? { likeCount: _.inc(counters.n), likesFromOthers: _.inc(counters.fromOthers), 'scored.likes': _.inc(counters.counted) }
          : { favouriteCount: _.inc(counters.n), 'scored.favourites': _.inc(counters.counted) },
    });
    if (events.length > 0) writes.push(() => scoreAllInTx(tx, _, events, now, window));
    await Promise.all(writes.map((w) => w()));
  }, APPLY_RETRIES);
  return pending.length;
}

/**
 * Sets (never flips) the caller's like or favourite on a visible post: records the tap as the caller's intent,
 * then applies the post's pending intents (`applyPending`) until the caller's own is applied, by them or by
 * another member applying the batch. Only another member registered 24 hours before counts. A tap that is never
 * applied within the attempts is withdrawn (BUSY): nothing of it happens later.
 */
async function react(ctx: MemberContext, kind: 'like' | 'favourite', postId: string, on: boolean): Promise<{ post: PostRecord; changed: boolean; counted: boolean }> {
  const openid = ctx.member._id;
  const now = ctx.clock.now();
  const [post, window] = await Promise.all([visiblePost(ctx.db, postId), scoringWindow(ctx, now)]);
  const intents = ctx.db.collection<ReactionIntentRecord>(REACTION_INTENTS);
  const id = `${kind}:${postId}:${openid}`;
  const rev = randomBytes(8).toString('hex');
  const intent: Omit<ReactionIntentRecord, '_id'> = { _openid: openid, postId, kind, on, rev, byJoinedAt: ctx.member.createdAt, at: now, status: 'pending', changed: false, counted: false };
  await intents.doc(id).set({ data: intent });
  // One member applies the post's taps at a time (the lease); the others wait for theirs to be applied. The lease
  // only spares the database doomed transactions: exactness is the transaction's. A holder whose beat stands still
  // for TAKEOVER_POLLS looks is taken over (it may have died without giving the lease back).
  const leases = ctx.db.collection<LeaseRecord>(REACTION_LEASES);
  let watched: LeaseRecord | null = null;
  let still = 0;
  for (let attempt = 0; attempt < APPLY_ATTEMPTS; attempt++) {
    const mine = await getOrNull<ReactionIntentRecord>(intents.doc(id));
    // Replaced by a later tap of the same member: that one decides; this one changed nothing.
    if (!mine || mine.rev !== rev) return { post, changed: false, counted: false };
    if (mine.status === 'applied') return mine.changed ? { post, changed: true, counted: mine.counted } : { post, changed: false, counted: false };
    const lease = await getOrNull<LeaseRecord>(leases.doc(postId));
    const stale = lease !== null && watched !== null && lease.holder === watched.holder && lease.beat === watched.beat && ++still >= TAKEOVER_POLLS;
    if (!lease || lease.holder === '' || stale) {
      if (await takeLease(ctx.db, postId, rev, lease)) {
        let beat = (lease?.beat ?? -1) + 1;
        try {
          for (let batch = 0; batch < HOLDER_BATCHES; batch++) {
            let applied = 0;
            try {
              applied = await applyPending(ctx, kind, postId, window);
            } catch (e) {
              if (!isDatabaseError(e, 'conflict')) throw e;
            }
            if (applied < APPLY_BATCH) break;
            await leases.where({ _id: postId, holder: rev }).update({ data: { beat: ++beat } });
          }
        } finally {
          await leases.where({ _id: postId, holder: rev }).update({ data: { holder: '', beat: beat + 1 } });
        }
        continue;
      }
    }
    if (!lease || !watched || lease.holder !== watched.holder || lease.beat !== watched.beat) [watched, still] = [lease, 0];
    await pause(POLL_MS);
  }
  const withdrawn = await intents.where({ _id: id, rev, status: 'pending' }).remove();
  if (withdrawn.stats.removed === 1) throw new AppError('BUSY', '人有点多，请稍后再试');
  const mine = await getOrNull<ReactionIntentRecord>(intents.doc(id));
  return mine?.rev === rev && mine.status === 'applied' && mine.changed ? { post, changed: true, counted: mine.counted } : { post, changed: false, counted: false };
}

export async function setLike(ctx: MemberContext, input: LikeInput): Promise<LikeView> {
  const { post, changed } = await react(ctx, 'like', input.postId, input.liked);
  if (!changed) return { liked: input.liked, likeCount: Math.max(0, post.likeCount), changed: false };
  const delta = input.liked ? 1 : -1;
  const fresh = await refreshHot(ctx.db, post._id);
  if (ctx.member._id !== post._openid) await likeEffects(ctx, post, delta);
  return { liked: input.liked, likeCount: Math.max(0, fresh?.likeCount ?? post.likeCount + delta), changed: true };
}

export async function setFavourite(ctx: MemberContext, input: FavouriteInput): Promise<FavouriteView> {
  const { post, changed } = await react(ctx, 'favourite', input.postId, input.favourited);
  if (!changed) return { favourited: input.favourited, favouriteCount: Math.max(0, post.favouriteCount), changed: false };
  const delta = input.favourited ? 1 : -1;
  return { favourited: input.favourited, favouriteCount: Math.max(0, post.favouriteCount + delta), changed: true };
}

/**
 * The caller's favourites, newest first: one query a page by the favourite's key, then the page's posts (one
 * query). Posts hidden or deleted since are left out (they stop showing everywhere); the page keeps its cursor.
 */
export async function listFavourites(ctx: MemberContext, input: FavouritesInput): Promise<FeedView> {
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { _openid: ctx.member._id };
  if (input.cursor) where.key = _.lt(input.cursor);
  const { data } = await ctx.db.collection<ReactionRecord>(FAVOURITES).where(where).orderBy('key', 'desc').limit(input.limit + 1).get();
  const page = pageOf(data, input.limit, (f) => f.key);
  const ids = page.items.map((f) => f.postId);
  const { data: posts } = ids.length
    ? await ctx.db.collection<PostRecord>(POSTS).where({ _id: _.in(ids), status: 'visible' }).limit(ids.length).get()
    : { data: [] as PostRecord[] };
  const byId = new Map(posts.map((p) => [p._id, p]));
  const urls = await imageUrls(ctx.storage, posts.flatMap((p) => p.images.map((i) => i.fileId)));
  const viewer = viewerOf(ctx.member._id);
  return { items: ids.flatMap((id) => (byId.has(id) ? [toPostView(byId.get(id)!, viewer, urls)] : [])), next: page.next };
}

/**
 * A member shared the post (the share card was sent): one share credit per member per post; share points
 * through awardActivity (capped per day); another member's share adds to the author's month.
 */
export async function sharePost(ctx: MemberContext, input: PostInput): Promise<ShareView> {
  const openid = ctx.member._id;
  const post = await visiblePost(ctx.db, input.postId);
  const now = ctx.clock.now();
  const added = await addShare(ctx.db, post, openid, now);
  if (!added) return { shareCount: post.shareCount, points: 0, repeated: true };
  const fromOther = openid !== post._openid;
  const _ = ctx.db.command;
  await ctx.db.collection(POSTS).doc(post._id).update({ data: { shareCount: _.inc(1), sharesFromOthers: _.inc(fromOther ? 1 : 0) } });
  if (fromOther && post.counted) await addToMonth(ctx.db, post.month, post._openid, 1, now);
  const { award } = await awardActivity(ctx, { kind: 'share', sourceId: `${post._id}:${openid}`, title: '分享社区内容' });
  return { shareCount: post.shareCount + 1, points: award.total, repeated: false };
}
