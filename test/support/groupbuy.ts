import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { JoinView, PlacedView, SettledView } from '../../cloudfunctions/_core/groupbuy/groupbuy.schema';
import type { Result } from '../../cloudfunctions/_core/shared/errors';
import { DEV_PAYMENTS } from '../../cloudfunctions/_platform/local/payment-sandbox';
import { ok, registration } from './test-cloud';

/** A 3-person deal at 59.90 (single 99.00), 24 h window, stock 30 units, pickup at S001. */
export const DEAL = {
  title: '手冲咖啡豆 250g',
  description: '本季新豆，三人成团',
  singlePriceFen: 9900,
  groupPriceFen: 5990,
  groupSize: 3,
  windowHours: 24,
  stock: 30,
  perMember: 1,
  delivery: ['pickup', 'express'],
};

export const PICKUP = { mode: 'pickup', storeId: 'S001' } as const;

export const setDeal = (cloud: LocalCloud, id: string, doc: Record<string, unknown>) => cloud.db.collection('group_deals').doc(id).set({ data: doc });
export const setFlashSale = (cloud: LocalCloud, id: string, doc: Record<string, unknown>) => cloud.db.collection('flash_sales').doc(id).set({ data: doc });

export async function registerMany(cloud: LocalCloud, prefix: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  for (const id of ids) ok(await cloud.call('member', { action: 'register', input: registration({ nickname: `会员${id}` }) }, id));
  return ids;
}

/** Members written directly (registration is tested elsewhere): enough for access and eligibility; fast for bursts. */
export async function seedMembers(cloud: LocalCloud, prefix: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
  const now = cloud.clock.now();
  for (const [i, id] of ids.entries()) {
    await cloud.db.collection('members').doc(id).set({
      data: { _openid: id, memberNo: String(80_000_000 + i), nickname: `会员${i}`, avatarUrl: 'preset:1', birthday: null, phone: null, tierCode: 'silver', growth: 0, growthByMonth: {}, lifetimeGrowth: 0, vipUntil: null, consent: { policyVersion: 'x', acceptedAt: now }, createdAt: now, updatedAt: now },
    });
  }
  return ids;
}

let seq = 0;
export const rid = (tag = 'r') => `${tag}-${String(++seq).padStart(8, '0')}`;

export const gb = <T>(cloud: LocalCloud, action: string, input: unknown, openid: string) => cloud.call<T>('groupbuy', { action, input }, openid);

export const open = (cloud: LocalCloud, openid: string, dealId = 'beans', requestId = rid('open')) =>
  gb<PlacedView>(cloud, 'open', { dealId, requestId, delivery: PICKUP }, openid);
export const join = (cloud: LocalCloud, openid: string, groupId: string, dealId = 'beans', requestId = rid('join')) =>
  gb<JoinView>(cloud, 'join', { groupId, dealId, requestId, delivery: PICKUP }, openid);
export const confirm = (cloud: LocalCloud, openid: string, orderNo: string) => gb<SettledView>(cloud, 'confirm', { orderNo }, openid);

/** Pays in the sandbox (what WeChat Pay does when the member confirms) and tells the backend. */
export async function payAndConfirm(cloud: LocalCloud, openid: string, orderNo: string): Promise<Result<SettledView>> {
  await cloud.payments.pay(orderNo);
  return confirm(cloud, openid, orderNo);
}

/** A leader opens and pays: the group is open. */
export async function openPaidGroup(cloud: LocalCloud, leader: string, dealId = 'beans'): Promise<{ groupId: string; orderNo: string }> {
  const placed = ok(await open(cloud, leader, dealId));
  ok(await payAndConfirm(cloud, leader, placed.order.orderNo));
  return { groupId: placed.order.groupId!, orderNo: placed.order.orderNo };
}

/** Joins and pays; returns the order number. */
export async function joinPaid(cloud: LocalCloud, member: string, groupId: string, dealId = 'beans'): Promise<string> {
  const j = ok(await join(cloud, member, groupId, dealId));
  if (j.status !== 'joined') throw new Error(`expected to join ${groupId}, got ${j.status}`);
  ok(await payAndConfirm(cloud, member, j.order.orderNo));
  return j.order.orderNo;
}

export interface SandboxPayment {
  _id: string;
  totalFee: number;
  status: 'pending' | 'paid' | 'refunded';
  refundedFee: number;
}

/** The payment sandbox's record of what moved: paid minus refunded, per order. */
export async function sandboxPayments(cloud: LocalCloud, orderNos: readonly string[]): Promise<SandboxPayment[]> {
  if (orderNos.length === 0) return [];
  const { data } = await cloud.db.collection<SandboxPayment>(DEV_PAYMENTS).where({ _id: cloud.db.command.in([...orderNos]) }).limit(1000).get();
  return data;
}

export const netFen = (p: SandboxPayment) => (p.status === 'pending' ? 0 : p.totalFee) - p.refundedFee;
