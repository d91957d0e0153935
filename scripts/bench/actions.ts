/**
 * The hot member and clerk actions, in the order a day at the brand produces them, on the seeded demo brand.
 * Each step is one function call; steps share state (the visit a scan opened, the order a redeem made).
 * `npm run bench` times and counts them; the README test re-counts them (the counts are deterministic).
 */
import { seedDemoBrand } from '../../cloudfunctions/_platform/local/demo-seed';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { planEarn } from '../../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx } from '../../cloudfunctions/_core/points/points-ledger.service';
import type { Result } from '../../cloudfunctions/_core/shared/errors';
import { countRoundTrips, startBenchCloud, type OpsCount } from './bench-cloud';
import { tableRows } from './readme-section';

interface State {
  /** The pass: each runs every step for a member of its own. */
  p: string;
  member: string;
  visitId: string;
  memberCode: string;
  memberNo: string;
  outTradeNo: string;
  couponCode: string;
  mallOrder: string;
  pickupCode: string;
  mallCancelOrder: string;
}

export interface ActionStep {
  label: string;
  /** Calls a member or clerk makes before (a code to show, a payment): run first, not measured. */
  prepare?: (cloud: LocalCloud, s: State) => Promise<void>;
  /** The measured call. */
  run: (cloud: LocalCloud, s: State) => Promise<Result<unknown>>;
}

const CLERK = 'dev-clerk-wang';
const consent = { policyVersion: '2026-11-01', accepted: true };
const registration = { consent, nickname: '压测', avatarUrl: 'preset:1' };
const BENCH_TEMPLATE = 'BENCH5';
const pickupAt = { mode: 'pickup', storeId: 'S001' };
/** One instant for every pass: no cached operator document expires between them. */
const BENCH_AT = new Date('2026-11-23T02:00:00Z');

const call = <T>(cloud: LocalCloud, fn: string, action: string, input: unknown, openid: string) => cloud.call<T>(fn, { action, input }, openid);

/** Keeps a value from a successful result for the steps after it. */
function keep<T>(r: Result<T>, take: (data: T) => void): Result<T> {
  if (r.ok) take(r.data);
  return r;
}

async function must<T>(p: Promise<Result<T>>, what: string): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${what}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

const rid = (s: State, what: string) => `${s.p}-${what}`;
const redeemInput = (s: State, n: number) => ({ itemId: 'MUG', quantity: 1, requestId: rid(s, `mall-000${n}`), delivery: pickupAt });

