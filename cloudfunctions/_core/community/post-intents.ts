/**
 * Members' actions that move a post's counters (likes, favourites, visible comments) are applied in batches. Each
 * action is written as the member's intent (`post_reaction_intents`); one member at a time holds the post's lease
 * (`post_reaction_leases/{postId}`) and applies up to APPLY_BATCH pending intents of every kind per transaction,
 * with the post's counters and the scoring buckets written once; the others look at their own intent until it is
 * applied. So a burst on a hot post commits a transaction per batch instead of per action (`npm run bench:likes`,
 * `npm run bench:comments`), and the counters always equal the documents (the transaction's, not the lease's).
 */
import { randomBytes } from 'node:crypto';
import { isDatabaseError, type Database } from '../../_platform/database.port';
import type { ScoringEvent } from '../scoring/activity-events.rules';
import { scoreAllInTx, type ScoringWindow } from '../scoring/activity.service';
import type { MemberContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { POST_INTENTS, POST_LEASES, POSTS, type PostIntentRecord, type PostRecord } from './community.record';
import { hotKey, hotScore } from './feed.rules';
import { INTENT_PLANS, type IntentPlan } from './post-intent-plans';

/** Pending intents of a post one transaction applies at most (its reads and writes run side by side). */
const APPLY_BATCH = 20;
/** Looks at one's own intent before giving up (BUSY): about POLL_MS / 2 apart while another member applies. */
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
  /** An intent's rev while it applies the post's intents; '' when nobody does. */
  holder: string;
  /** Moved by the holder after each batch: a holder whose beat stands still is taken over. */
  beat: number;
}

/** What became of an intent: applied (with its outcome), or replaced or withdrawn by another call (`gone`). */
export type IntentOutcome = { state: 'applied'; changed: boolean; counted: boolean } | { state: 'gone' };

/**
 * Takes the lease as it was seen (free, missing, or stale) by one conditional update on what was seen, so two
 * members never both take it from the same state.
 */
