import { z } from 'zod';
import { defineFunction } from './define';
import {
  BindInput,
  BindView,
  CommissionsInput,
  CommissionsView,
  DistributionStatusView,
  FansView,
  JoinView,
  PageInput,
  ReviewCommissionInput,
  ReviewCommissionResult,
  ReviewQueueView,
  ReviewWithdrawalInput,
  ReviewWithdrawalResult,
  ShareCodeView,
  WithdrawalNoInput,
  WithdrawalsView,
  WithdrawInput,
  WithdrawResultView,
} from '../distribution/distribution.schema';

export const distributionContract = defineFunction({
  name: 'distribution',
  summary:
    'Distribution (分销): becoming a distributor, sharing and binding fans, the commission ledger (two levels at most), withdrawals to WeChat change, operator review of flagged items; the nightly settlement.',
  actions: {
    status: {
      summary: "The caller as a distributor (grade, active fans, commission totals) or the ways to become one with the caller's progress, and the gift pack on sale.",
      access: 'member',
      input: z.object({}),
      output: DistributionStatusView,
      errors: ['NOT_REGISTERED'],
    },
    join: {
      summary: 'Becomes a distributor when one of the operator\'s conditions is met now (KOC, check-in or spend task, gift pack).',
      access: 'member',
      input: z.object({}),
      output: JoinView,
      idempotency: 'natural key: the caller (distributors/{openid}); a repeat returns the distributor',
      errors: ['NOT_REGISTERED', 'DISTRIBUTION_CLOSED', 'DISTRIBUTOR_NOT_ELIGIBLE', 'NOT_DISTRIBUTOR'],
    },
    bind: {
      summary:
        "Binds the caller to the distributor whose share card or code opened the app (scene d=<memberNo>), by the operator's binding mode; never to oneself, never in a loop, never rebinding a bound member. Answers why when it does not bind.",
      access: 'member',
      input: BindInput,
      output: BindView,
      idempotency: 'natural key: the caller (referrals/{openid}); concurrent links bind once, the others answer already_bound',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'BUSY'],
    },
    shareCode: {
      summary: "The caller's share scene, share path and mini-program code image (wxacode.getUnlimited, made once).",
      access: 'member',
      input: z.object({}),
      output: ShareCodeView,
      errors: ['NOT_REGISTERED', 'NOT_DISTRIBUTOR'],
    },
    fans: {
      summary: "The caller's fans (粉丝), newest first, names masked, active or not.",
      access: 'member',
      input: PageInput,
      output: FansView,
      errors: ['INVALID_INPUT', 'NOT_REGISTERED'],
    },
    commissions: {
      summary: "The caller's commissions with their state (in progress, pending, flagged, settled, voided, clawed back) and its reason.",
      access: 'member',
      input: CommissionsInput,
      output: CommissionsView,
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'NOT_DISTRIBUTOR'],
    },
    withdraw: {
      summary:
        'Withdraws from the settled balance to WeChat change (minimum, daily cap, operator approval above a threshold). Never more than the balance under any concurrency.',
      access: 'member',
      input: WithdrawInput,
      output: WithdrawResultView,
      idempotency: 'requestId: the withdrawal number is derived from caller + requestId (also the transfer out_bill_no)',
      errors: [
        'INVALID_INPUT',
        'NOT_REGISTERED',
        'NOT_DISTRIBUTOR',
        'WITHDRAW_INSUFFICIENT',
        'WITHDRAW_BELOW_MINIMUM',
        'WITHDRAW_LIMIT_REACHED',
        'BUSY',
      ],
    },
    withdrawals: {
      summary: "The caller's withdrawals, newest first.",
      access: 'member',
      input: PageInput,
      output: WithdrawalsView,
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'NOT_DISTRIBUTOR'],
    },
    checkWithdrawal: {
      summary:
        "The caller's withdrawal, asked of WeChat Pay now while it is transferring (after the member's 确认收款 in wx.requestMerchantTransfer): paid, failed with the amount back, or still waiting.",
      access: 'member',
      input: WithdrawalNoInput,
      output: WithdrawResultView,
      idempotency: 'read-mostly: a final answer moves the withdrawal once (the amount of a failed one is given back once)',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'NOT_DISTRIBUTOR', 'WITHDRAWAL_NOT_FOUND', 'BUSY'],
    },
    reviewQueue: {
      summary: 'Operator: flagged commissions and withdrawals waiting for approval, oldest first.',
      access: 'operator',
      input: z.object({}),
      output: ReviewQueueView,
      errors: ['FORBIDDEN'],
    },
    reviewCommission: {
      summary: 'Operator: approves (goes on to settle) or rejects (voids) a flagged commission; audited.',
      access: 'operator',
      input: ReviewCommissionInput,
      output: ReviewCommissionResult,
      idempotency: 'the commission moves out of flagged once; a second decision answers REVIEW_NOT_PENDING',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'COMMISSION_NOT_FOUND', 'REVIEW_NOT_PENDING', 'BUSY'],
    },
    reviewWithdrawal: {
      summary: 'Operator: approves (paid out at once) or rejects (amount back to the balance) a withdrawal above the threshold; audited.',
      access: 'operator',
      input: ReviewWithdrawalInput,
      output: ReviewWithdrawalResult,
      idempotency: 'the withdrawal moves out of awaiting_approval once; a second decision answers REVIEW_NOT_PENDING',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'WITHDRAWAL_NOT_FOUND', 'REVIEW_NOT_PENDING', 'BUSY'],
    },
  },
  timers: {
    daily: {
      summary:
        'Applies order facts left unprocessed, settles commissions past their after-sale window (one transaction per distributor), follows up unfinished transfers; resumable within the time limit.',
    },
  },
});