export const HOT_ACTIONS: readonly ActionStep[] = [
  { label: 'member.register (new)', run: (c, s) => call(c, 'member', 'register', registration, s.member) },
  { label: 'member.register (repeat)', run: (c, s) => call(c, 'member', 'register', registration, s.member) },
  { label: 'member.center', run: (c, s) => call(c, 'member', 'center', {}, s.member) },
  { label: 'member.card', run: (c, s) => call(c, 'member', 'card', {}, s.member) },
  { label: 'member.code', run: (c, s) => call(c, 'member', 'code', {}, s.member) },
  { label: 'member.updateProfile (birthday)', run: (c, s) => call(c, 'member', 'updateProfile', { birthday: { month: 5, day: 20 } }, s.member) },
  {
    label: 'staff.correctBirthday',
    prepare: async (c, s) => {
      s.memberNo = (await c.db.collection<{ memberNo: string }>('members').doc(s.member).get()).data.memberNo;
    },
    run: (c, s) => call(c, 'staff', 'correctBirthday', { requestId: rid(s, 'birthday-01'), memberNo: s.memberNo, birthday: { month: 1, day: 1 }, reason: '压测' }, CLERK),
  },
  { label: 'points.checkIn', run: (c, s) => call(c, 'points', 'checkIn', {}, s.member) },
  { label: 'points.summary', run: (c, s) => call(c, 'points', 'summary', {}, s.member) },
  { label: 'points.history', run: (c, s) => call(c, 'points', 'history', {}, s.member) },
  {
    label: 'staff.scanMember',
    prepare: async (c, s) => {
      s.memberCode = (await must(call<{ token: string }>(c, 'member', 'code', {}, s.member), 'member code')).token;
    },
    run: async (c, s) => keep(await call<{ visitId: string }>(c, 'staff', 'scanMember', { code: s.memberCode }, CLERK), (d) => (s.visitId = d.visitId)),
  },
  { label: 'staff.recordPurchase', run: (c, s) => call(c, 'staff', 'recordPurchase', { visitId: s.visitId, orderNo: rid(s, 'ORDER-1'), amountFen: 12_800 }, CLERK) },
  {
    label: 'staff.recordPurchase (repeat)',
    run: (c, s) => call(c, 'staff', 'recordPurchase', { visitId: s.visitId, orderNo: rid(s, 'ORDER-1'), amountFen: 12_800 }, CLERK),
  },
  {
    label: 'staff.refundPurchase',
    run: (c, s) => call(c, 'staff', 'refundPurchase', { orderNo: rid(s, 'ORDER-1'), requestId: rid(s, 'refund-01'), reason: '压测' }, CLERK),
  },
  { label: 'vip.offer', run: (c, s) => call(c, 'vip', 'offer', {}, s.member) },
  {
    label: 'vip.buy',
    run: async (c, s) => keep(await call<{ outTradeNo: string }>(c, 'vip', 'buy', { requestId: rid(s, 'vip-0001') }, s.member), (d) => (s.outTradeNo = d.outTradeNo)),
  },
  {
    label: 'vip.confirm (first)',
    prepare: async (c, s) => {
      await c.payments.pay(s.outTradeNo);
    },
    run: (c, s) => call(c, 'vip', 'confirm', { outTradeNo: s.outTradeNo }, s.member),
  },
  { label: 'coupons.center', run: (c, s) => call(c, 'coupons', 'center', {}, s.member) },
  { label: "coupons.claim (member's first of a template)", run: (c, s) => call(c, 'coupons', 'claim', { templateId: BENCH_TEMPLATE, requestId: rid(s, 'claim-01') }, s.member) },
  { label: "coupons.claim (member's next claim)", run: (c, s) => call(c, 'coupons', 'claim', { templateId: BENCH_TEMPLATE, requestId: rid(s, 'claim-02') }, s.member) },
  { label: 'coupons.claim (retry of a request)', run: (c, s) => call(c, 'coupons', 'claim', { templateId: BENCH_TEMPLATE, requestId: rid(s, 'claim-02') }, s.member) },
  { label: 'coupons.mine', run: (c, s) => call(c, 'coupons', 'mine', { status: 'unused' }, s.member) },
  {
    label: 'coupons.redeem',
    prepare: async (c, s) => {
      const { coupons } = await must(call<{ coupons: { couponId: string }[] }>(c, 'coupons', 'mine', { status: 'unused' }, s.member), 'my coupons');
      s.couponCode = (await must(call<{ token: string }>(c, 'coupons', 'code', { couponId: coupons[0].couponId }, s.member), 'coupon code')).token;
    },
    run: (c, s) => call(c, 'coupons', 'redeem', { code: s.couponCode, redemptionNo: rid(s, 'RD-0001'), orderFen: 20_000 }, CLERK),
  },
  { label: 'coupons.undoRedeem', run: (c, s) => call(c, 'coupons', 'undoRedeem', { redemptionNo: rid(s, 'RD-0001'), reason: '压测' }, CLERK) },
  {
    label: 'mall.items (3 items)',
    prepare: async (c, s) => {
      const key = rid(s, 'gift');
      await c.db.runTransaction((tx) =>
        postInTx(tx, s.member, { key, kind: 'earn', reason: '压测', source: 'bench', sourceId: key, plan: (st) => planEarn(st, { amount: 5_000, expiresOn: '2099-12-31' }) }, c.clock.now()),
      );
    },
    run: (c, s) => call(c, 'mall', 'items', {}, s.member),
  },
  {
    label: 'mall.redeem',
    run: async (c, s) => keep(await call<{ order: { orderNo: string } }>(c, 'mall', 'redeem', redeemInput(s, 1), s.member), (d) => (s.mallOrder = d.order.orderNo)),
  },
  { label: 'mall.redeem (repeat)', run: (c, s) => call(c, 'mall', 'redeem', redeemInput(s, 1), s.member) },
  {
    label: 'mall.pickup',
    prepare: async (c, s) => {
      s.pickupCode = (await must(call<{ token: string }>(c, 'mall', 'orderCode', { orderNo: s.mallOrder }, s.member), 'pickup code')).token;
    },
    run: (c, s) => call(c, 'mall', 'pickup', { code: s.pickupCode }, CLERK),
  },
  {
    label: 'mall.cancel',
    prepare: async (c, s) => {
      s.mallCancelOrder = (await must(call<{ order: { orderNo: string } }>(c, 'mall', 'redeem', redeemInput(s, 2), s.member), 'second redeem')).order.orderNo;
    },
    run: (c, s) => call(c, 'mall', 'cancel', { orderNo: s.mallCancelOrder }, s.member),
  },
];

