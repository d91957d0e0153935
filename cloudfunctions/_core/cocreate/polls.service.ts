/**
 * Co-creation polls (共创投票): operators, or members holding the KOC role co_creator, open a poll tied to a
 * product decision (validated the same way, credited to its host); members vote from a budget set by their tier
 * and layers; results are public and the winners' chosen names go on the credits page. Operators close any poll.
 */
import type { Database } from '../../_platform/database.port';
import { isDatabaseError } from '../../_platform/database.port';
import { checkText } from '../community/content-check.service';
import { idFor, isOfficial } from '../community/community-members.service';
import { cocreateConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { addActivityInTx } from '../scoring/activity.service';
import { layersOf } from '../scoring/member-layers';
import type { MemberContext, ModeratorContext, StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { imageUrls } from '../shared/images';
import type { UseCaseContext } from '../shared/use-case-context';
import { canHost, checkHostText, hostFields, hostView, isKocHost } from './cocreate-host';
import { checkMemberImages, rejectHeld, startHeldChecks } from './cocreate-images.service';
import { HOLD_NOTES, holdAsOf, imageVisible, initialHold } from './cocreate-images.rules';
import { POLL_BALLOTS, POLL_GATES, POLL_VOTES, POLLS, type PollBallotRecord, type PollGateRecord, type PollRecord, type PollVoteRecord } from './cocreate.record';
import type { CreditsView, OpenPollInput, PollInput, PollsView, PollView, VoteInput, VoteView } from './cocreate.schema';
import { gateShard, percentages, POLL_GATE_SHARDS, pollState, sumShards, voteBudget } from './poll.rules';

/** Same-member votes conflict on the ballot; each re-run is cheap (member-local documents only). */
const VOTE_RETRIES = 8;
const CREDIT_NAMES = 200;
/** Closing a shard re-runs while votes still running on it commit (new ones are already refused). */
const CLOSE_RETRIES = 10;
/** Shards closed at once. */
const CLOSE_BATCH = 16;
const NIGHTLY_CLOSES = 20;

export async function openPoll(ctx: ModeratorContext, input: OpenPollInput): Promise<PollView> {
  const now = ctx.clock.now();
  const opensAt = input.opensAt ?? now;
  if (input.closesAt.getTime() <= Math.max(now.getTime(), opensAt.getTime())) throw new AppError('INVALID_INPUT', '截止时间要晚于开始时间和现在', 'closesAt');
  const id = idFor('v', ctx.caller.openid, input.requestId);
  if (await getOrNull(ctx.db.collection(POLLS).doc(id))) return pollDetail(ctx, { pollId: id });
  const memberHost = isKocHost(ctx.staff);
  if (memberHost) await checkMemberImages(ctx, input.options.map((o) => o.image), (i) => `options[${i}].image`);
  await checkHostText(ctx, [input.title, input.description, input.productName, input.creditLine, ...input.options.map((o) => o.label)].join('\n'));
  // A member host's images wait for the media check; the poll is held until they pass (cocreate-images.service.ts).
  const hold = initialHold(memberHost, input.options.filter((o) => o.image).length);
  const options = input.options.map((o, i) => ({ id: `o${i + 1}`, label: o.label, image: o.image, ...(hold && o.image ? { check: 'pending' as const } : {}) }));
  const record: Omit<PollRecord, '_id'> = {
    title: input.title,
    description: input.description,
    subject: input.subject,
    productName: input.productName,
    creditLine: input.creditLine,
    options,
    tally: Object.fromEntries(options.map((o) => [o.id, 0])),
    votes: 0,
    voters: 0,
    status: hold ? 'held' : 'open',
    hold,
    opensAt,
    closesAt: input.closesAt,
    results: null,
    createdBy: ctx.caller.openid,
    ...hostFields(ctx.staff),
    createdAt: now,
    closedAt: null,
  };
  try {
    await ctx.db.collection(POLLS).add({ data: { _id: id, ...record } });
    if (hold) await startHeldChecks(ctx, 'poll', id, ctx.staff._id, options.flatMap((o) => (o.image ? [o.image] : [])));
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
  }
  return pollDetail(ctx, { pollId: id });
}

/** A held poll is seen by its host and operators only; to anyone else it does not exist. */
async function visibleTo(ctx: UseCaseContext, poll: PollRecord): Promise<void> {
  if (poll.status !== 'held' || poll.hostOpenid === ctx.caller.openid) return;
  if (!(await isOfficial(ctx.db, ctx.caller.openid))) throw new AppError('POLL_NOT_FOUND', '没有找到这个投票');
}

async function loadPoll(db: Database, pollId: string): Promise<PollRecord> {
  const poll = await getOrNull<PollRecord>(db.collection<PollRecord>(POLLS).doc(pollId));
  if (!poll) throw new AppError('POLL_NOT_FOUND', '没有找到这个投票');
  return poll;
}

/** The member's budget for polls of n options. */
async function budgets(ctx: UseCaseContext, member: MemberRecord): Promise<(optionCount: number) => number> {
  const [config, layers] = await Promise.all([loadConfig(ctx, cocreateConfig), layersOf(ctx.db, member._id)]);
  return (n) => voteBudget(config.polls, member.tierCode, layers, n);
}

async function views(ctx: UseCaseContext, polls: PollRecord[]): Promise<PollView[]> {
  const openid = ctx.caller.openid;
  const now = ctx.clock.now();
  const _ = ctx.db.command;
  const [urls, member, ballots, official] = await Promise.all([
    imageUrls(ctx.storage, polls.flatMap((p) => p.options.map((o) => o.image))),
    getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(openid)),
    polls.length
      ? ctx.db.collection<PollBallotRecord>(POLL_BALLOTS).where({ _id: _.in(polls.map((p) => `${p._id}:${openid}`)) }).limit(1000).get()
      : Promise.resolve({ data: [] as PollBallotRecord[] }),
    isOfficial(ctx.db, openid),
  ]);
  const budget = member ? await budgets(ctx, member) : null;
  return polls.map((p) => {
      const ballot = ballots.data.find((b) => b.pollId === p._id) ?? null;
      const tally = p.results?.tally ?? p.tally;
      const pct = percentages(tally);
      const winners = p.results ? p.results.winners : [];
      const isHost = !!p.hostOpenid && p.hostOpenid === openid;
      return {
        pollId: p._id,
        title: p.title,
        description: p.description,
        subject: p.subject,
        productName: p.productName,
        creditLine: p.creditLine,
        host: hostView(p),
        manage: official,
        state: pollState(p, now),
        held: p.status === 'held' ? holdAsOf(p.hold, 'poll', p.closesAt, now) : null,
        opensAt: p.opensAt.toISOString(),
        closesAt: p.closesAt.toISOString(),
        final: p.results !== null,
        votes: p.results?.total ?? p.votes,
        voters: p.voters,
        options: p.options.map((o) => ({
          optionId: o.id,
          label: o.label,
          image: o.image && imageVisible(o.check, isHost) ? (urls[o.image] ?? null) : null,
          votes: tally[o.id] ?? 0,
          percent: pct[o.id] ?? 0,
          winner: winners.includes(o.id),
          mine: ballot?.options.includes(o.id) ?? false,
        })),
        mine: budget ? { budget: budget(p.options.length), used: ballot?.used ?? 0 } : null,
      };
  });
}

/** One poll; a poll past its closing time is counted and closed on the way (once, see closePoll). */
export async function pollDetail(ctx: UseCaseContext, input: PollInput): Promise<PollView> {
  let poll = await loadPoll(ctx.db, input.pollId);
  await visibleTo(ctx, poll);
  if (!poll.results && pollState(poll, ctx.clock.now()) === 'ended') poll = await finalise(ctx.db, poll, ctx.clock.now());
  return (await views(ctx, [poll]))[0];
}

/**
 * The caller's own held polls first (审核中 or not published, with the reason), then open polls (closing soonest
 * first), then the latest 20 ended ones. Visitors read them too.
 */
export async function listPolls(ctx: UseCaseContext): Promise<PollsView> {
  const now = ctx.clock.now();
  const polls = ctx.db.collection<PollRecord>(POLLS);
  const [mine, open, closed, canOpen] = await Promise.all([
    polls.where({ hostOpenid: ctx.caller.openid, status: 'held' }).orderBy('createdAt', 'desc').limit(10).get(),
    polls.where({ status: 'open' }).orderBy('closesAt', 'asc').limit(50).get(),
    polls.where({ status: 'closed' }).orderBy('closesAt', 'desc').limit(20).get(),
    canHost(ctx.db, ctx.caller.openid),
  ]);
  // Ended but not yet counted (a close interrupted after the status flip is finished here too).
  const due = [...open.data.filter((p) => pollState(p, now) === 'ended'), ...closed.data.filter((p) => !p.results)];
  const finalised = await Promise.all(due.map((p) => finalise(ctx.db, p, now)));
  const live = open.data.filter((p) => pollState(p, now) !== 'ended');
  const ended = [...finalised, ...closed.data.filter((p) => !due.some((d) => d._id === p._id))].sort((a, b) => b.closesAt.getTime() - a.closesAt.getTime());
  return { polls: await views(ctx, [...mine.data, ...live, ...ended]), canOpen };
}

/**
 * A vote: the vote document, the member's ballot (used < budget) and the member's interaction-depth bucket
 * commit together in one transaction over the member's own documents (so the budget holds under any
 * concurrency and a hot poll never conflicts); the poll's public tally then moves by `_.inc`, once per
 * committed vote. Voting for the same option again changes nothing.
 */
export async function vote(ctx: MemberContext, input: VoteInput): Promise<VoteView> {
  const openid = ctx.member._id;
  const poll = await loadPoll(ctx.db, input.pollId);
  const now = ctx.clock.now();
  if (poll.status === 'held') throw new AppError('COCREATE_UNDER_REVIEW', '这个投票还在审核中，通过后才能投票');
  if (pollState(poll, now) !== 'open') throw new AppError('POLL_CLOSED', pollState(poll, now) === 'upcoming' ? '投票还没有开始' : '投票已经结束');
  if (!poll.options.some((o) => o.id === input.optionId)) throw new AppError('INVALID_INPUT', '没有这个选项', 'optionId');
  if (input.creditName) await checkText(ctx, openid, input.creditName, 'comment');
  const budget = (await budgets(ctx, ctx.member))(poll.options.length);
  const _ = ctx.db.command;
  const gateId = `${poll._id}:${gateShard(openid)}`;
  const outcome = await ctx.db.runTransaction(async (tx) => {
    const voteRef = tx.collection<PollVoteRecord>(POLL_VOTES).doc(`${poll._id}:${input.optionId}:${openid}`);
    if (await getOrNull(voteRef)) return { repeated: true, first: false };
    // The poll and the member's shard as of this attempt: a close that committed first refuses the vote here;
    // a close that commits later conflicts with the shard write below, so one of the two re-runs.
    const [current, gate] = [await getOrNull<PollRecord>(tx.collection<PollRecord>(POLLS).doc(poll._id)), await getOrNull<PollGateRecord>(tx.collection<PollGateRecord>(POLL_GATES).doc(gateId))];
    if (current?.status !== 'open' || gate?.status === 'closed') throw new AppError('POLL_CLOSED', '投票已经结束');
    const ballotRef = tx.collection<PollBallotRecord>(POLL_BALLOTS).doc(`${poll._id}:${openid}`);
    const ballot = await getOrNull<PollBallotRecord>(ballotRef);
    const used = ballot?.used ?? 0;
    if (used >= budget) throw new AppError('VOTE_BUDGET_EXCEEDED', `你在这个投票里有 ${budget} 票，已经投完了`);
    const row: Omit<PollVoteRecord, '_id'> = { _openid: openid, pollId: poll._id, optionId: input.optionId, creditName: input.creditName, credited: input.creditName !== null, votedAt: now };
    await voteRef.set({ data: row });
    const next: Omit<PollBallotRecord, '_id'> = { _openid: openid, pollId: poll._id, used: used + 1, options: [...(ballot?.options ?? []), input.optionId], updatedAt: now };
    await ballotRef.set({ data: next });
    await addActivityInTx(tx, _, { openid, day: businessDay(now), delta: { vo: 1 } }, now);
    const counted: Omit<PollGateRecord, '_id'> = {
      pollId: poll._id,
      status: 'open',
      tally: { ...(gate?.tally ?? {}), [input.optionId]: (gate?.tally[input.optionId] ?? 0) + 1 },
      votes: (gate?.votes ?? 0) + 1,
    };
    await tx.collection(POLL_GATES).doc(gateId).set({ data: counted });
    return { repeated: false, first: used === 0 };
  }, VOTE_RETRIES);
  if (!outcome.repeated) {
    await ctx.db
      .collection(POLLS)
      .doc(poll._id)
      .update({ data: { [`tally.${input.optionId}`]: _.inc(1), votes: _.inc(1), ...(outcome.first ? { voters: _.inc(1) } : {}) } });
  }
  return { poll: await pollDetail(ctx, { pollId: poll._id }), repeated: outcome.repeated };
}

/**
 * An operator closes (withdraws) a poll now, before its time, a KOC-hosted one included; the result is final
 * (see finalise). Closing a member's poll is recorded in the audit log.
 */
export async function closePoll(ctx: StaffContext, input: PollInput): Promise<PollView> {
  const poll = await loadPoll(ctx.db, input.pollId);
  const now = ctx.clock.now();
  if (poll.status === 'held') {
    // Never published: withdrawn before anyone saw it (nothing to count).
    if (await rejectHeld(ctx.db, 'poll', poll._id, HOLD_NOTES.withdrawn('poll'))) await appendAudit(ctx.db, ctx.staff, { action: 'poll.close', target: poll.hostOpenid ?? '', detail: { pollId: poll._id, title: poll.title, votes: 0 } }, now);
  } else if (!poll.results) {
    const closed = await finalise(ctx.db, poll, now);
    if (poll.hostOpenid) await appendAudit(ctx.db, ctx.staff, { action: 'poll.close', target: poll.hostOpenid, detail: { pollId: poll._id, title: poll.title, votes: closed.results?.total ?? 0 } }, now);
  }
  return pollDetail(ctx, input);
}

/**
 * Closes the poll and stores its final result, exactly. First the poll's status flips (one conditional write),
 * so votes not yet in their transaction are refused. Then each shard is closed in its own small transaction:
 * a vote counted on a shard committed before that shard closed, and one still running conflicts on the shard
 * and, re-run, finds the poll closed (POLL_CLOSED). Once every shard is closed their counts can no longer move,
 * and their sum is the stored result. Idempotent: a second call closes nothing more and stores the same sum.
 */
async function finalise(db: Database, poll: PollRecord, now: Date): Promise<PollRecord> {
  const polls = db.collection<PollRecord>(POLLS);
  await polls.where({ _id: poll._id, status: 'open' }).update({ data: { status: 'closed', closedAt: now } });
  const shards = Array.from({ length: POLL_GATE_SHARDS }, (_, k) => k);
  for (let i = 0; i < shards.length; i += CLOSE_BATCH) await Promise.all(shards.slice(i, i + CLOSE_BATCH).map((k) => closeShard(db, poll._id, k)));
  const { data: gates } = await db.collection<PollGateRecord>(POLL_GATES).where({ pollId: poll._id }).limit(1000).get();
  const results = sumShards(poll.options.map((o) => o.id), gates);
  // _.set replaces the null placeholder (a plain object would be merged path by path into it, which fails).
  await polls.doc(poll._id).update({ data: { results: db.command.set(results) } });
  const closed = (await getOrNull<PollRecord>(polls.doc(poll._id))) ?? poll;
  return { ...closed, status: 'closed', results };
}

/** One shard closed (created closed when no vote reached it yet, so a late first vote conflicts too). */
async function closeShard(db: Database, pollId: string, k: number): Promise<void> {
  await db.runTransaction(async (tx) => {
    const ref = tx.collection<PollGateRecord>(POLL_GATES).doc(`${pollId}:${k}`);
    const gate = await getOrNull<PollGateRecord>(ref);
    if (gate?.status === 'closed') return;
    const closed: Omit<PollGateRecord, '_id'> = { pollId, status: 'closed', tally: gate?.tally ?? {}, votes: gate?.votes ?? 0 };
    await ref.set({ data: closed });
  }, CLOSE_RETRIES);
}

/**
 * The credits page (共创名人墙): for each ended poll, its winning options and the names their voters chose to
 * be credited under, in voting order.
 */
export async function credits(ctx: UseCaseContext): Promise<CreditsView> {
  const _ = ctx.db.command;
  const { data } = await ctx.db.collection<PollRecord>(POLLS).where({ status: 'closed' }).orderBy('closesAt', 'desc').limit(20).get();
  const finished = data.filter((p) => p.results && p.results.winners.length > 0);
  return {
    polls: await Promise.all(
      finished.map(async (p) => {
        const winners = p.results?.winners ?? [];
        const where = { pollId: p._id, optionId: _.in(winners), credited: true };
        const [names, total] = await Promise.all([
          ctx.db.collection<PollVoteRecord>(POLL_VOTES).where(where).orderBy('votedAt', 'asc').limit(CREDIT_NAMES).get(),
          ctx.db.collection(POLL_VOTES).where(where).count(),
        ]);
        return {
          pollId: p._id,
          title: p.title,
          productName: p.productName,
          creditLine: p.creditLine,
          closesAt: p.closesAt.toISOString(),
          winners: p.options.filter((o) => winners.includes(o.id)).map((o) => o.label),
          names: [...new Map(names.data.map((v) => [v._openid, v.creditName ?? ''])).values()].filter(Boolean),
          total: total.total,
        };
      }),
    ),
  };
}

/**
 * For the nightly job: polls past their closing time are closed exactly (see finalise), 20 a night: each is 128
 * small shard transactions, 16 at a time (reads close the others on the way, and the next night continues).
 * Held polls past their closing time are marked not published.
 */
export async function closeDuePolls(db: Database, now: Date): Promise<number> {
  const _ = db.command;
  const { data } = await db.collection<PollRecord>(POLLS).where({ status: 'open', closesAt: _.lte(now) }).limit(NIGHTLY_CLOSES).get();
  for (const p of data) await finalise(db, p, now);
  // Still held at their closing time: never published (the host's note says so).
  const { data: late } = await db.collection<PollRecord>(POLLS).where({ status: 'held', closesAt: _.lte(now), 'hold.state': _.in(['checking', 'review']) }).limit(NIGHTLY_CLOSES).get();
  for (const p of late) await rejectHeld(db, 'poll', p._id, HOLD_NOTES.late('poll'));
  return data.length;
}