async function takeLease(db: Database, postId: string, me: string, seen: LeaseRecord | null): Promise<boolean> {
  const leases = db.collection<LeaseRecord>(POST_LEASES);
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

/** The post's increments as update commands, and its hot score from the counters they lead to (read in the same transaction). */
function postUpdate(db: Database, post: PostRecord, incs: Record<string, number>): Record<string, unknown> {
  const _ = db.command;
  // Nothing changed (taps that were already so): the post is still written, so the batch holds it as any other.
  const data: Record<string, unknown> = Object.fromEntries(Object.entries({ likeCount: 0, ...incs }).map(([field, n]) => [field, _.inc(n)]));
  if (incs.likeCount || incs.commentCount) {
    const hot = hotScore(post.likeCount + (incs.likeCount ?? 0), post.commentCount + (incs.commentCount ?? 0), post.createdAt);
    Object.assign(data, { hot, hotKey: hotKey(hot, post._id) });
  }
  return data;
}

/**
 * Applies up to APPLY_BATCH pending intents of a post in one transaction: each kind's document written as planned
 * (`post-intent-plans.ts`; nothing added to a post no longer visible), the post's counters by the sum, each bucket once
 * (`scoreAllInTx`), and each intent marked applied with its outcome. So the counters always equal the documents and
 * the buckets what the post counted, whatever the interleaving or wherever a write fails.
 */
async function applyPending(ctx: MemberContext, postId: string, window: ScoringWindow): Promise<number> {
  const { data: pending } = await ctx.db
    .collection<PostIntentRecord>(POST_INTENTS)
    .where({ postId, status: 'pending' })
    .orderBy('_id', 'asc')
    .limit(APPLY_BATCH)
    .get();
  if (pending.length === 0) return 0;
  const now = ctx.clock.now();
  await ctx.db.runTransaction(async (tx) => {
    const postRef = tx.collection<PostRecord>(POSTS).doc(postId);
    const intentRef = (id: string) => tx.collection<PostIntentRecord>(POST_INTENTS).doc(id);
    const [post, intents, priors] = await Promise.all([
      getOrNull<PostRecord>(postRef),
      Promise.all(pending.map((i) => getOrNull<PostIntentRecord>(intentRef(i._id)))),
      Promise.all(pending.map((i) => INTENT_PLANS[i.kind].read(tx, i))),
    ]);
    const incs: Record<string, number> = {};
    const events: ScoringEvent[] = [];
    const writes: (() => Promise<unknown>)[] = [];
    pending.forEach((seen, i) => {
      const intent = intents[i];
      // Replaced or withdrawn since the query: left for the next batch, or gone.
      if (!intent || intent.rev !== seen.rev || intent.status !== 'pending') return;
      const plan: IntentPlan = post ? INTENT_PLANS[intent.kind].plan(intent, priors[i], post) : { changed: false, counted: false, post: {}, events: [], write: null };
      for (const [field, n] of Object.entries(plan.post)) incs[field] = (incs[field] ?? 0) + n;
      events.push(...plan.events);
      if (plan.write) writes.push(() => plan.write!(tx));
      writes.push(() => intentRef(intent._id).update({ data: { status: 'applied', changed: plan.changed, counted: plan.counted } }));
    });
    if (writes.length === 0) return;
    // A post gone for good: its intents are marked applied, changing nothing.
    if (!post) return void (await Promise.all(writes.map((w) => w())));
    // The post first, alone: concurrent batches meet there, and the one that comes second fails before it holds
    // any document or intent (written side by side, in any order, they would abort each other).
    await postRef.update({ data: postUpdate(ctx.db, post, incs) });
    if (events.length > 0) writes.push(() => scoreAllInTx(tx, ctx.db.command, events, now, window));
    await Promise.all(writes.map((w) => w()));
  }, APPLY_RETRIES);
  return pending.length;
}

/** Holds the lease taken from `seen` and applies batches while they come full, then gives it back. */
async function applyAsHolder(ctx: MemberContext, postId: string, rev: string, seen: LeaseRecord | null, window: ScoringWindow): Promise<void> {
  const leases = ctx.db.collection<LeaseRecord>(POST_LEASES);
  let beat = (seen?.beat ?? -1) + 1;
  try {
    for (let batch = 0; batch < HOLDER_BATCHES; batch++) {
      let applied = 0;
      try {
        applied = await applyPending(ctx, postId, window);
      } catch (e) {
        if (!isDatabaseError(e, 'conflict')) throw e;
      }
      if (applied < APPLY_BATCH) break;
      await leases.where({ _id: postId, holder: rev }).update({ data: { beat: ++beat } });
    }
  } finally {
    await leases.where({ _id: postId, holder: rev }).update({ data: { holder: '', beat: beat + 1 } });
  }
}

const newRev = () => randomBytes(8).toString('hex');

/**
 * Waits until the intent `id` (as written with `rev`) is applied, by the caller (holding the post's lease) or by
 * another member applying the batch. One member applies a post's intents at a time; the lease only spares the
 * database doomed transactions. A holder whose beat stands still for TAKEOVER_POLLS looks is taken over (it may
 * have died without giving the lease back). An intent never applied within the attempts is withdrawn by a
 * conditional remove and answered BUSY: nothing of it happens later.
 */
async function awaitIntent(ctx: MemberContext, postId: string, id: string, rev: string, window: ScoringWindow): Promise<IntentOutcome> {
  const intents = ctx.db.collection<PostIntentRecord>(POST_INTENTS);
  const leases = ctx.db.collection<LeaseRecord>(POST_LEASES);
  const outcome = (mine: PostIntentRecord | null): IntentOutcome | null => {
    if (!mine || mine.rev !== rev) return { state: 'gone' };
    return mine.status === 'applied' ? { state: 'applied', changed: mine.changed, counted: mine.counted } : null;
  };
  let watched: LeaseRecord | null = null;
  let still = 0;
  for (let attempt = 0; attempt < APPLY_ATTEMPTS; attempt++) {
    const done = outcome(await getOrNull<PostIntentRecord>(intents.doc(id)));
    if (done) return done;
    const lease = await getOrNull<LeaseRecord>(leases.doc(postId));
    const stale = lease !== null && watched !== null && lease.holder === watched.holder && lease.beat === watched.beat && ++still >= TAKEOVER_POLLS;
    if ((!lease || lease.holder === '' || stale) && (await takeLease(ctx.db, postId, rev, lease))) {
      await applyAsHolder(ctx, postId, rev, lease, window);
      continue;
    }
    if (!lease || !watched || lease.holder !== watched.holder || lease.beat !== watched.beat) [watched, still] = [lease, 0];
    await pause(POLL_MS);
  }
  const withdrawn = await intents.where({ _id: id, rev, status: 'pending' }).remove();
  if (withdrawn.stats.removed === 1) throw new AppError('BUSY', '人有点多，请稍后再试');
  return outcome(await getOrNull<PostIntentRecord>(intents.doc(id))) ?? { state: 'gone' };
}

type NewIntent = Pick<PostIntentRecord, '_id' | 'postId' | 'kind' | 'on' | 'commentId' | 'comment'>;

/**
 * Records the caller's intent and waits until it is applied (`awaitIntent`). `replace` (likes, favourites): the
 * intent replaces the caller's earlier one, so the latest tap decides. Otherwise (comments) an intent already
 * there under the id (a retry of the same request running at once) is waited on instead of written again.
 */
export async function submitIntent(ctx: MemberContext, intent: NewIntent, replace: boolean, window: ScoringWindow): Promise<IntentOutcome> {
  const { _id, ...rest } = intent;
  const intents = ctx.db.collection<PostIntentRecord>(POST_INTENTS);
  if (rest.comment === undefined) delete rest.comment;
  if (rest.commentId === undefined) delete rest.commentId;
  const row: Omit<PostIntentRecord, '_id'> = { ...rest, _openid: ctx.member._id, rev: newRev(), byJoinedAt: ctx.member.createdAt, at: ctx.clock.now(), status: 'pending', changed: false, counted: false };
  if (replace) await intents.doc(_id).set({ data: row });
  else {
    try {
      await intents.add({ data: { _id, ...row } });
    } catch (e) {
      if (!isDatabaseError(e, 'duplicate-key')) throw e;
      const there = await getOrNull<PostIntentRecord>(intents.doc(_id));
      if (!there) return { state: 'gone' };
      row.rev = there.rev;
    }
  }
  return awaitIntent(ctx, intent.postId, _id, row.rev, window);
}

/** Removes an applied intent once its caller has read the outcome (a comment's intent holds its text). */
export async function forgetIntent(db: Database, id: string): Promise<void> {
  await db.collection<PostIntentRecord>(POST_INTENTS).where({ _id: id, status: 'applied' }).remove();
}