export type Observer = (label: string, run: () => Promise<Result<unknown>>) => Promise<Result<unknown>>;

/**
 * A fresh cloud with the demo brand, a bench coupon template a member can claim several of, the clock fixed, and
 * one pass run already (what only a first-ever call creates, such as stock documents, exists).
 */
export async function actionsCloud(): Promise<LocalCloud> {
  const cloud = await startBenchCloud();
  await seedDemoBrand(cloud);
  await cloud.db.collection('coupon_templates').doc(BENCH_TEMPLATE).set({
    data: {
      title: '压测券',
      description: '压测用',
      kind: { type: 'amount_off', thresholdFen: 0, amountOffFen: 500 },
      validity: { mode: 'afterClaim', days: 7 },
      total: 1000,
      perMember: 5,
      channels: ['claim_center'],
    },
  });
  cloud.clock.set(BENCH_AT);
  await runActions(cloud, 'bench-setup', (_label, run) => run());
  return cloud;
}

/**
 * Runs every step in order for the pass's own member; `observe` wraps each step's measured call (its
 * preparation runs outside). With `cold`, each measured call meets a cold function instance (empty cache).
 */
export async function runActions(cloud: LocalCloud, p: string, observe: Observer, opts: { cold?: boolean } = {}): Promise<void> {
  const state: State = { p, member: `${p}-member`, visitId: '', memberCode: '', memberNo: '', outTradeNo: '', couponCode: '', mallOrder: '', pickupCode: '', mallCancelOrder: '' };
  for (const step of HOT_ACTIONS) {
    await step.prepare?.(cloud, state);
    if (opts.cold) cloud.coldStart();
    const r = await observe(step.label, () => step.run(cloud, state));
    if (!r.ok) throw new Error(`${step.label} failed: ${r.error.code} ${r.error.message}`);
  }
}

export interface ActionFigures {
  label: string;
  /** On a cold function instance (operator documents read), and on a warm one (read from its cache). */
  cold: OpsCount;
  warm: OpsCount;
}

/** The deterministic part: operations and critical-path round trips of each step, cold and warm. */
export async function countActions(): Promise<ActionFigures[]> {
  const cloud = await actionsCloud();
  const count = async (p: string, cold: boolean) => {
    const out = new Map<string, OpsCount>();
    await runActions(
      cloud,
      p,
      async (label, run) => {
        const { result, ops } = await countRoundTrips(cloud, run);
        out.set(label, ops);
        return result;
      },
      { cold },
    );
    return out;
  };
  try {
    const cold = await count('bench-cold', true);
    await runActions(cloud, 'bench-warmup', (_label, run) => run());
    const warm = await count('bench-warm', false);
    return HOT_ACTIONS.map(({ label }) => ({ label, cold: cold.get(label)!, warm: warm.get(label)! }));
  } finally {
    await cloud.close();
  }
}

export const ACTIONS_HEADER = ['Action', 'Reads', 'Writes', 'Queries', 'Transactions', 'Round trips in sequence'];
const COUNTED: (keyof OpsCount)[] = ['reads', 'writes', 'queries', 'transactions', 'roundTrips'];

/** `cold → warm`, or one number when they are equal. */
export const coldToWarm = (cold: number, warm: number) => (cold === warm ? String(warm) : `${cold} → ${warm}`);

export function actionCountCells(f: ActionFigures): string[] {
  return [`\`${f.label}\``, ...COUNTED.map((k) => coldToWarm(f.cold[k], f.warm[k]))];
}

/** The counted cells of the README's actions table, row by row (the test compares them with a re-count). */
export function parseActionCounts(section: string): string[][] {
  return tableRows(section).map((cells) => cells.slice(0, ACTIONS_HEADER.length));
}
