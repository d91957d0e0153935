import { distributionConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { maskName } from '../member/member.rules';
import type { MemberContext } from '../shared/access';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { monthBefore } from './commission.rules';
import { afterCursor, cursorOf } from './page-cursor';
import { emptyNode } from './commissionable-order.service';
import { DISTRIBUTORS, REFERRALS, type DistributorRecord, type ReferralRecord } from './distribution.record';
import type { BindInput, BindView, FansView, PageInput } from './distribution.schema';
import { BIND_MESSAGES, bindingHolds, bindRefusal, expiryFor, MAX_CHAIN, memberNoFromScene, velocity, type BindOutcome } from './referral.rules';

const view = (outcome: BindOutcome, distributorName: string | null = null): BindView => ({ outcome, message: BIND_MESSAGES[outcome], distributorName });

async function memberByNo(ctx: MemberContext, memberNo: string): Promise<MemberRecord | null> {
  const { data } = await ctx.db.collection<MemberRecord>(MEMBERS).where({ memberNo }).limit(1).get();
  return data[0] ?? null;
}

/** Whether walking up from `start` along referrers reaches `target` (or the chain is too long to tell). */
async function chainReaches(ctx: MemberContext, start: string, target: string, at: Date): Promise<boolean> {
  let at_ = start;
  for (let hop = 0; hop < MAX_CHAIN; hop++) {
    const node = await getOrNull<ReferralRecord>(ctx.db.collection<ReferralRecord>(REFERRALS).doc(at_));
    if (!node || !bindingHolds(node, at)) return false;
    if (node.referrer === target) return true;
    at_ = node.referrer!;
  }
  return true;
}

/**
 * `distribution.bind`: the caller opened the app from a distributor's share card or mini-program code. Binds
 * the caller to that distributor when the operator's binding mode allows; otherwise says why not (it is not an
 * error: the app calls this quietly and forgets the scene either way).
 *
 * One transaction writes the fan's referral document (id = the fan) and the distributor's: two links opened at
 * once both write the fan's document, so one transaction conflicts, re-runs, and finds the first binding.
 */
export async function bind(ctx: MemberContext, input: BindInput): Promise<BindView> {
  const cfg = await loadConfig(ctx, distributionConfig);
  if (!cfg.enabled) return view('closed');
  const memberNo = memberNoFromScene(input.scene);
  const owner = memberNo ? await memberByNo(ctx, memberNo) : null;
  if (!owner) return view('not_distributor');
  const fan = ctx.member._id;
  if (owner._id === fan) return view('self');
  const distributor = await getOrNull<DistributorRecord>(ctx.db.collection<DistributorRecord>(DISTRIBUTORS).doc(owner._id));
  if (distributor?.status !== 'active') return view('not_distributor');
  const now = ctx.clock.now();
  if (await chainReaches(ctx, owner._id, fan, now)) return view('loop');

  const today = businessDay(now);
  return ctx.db.runTransaction(async (tx) => {
    const nodes = tx.collection<ReferralRecord>(REFERRALS);
    const fanNode = await getOrNull<ReferralRecord>(nodes.doc(fan));
    const refusal = bindRefusal(
      cfg.binding,
      { fan, distributor: owner._id, binding: fanNode, fanCount: fanNode?.fanCount ?? 0, firstOrderAt: fanNode?.firstOrderAt ?? null },
      now,
    );
    if (refusal === 'already_bound') return view(refusal, await referrerName(ctx, fanNode!.referrer!));
    if (refusal) return view(refusal);
    const dNode = (await getOrNull<ReferralRecord>(nodes.doc(owner._id))) ?? emptyNode(owner._id, now, maskName(owner.nickname));
    const burst = velocity(dNode.bindDay, dNode.bindsThatDay, today, cfg.antiFraud.maxBindingsPerDay);
    const boundFan: ReferralRecord = {
      ...(fanNode ?? emptyNode(fan, now)),
      referrer: owner._id,
      boundAt: now,
      expiresAt: expiryFor(cfg.binding, now),
      bindingFlag: burst.flagged ? 'velocity' : null,
      maskedName: maskName(ctx.member.nickname),
      updatedAt: now,
    };
    const { _id: fanId, ...fanData } = boundFan;
    await nodes.doc(fanId).set({ data: fanData });
    const { _id: dId, ...dData } = { ...dNode, fanCount: dNode.fanCount + 1, bindDay: today, bindsThatDay: burst.bindsThatDay, updatedAt: now };
    await nodes.doc(dId).set({ data: dData });
    return view('bound', maskName(owner.nickname));
  });
}

async function referrerName(ctx: MemberContext, openid: string): Promise<string | null> {
  const m = await getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(openid));
  return m ? maskName(m.nickname) : null;
}

/** Fans bound to `openid` now (window-mode bindings that ended are not counted). */
export async function countFans(ctx: Pick<MemberContext, 'db' | 'clock'>, openid: string): Promise<number> {
  const _ = ctx.db.command;
  const { total } = await ctx.db
    .collection(REFERRALS)
    .where({ referrer: openid, expiresAt: _.or(_.eq(null), _.gt(ctx.clock.now())) })
    .count();
  return total;
}

/** `distribution.fans`: the caller's fans, newest first, names masked (林**). */
export async function myFans(ctx: MemberContext, input: PageInput): Promise<FansView> {
  const _ = ctx.db.command;
  const cfg = await loadConfig(ctx, distributionConfig);
  const now = ctx.clock.now();
  const where = afterCursor(_, { referrer: ctx.member._id, expiresAt: _.or(_.eq(null), _.gt(now)) }, 'boundAt', input.after);
  const [{ data }, total] = await Promise.all([
    ctx.db.collection<ReferralRecord>(REFERRALS).where(where).orderBy('boundAt', 'desc').orderBy('_id', 'desc').limit(input.limit).get(),
    countFans(ctx, ctx.member._id),
  ]);
  const month = businessDay(now).slice(0, 7);
  const activeFrom = monthBefore(month, cfg.activeFanMonths - 1);
  return {
    fans: data.map((n) => ({
      name: n.maskedName || '会员',
      boundAt: n.boundAt!.toISOString(),
      active: n.lastOrderMonth !== null && n.lastOrderMonth >= activeFrom,
      orders: n.orders,
      commissionFen: n.commissionFen,
      flagged: n.bindingFlag !== null,
    })),
    total,
    next: data.length === input.limit ? cursorOf(data[data.length - 1].boundAt!, data[data.length - 1]._id) : null,
  };
}
