import { DEFAULT_DISTRIBUTION } from '../../cloudfunctions/_core/config/defaults';
import { CONFIG_COLLECTION } from '../../cloudfunctions/_core/config/operator-config';
import type { DistributionConfig } from '../../cloudfunctions/_core/distribution/distribution-config.schema';
import type { BindView, CommissionsView, DistributionStatusView, WithdrawResultView } from '../../cloudfunctions/_core/distribution/distribution.schema';
import type { CommissionAccountRecord, CommissionRecord } from '../../cloudfunctions/_core/distribution/distribution.record';
import type { PurchaseRecordedView, PurchaseRefundedView } from '../../cloudfunctions/_core/staff/staff-till.schema';
import type { MemberRecord } from '../../cloudfunctions/_core/member/member.record';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { Result } from '../../cloudfunctions/_core/shared/errors';
import { grantRole, ok, registration } from './test-cloud';
import { openVisit } from './till';

/** A programme that is open, binds for good, 10% direct and 3% indirect on everything, 7 days after-sale. */
export const TEST_DISTRIBUTION: DistributionConfig = {
  ...DEFAULT_DISTRIBUTION,
  enabled: true,
  eligibility: { koc: { enabled: true, memberNos: [] }, task: { enabled: false, windowDays: 30, checkinDays: 7, spendFen: null }, giftPack: { enabled: true } },
  grades: [
    { code: 'starter', name: '推广员', minActiveFans: 0, rates: { default: { directBp: 1000, indirectBp: 300 }, vip_card: { directBp: 2000, indirectBp: 500 } } },
    { code: 'leader', name: '推广达人', minActiveFans: 3, rates: { default: { directBp: 1500, indirectBp: 500 } } },
  ],
  withdrawal: { minFen: 100, dailyCapFen: 10_000_000, dailyCount: 20, approvalAboveFen: 1_000_000 },
};

export async function setDistribution(cloud: LocalCloud, patch: Partial<DistributionConfig> = {}): Promise<DistributionConfig> {
  const cfg = { ...TEST_DISTRIBUTION, ...patch };
  await cloud.db.collection(CONFIG_COLLECTION).doc('distribution').set({ data: { ...cfg } });
  // Warm instances keep operator documents for 30 s: new instances see the edit at once.
  cloud.coldStart();
  return cfg;
}

export const CLERK = 'o-clerk';

/** The test's little world: members register through the real function; KOCs join through `distribution.join`. */
export class DistributionWorld {
  private visits = new Map<string, string>();

  constructor(readonly cloud: LocalCloud) {}

  async setUp(): Promise<void> {
    await grantRole(this.cloud, CLERK, 'clerk');
    await grantRole(this.cloud, 'o-operator', 'operator', null);
  }

  async register(openid: string, overrides: Record<string, unknown> = {}): Promise<MemberRecord> {
    ok(await this.cloud.call('member', { action: 'register', input: registration({ nickname: `会员${openid}`, ...overrides }) }, openid));
    return (await this.cloud.db.collection<MemberRecord>('members').doc(openid).get()).data;
  }

  async memberNo(openid: string): Promise<string> {
    return (await this.cloud.db.collection<MemberRecord>('members').doc(openid).get()).data.memberNo;
  }

  /** Registers `openid` (if needed), names them a KOC and joins. */
  async distributor(openid: string): Promise<string> {
    const exists = await this.cloud.db.collection('members').where({ _id: openid }).count();
    if (exists.total === 0) await this.register(openid);
    const memberNo = await this.memberNo(openid);
    const cfgDoc = (await this.cloud.db.collection(CONFIG_COLLECTION).doc('distribution').get()).data as unknown as DistributionConfig;
    const koc = cfgDoc.eligibility.koc;
    await this.cloud.db
      .collection(CONFIG_COLLECTION)
      .doc('distribution')
      .update({ data: { eligibility: { ...cfgDoc.eligibility, koc: { ...koc, memberNos: [...koc.memberNos, memberNo] } } } });
    this.cloud.coldStart();
    ok(await this.cloud.call('distribution', { action: 'join', input: {} }, openid));
    return memberNo;
  }

  scene = async (distributor: string) => `d=${await this.memberNo(distributor)}`;

  async bind(fan: string, distributor: string): Promise<BindView> {
    return ok(await this.cloud.call<BindView>('distribution', { action: 'bind', input: { scene: await this.scene(distributor) } }, fan));
  }

  async buy(member: string, orderNo: string, amountFen: number): Promise<PurchaseRecordedView> {
    let visit = this.visits.get(member);
    if (!visit) {
      visit = await openVisit(this.cloud, member, CLERK);
      this.visits.set(member, visit);
    }
    return ok(await this.cloud.call<PurchaseRecordedView>('staff', { action: 'recordPurchase', input: { visitId: visit, orderNo, amountFen } }, CLERK));
  }

  /** Refunds the order (what is left of it), or `amountFen` of it with its own request id (`part`). */
  async refund(orderNo: string, part?: { amountFen: number; requestId: string }): Promise<PurchaseRefundedView> {
    const input = part ? { orderNo, requestId: part.requestId, reason: '部分退货', amountFen: part.amountFen } : { orderNo, requestId: `rf-${orderNo}`, reason: '顾客退货' };
    return ok(await this.cloud.call<PurchaseRefundedView>('staff', { action: 'refundPurchase', input }, CLERK));
  }

  /** Moves the clock on by whole days and runs the settlement timer as the platform would. */
  async days(n: number): Promise<void> {
    this.cloud.clock.set(new Date(this.cloud.clock.now().getTime() + n * 86_400_000));
    this.visits.clear();
    ok(await this.cloud.trigger('distribution', 'daily'));
  }

  async account(openid: string): Promise<CommissionAccountRecord | null> {
    const { data } = await this.cloud.db.collection<CommissionAccountRecord>('commission_accounts').where({ _id: openid }).get();
    return data[0] ?? null;
  }

  async commissionsOf(openid: string): Promise<CommissionRecord[]> {
    return (await this.cloud.db.collection<CommissionRecord>('commissions').where({ _openid: openid }).orderBy('createdAt', 'asc').limit(1000).get()).data;
  }

  status = async (openid: string) => ok(await this.cloud.call<DistributionStatusView>('distribution', { action: 'status', input: {} }, openid));
  list = async (openid: string, status = 'all') => ok(await this.cloud.call<CommissionsView>('distribution', { action: 'commissions', input: { status } }, openid));

  withdraw(openid: string, amountFen: number, requestId: string): Promise<Result<WithdrawResultView>> {
    return this.cloud.call<WithdrawResultView>('distribution', { action: 'withdraw', input: { requestId, amountFen } }, openid);
  }
}
