/** Distribution calls (推广中心, 推广码, 粉丝, 佣金, 提现, 运营审核) and their view types. */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';

export type DistributionStatus = CloudOutput<'distribution', 'status'>;
export type ShareCode = CloudOutput<'distribution', 'shareCode'>;
export type Fans = CloudOutput<'distribution', 'fans'>;
export type Commission = CloudOutput<'distribution', 'commissions'>['commissions'][number];
export type CommissionFilter = NonNullable<CloudInput<'distribution', 'commissions'>['status']>;
export type Withdrawal = CloudOutput<'distribution', 'withdrawals'>['withdrawals'][number];
export type WithdrawResult = CloudOutput<'distribution', 'withdraw'>;
export type ReviewQueue = CloudOutput<'distribution', 'reviewQueue'>;
export type BindResult = CloudOutput<'distribution', 'bind'>;
export type GiftPackOrder = CloudOutput<'vip', 'buyGiftPack'>;

export const distributionService = {
  status: () => callCloud('distribution', 'status'),
  join: () => callCloud('distribution', 'join'),
  bind: (scene: string) => callCloud('distribution', 'bind', { scene }),
  shareCode: () => callCloud('distribution', 'shareCode'),
  fans: (after?: string) => callCloud('distribution', 'fans', after ? { after } : {}),
  commissions: (status: CommissionFilter, after?: string) => callCloud('distribution', 'commissions', after ? { status, after } : { status }),
  /** The same request id is the same withdrawal: reuse it when retrying one tap, make a new one per withdrawal. */
  withdraw: (amountFen: number, requestId: string) => callCloud('distribution', 'withdraw', { amountFen, requestId }),
  withdrawals: () => callCloud('distribution', 'withdrawals'),
  /** After the member's 确认收款: asks WeChat Pay now, so a confirmed withdrawal shows paid at once. */
  checkWithdrawal: (withdrawalNo: string) => callCloud('distribution', 'checkWithdrawal', { withdrawalNo }),
  reviewQueue: () => callCloud('distribution', 'reviewQueue'),
  reviewCommission: (commissionId: string, verdict: 'approve' | 'reject') => callCloud('distribution', 'reviewCommission', { commissionId, verdict }),
  reviewWithdrawal: (withdrawalNo: string, verdict: 'approve' | 'reject') => callCloud('distribution', 'reviewWithdrawal', { withdrawalNo, verdict }),
  buyGiftPack: (requestId: string) => callCloud('vip', 'buyGiftPack', { requestId }),
  confirmGiftPack: (outTradeNo: string) => callCloud('vip', 'confirmGiftPack', { outTradeNo }),
};

/** What each commission state is called in the app. */
export const COMMISSION_STATUS_NAMES: Record<Commission['status'], string> = {
  in_progress: '订单进行中',
  pending: '待结算',
  flagged: '审核中',
  settled: '已结算',
  voided: '已作废',
  clawed_back: '已扣回',
};

export const WITHDRAWAL_STATUS_NAMES: Record<Withdrawal['status'], string> = {
  awaiting_approval: '待审核',
  transferring: '转账中',
  paid: '已到账',
  failed: '已退回',
  rejected: '未通过',
};

export const SOURCE_NAMES: Record<string, string> = {
  till: '门店消费',
  mall: '积分商城',
  vip: '付费会员',
  gift_pack: '推广礼包',
  groupbuy: '拼团',
};
