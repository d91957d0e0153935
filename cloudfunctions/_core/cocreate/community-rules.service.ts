/**
 * Co-built rules (规则共建): a member proposes a rule, members support or oppose it; past the quorum and the
 * majority within the window it is adopted (exactly once: one conditional write claims the transition) and
 * shown on the community rules page with its proposer; a proposal that misses the window expires. A member may
 * dispute an adopted rule or an open proposal once, with a reason; operators only arbitrate (uphold or
 * overturn, with a note), recorded on the rule and in the audit log.
 */
import type { Database } from '../../_platform/database.port';
import { isDatabaseError } from '../../_platform/database.port';
import { checkText } from '../community/content-check.service';
import { idFor, isOfficial } from '../community/community-members.service';
import { cocreateConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { addActivity } from '../scoring/activity.service';
import type { MemberContext, StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import { RULE_DISPUTES, RULE_VOTES, RULES, type Arbitration, type RuleDisputeRecord, type RuleRecord, type RuleVoteRecord } from './cocreate.record';
import type { ArbitrateInput, DisputeRuleInput, DisputeView, ProposeRuleInput, RuleDisputesView, RuleInput, RulesView, RuleView, RuleVoteInput, RuleVoteView } from './cocreate.schema';
import { isCarried, missingVotes, supportPercent, withinWindow } from './community-rule.rules';

const DAY_MS = 86_400_000;
/** Concurrent disputes of one rule conflict on its counter; each re-run is two reads and two writes. */
const DISPUTE_RETRIES = 10;

/** Disputes raised since the last arbitration make a rule disputed (有争议). */
const isDisputed = (r: RuleRecord) => r.disputes > (r.arbitration?.disputesSeen ?? 0);

function toView(r: RuleRecord, mine: RuleVoteRecord['stance'] | null, myDispute = false): RuleView {
  return {
    ruleId: r._id,
    title: r.title,
    body: r.body,
    proposer: r.proposerName ?? '已注销的会员',
    status: r.status,
    support: r.support,
    oppose: r.oppose,
    quorum: r.quorum,
    majorityPercent: r.majorityPercent,
    supportPercent: supportPercent(r),
    missingVotes: missingVotes(r),
    closesAt: r.closesAt.toISOString(),
    adoptedAt: r.adoptedAt ? r.adoptedAt.toISOString() : null,
    arbitration: r.arbitration ? { decision: r.arbitration.decision, note: r.arbitration.note, at: r.arbitration.at.toISOString() } : null,
    mine,
    disputes: r.disputes,
    disputed: isDisputed(r),
    myDispute,
  };
}

async function loadRule(db: Database, ruleId: string): Promise<RuleRecord> {
  const rule = await getOrNull<RuleRecord>(db.collection<RuleRecord>(RULES).doc(ruleId));
  if (!rule) throw new AppError('RULE_NOT_FOUND', '没有找到这条公约提议');
  return rule;
}

/** A proposal past its window that was not adopted expires: one conditional write, so at most once. */
async function expireIfDue(db: Database, rule: RuleRecord, now: Date): Promise<RuleRecord> {
  if (rule.status !== 'open' || withinWindow(rule.closesAt, now)) return rule;
  const _ = db.command;
  await db.collection(RULES).where({ _id: rule._id, status: 'open', closesAt: _.lte(now) }).update({ data: { status: 'expired', expiredAt: now } });
  return (await getOrNull<RuleRecord>(db.collection<RuleRecord>(RULES).doc(rule._id))) ?? rule;
}

export async function proposeRule(ctx: MemberContext, input: ProposeRuleInput): Promise<RuleView> {
  const openid = ctx.member._id;
  await checkText(ctx, openid, `${input.title}\n${input.body}`, 'topic');
  const config = await loadConfig(ctx, cocreateConfig);
  const now = ctx.clock.now();
  const id = idFor('r', openid, input.requestId);
  const record: Omit<RuleRecord, '_id'> = {
    _openid: openid,
    proposerName: ctx.member.nickname,
    title: input.title,
    body: input.body,
    status: 'open',
    support: 0,
    oppose: 0,
    quorum: config.rules.quorum,
    majorityPercent: config.rules.majorityPercent,
    closesAt: new Date(now.getTime() + config.rules.windowDays * DAY_MS),
    createdAt: now,
    adoptedAt: null,
    expiredAt: null,
    disputes: 0,
    arbitration: null,
  };
  try {
    await ctx.db.collection(RULES).add({ data: { _id: id, ...record } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
  }
  return toView(await loadRule(ctx.db, id), null);
}

/**
 * Support or oppose an open proposal, once per member (the vote document's id is the key; a second vote
 * changes nothing). The call whose counted vote carries the proposal adopts it by a conditional write that
 * only an open proposal inside its window passes, so adoption happens exactly once and never after the window.
 */
export async function voteRule(ctx: MemberContext, input: RuleVoteInput): Promise<RuleVoteView> {
  const openid = ctx.member._id;
  const now = ctx.clock.now();
  const _ = ctx.db.command;
  const rule = await expireIfDue(ctx.db, await loadRule(ctx.db, input.ruleId), now);
  const voteRef = ctx.db.collection<RuleVoteRecord>(RULE_VOTES).doc(`${rule._id}:${openid}`);
  const prior = await getOrNull<RuleVoteRecord>(voteRef);
  if (prior) return { rule: toView(rule, prior.stance), repeated: true, adopted: false };
  if (rule.status !== 'open') throw new AppError('RULE_CLOSED', rule.status === 'adopted' ? '这条公约已经通过' : '这条公约提议已经结束表决');
  try {
    await ctx.db.collection(RULE_VOTES).add({ data: { _id: `${rule._id}:${openid}`, _openid: openid, ruleId: rule._id, stance: input.stance, at: now } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    const again = await loadRule(ctx.db, rule._id);
    return { rule: toView(again, (await getOrNull<RuleVoteRecord>(voteRef))?.stance ?? null), repeated: true, adopted: false };
  }
  await ctx.db.collection(RULES).doc(rule._id).update({ data: { [input.stance]: _.inc(1) } });
  await addActivity(ctx.db, { openid, day: businessDay(now), delta: { vo: 1 } }, now);
  let after = await loadRule(ctx.db, rule._id);
  let adopted = false;
  if (after.status === 'open' && withinWindow(after.closesAt, now) && isCarried(after)) {
    const r = await ctx.db.collection(RULES).where({ _id: rule._id, status: 'open', closesAt: _.gt(now) }).update({ data: { status: 'adopted', adoptedAt: now } });
    adopted = r.stats.updated === 1;
    if (adopted) {
      ctx.log.info('rule.adopted', { ruleId: rule._id, support: after.support, oppose: after.oppose });
      after = await loadRule(ctx.db, rule._id);
    }
  }
  return { rule: toView(after, input.stance), repeated: false, adopted };
}

/** The community rules page: adopted rules (newest first), open proposals, recently ended ones. */
export async function listRules(ctx: UseCaseContext): Promise<RulesView> {
  const now = ctx.clock.now();
  const rules = ctx.db.collection<RuleRecord>(RULES);
  const [adopted, open, ended, canArbitrate] = await Promise.all([
    rules.where({ status: 'adopted' }).orderBy('adoptedAt', 'desc').limit(100).get(),
    rules.where({ status: 'open' }).orderBy('closesAt', 'asc').limit(100).get(),
    rules.where({ status: ctx.db.command.in(['expired', 'overturned']) }).orderBy('closesAt', 'desc').limit(20).get(),
    isOfficial(ctx.db, ctx.caller.openid),
  ]);
  const current = await Promise.all(open.data.map((r) => expireIfDue(ctx.db, r, now)));
  const all = [...adopted.data, ...current];
  const mine = all.length
    ? (await ctx.db.collection<RuleVoteRecord>(RULE_VOTES).where({ _id: ctx.db.command.in(all.map((r) => `${r._id}:${ctx.caller.openid}`)) }).limit(1000).get()).data
    : [];
  const disputed = all.length
    ? (await ctx.db.collection<RuleDisputeRecord>(RULE_DISPUTES).where({ _id: ctx.db.command.in(all.map((r) => `${r._id}:${ctx.caller.openid}`)) }).limit(1000).get()).data
    : [];
  const stance = (r: RuleRecord) => mine.find((v) => v.ruleId === r._id)?.stance ?? null;
  const myDispute = (r: RuleRecord) => disputed.some((d) => d.ruleId === r._id);
  return {
    adopted: adopted.data.map((r) => toView(r, stance(r), myDispute(r))),
    open: current.filter((r) => r.status === 'open').map((r) => toView(r, stance(r), myDispute(r))),
    closed: [...current.filter((r) => r.status === 'expired'), ...ended.data].map((r) => toView(r, null)),
    canArbitrate,
  };
}

export async function ruleDetail(ctx: UseCaseContext, input: RuleInput): Promise<RuleView> {
  const rule = await expireIfDue(ctx.db, await loadRule(ctx.db, input.ruleId), ctx.clock.now());
  const [mine, dispute] = await Promise.all([
    getOrNull<RuleVoteRecord>(ctx.db.collection<RuleVoteRecord>(RULE_VOTES).doc(`${rule._id}:${ctx.caller.openid}`)),
    getOrNull<RuleDisputeRecord>(ctx.db.collection<RuleDisputeRecord>(RULE_DISPUTES).doc(`${rule._id}:${ctx.caller.openid}`)),
  ]);
  return toView(rule, mine?.stance ?? null, dispute !== null);
}

/**
 * A member disputes an adopted rule or an open proposal, once, with a reason: the dispute document and the
 * rule's counter move together in one transaction (the counter always equals the documents). A second dispute
 * by the same member changes nothing.
 */
export async function disputeRule(ctx: MemberContext, input: DisputeRuleInput): Promise<DisputeView> {
  const openid = ctx.member._id;
  const now = ctx.clock.now();
  const rule = await expireIfDue(ctx.db, await loadRule(ctx.db, input.ruleId), now);
  const id = `${rule._id}:${openid}`;
  if (await getOrNull(ctx.db.collection(RULE_DISPUTES).doc(id))) return { rule: await ruleDetail(ctx, input), repeated: true };
  if (rule.status !== 'open' && rule.status !== 'adopted') throw new AppError('RULE_CLOSED', '这条公约提议已经结束，不能再提出争议');
  await checkText(ctx, openid, input.reason, 'comment');
  const repeated = await ctx.db.runTransaction(async (tx) => {
    const disputeRef = tx.collection<RuleDisputeRecord>(RULE_DISPUTES).doc(id);
    if (await getOrNull(disputeRef)) return true;
    const ruleRef = tx.collection<RuleRecord>(RULES).doc(rule._id);
    const current = await getOrNull<RuleRecord>(ruleRef);
    if (!current) throw new AppError('RULE_NOT_FOUND', '没有找到这条公约提议');
    if (current.status !== 'open' && current.status !== 'adopted') throw new AppError('RULE_CLOSED', '这条公约提议已经结束，不能再提出争议');
    const row: Omit<RuleDisputeRecord, '_id'> = { _openid: openid, ruleId: rule._id, reason: input.reason, at: now };
    await disputeRef.set({ data: row });
    await ruleRef.update({ data: { disputes: current.disputes + 1 } });
    return false;
  }, DISPUTE_RETRIES);
  if (!repeated) ctx.log.info('rule.disputed', { ruleId: rule._id });
  return { rule: await ruleDetail(ctx, input), repeated };
}

/**
 * Erasure: a closing member's disputes leave, each with its rule's counter in one transaction (the pattern of
 * disputeRule), so the counter keeps equal to the dispute documents; a dispute an arbitration had answered also
 * leaves its `disputesSeen`. Resumable: a dispute already gone changes nothing.
 */
export async function withdrawDisputesOf(db: Database, openid: string): Promise<number> {
  const { data } = await db.collection<RuleDisputeRecord>(RULE_DISPUTES).where({ _openid: openid }).limit(1000).get();
  for (const d of data) {
    await db.runTransaction(async (tx) => {
      const disputeRef = tx.collection<RuleDisputeRecord>(RULE_DISPUTES).doc(d._id);
      if (!(await getOrNull(disputeRef))) return;
      const ruleRef = tx.collection<RuleRecord>(RULES).doc(d.ruleId);
      const rule = await getOrNull<RuleRecord>(ruleRef);
      await disputeRef.remove();
      if (!rule) return;
      const seen = rule.arbitration?.disputesSeen;
      const answered = rule.arbitration !== null && seen !== undefined && seen > 0 && d.at.getTime() <= rule.arbitration.at.getTime();
      await ruleRef.update({ data: { disputes: Math.max(0, rule.disputes - 1), ...(answered ? { 'arbitration.disputesSeen': seen - 1 } : {}) } });
    }, DISPUTE_RETRIES);
  }
  return data.length;
}

/** For operators: a rule's disputes, latest first (the reasons; who raised them is not shown). */
export async function ruleDisputes(ctx: StaffContext, input: RuleInput): Promise<RuleDisputesView> {
  const rule = await ruleDetail(ctx, input);
  const { data } = await ctx.db.collection<RuleDisputeRecord>(RULE_DISPUTES).where({ ruleId: input.ruleId }).orderBy('at', 'desc').limit(100).get();
  return { rule, disputes: data.map((d) => ({ reason: d.reason, at: d.at.toISOString() })) };
}

/**
 * An operator arbitrates a dispute over a rule or proposal: `overturn` withdraws it (an open proposal stops, an
 * adopted rule leaves the rules page), `uphold` keeps it; either way the decision, its note and the operator
 * are recorded on the rule and in the audit log, in one transaction.
 */
export async function arbitrateRule(ctx: StaffContext, input: ArbitrateInput): Promise<RuleView> {
  const now = ctx.clock.now();
  await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<RuleRecord>(RULES).doc(input.ruleId);
    const rule = await getOrNull<RuleRecord>(ref);
    if (!rule) throw new AppError('RULE_NOT_FOUND', '没有找到这条公约提议');
    if (rule.status === 'expired' || rule.status === 'overturned') throw new AppError('RULE_CLOSED', '这条公约提议已经结束，无需裁决');
    const arbitration: Arbitration = { by: ctx.caller.openid, decision: input.decision, note: input.note, at: now, disputesSeen: rule.disputes };
    await ref.update({ data: { arbitration: ctx.db.command.set(arbitration), ...(input.decision === 'overturn' ? { status: 'overturned' } : {}) } });
    await appendAudit(tx, ctx.staff, { action: 'rule.arbitrate', target: rule._openid, detail: { ruleId: rule._id, decision: input.decision, note: input.note, statusBefore: rule.status, disputes: rule.disputes } }, now);
  }, DISPUTE_RETRIES);
  return ruleDetail(ctx, { ruleId: input.ruleId });
}

/** For the nightly job: proposals whose window passed expire (a page at a time; the next night continues). */
export async function expireDueRules(db: Database, now: Date): Promise<number> {
  const _ = db.command;
  const r = await db.collection(RULES).where({ status: 'open', closesAt: _.lte(now) }).update({ data: { status: 'expired', expiredAt: now } });
  return r.stats.updated;
}
