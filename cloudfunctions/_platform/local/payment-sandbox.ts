import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.port';
import { isDatabaseError, type Database } from '../database.port';
import { MEMBER_CONFIRMATION_MS, PaymentError, type PaymentParams, type PaymentsPort, type TransferResult } from '../payments.port';

/** Sandbox orders: created by unifiedOrder, paid by the developer (POST /api/_dev/pay) or by a test. */
export const DEV_PAYMENTS = '_dev_payments';
/** Sandbox payouts (商家转账): what a withdrawal would have sent to the member's change. */
export const DEV_TRANSFERS = '_dev_transfers';

/** One refund WeChat Pay made, keyed by the merchant's out_refund_no. */
interface SandboxRefund {
  outRefundNo: string;
  fee: number;
  at: Date;
}

interface SandboxOrder {
  _id: string;
  openid: string;
  totalFee: number;
  body: string;
  /** 'refunded' once any refund was accepted (WeChat Pay's trade state REFUND). */
  status: 'pending' | 'paid' | 'refunded';
  refundedFee: number;
  /** Every refund made (absent on orders created before refunds were listed). */
  refunds?: SandboxRefund[];
  createdAt: Date;
}

/** The sandbox's bill states, as WeChat Pay's (PROCESSING / WAIT_USER_CONFIRM / SUCCESS / FAIL / CANCELLED). */
export type SandboxTransferState = 'accepted' | 'wait_confirm' | 'success' | 'failed' | 'cancelled';

interface SandboxTransfer {
  _id: string;
  openid: string;
  amountFen: number;
  remark: string;
  state: SandboxTransferState;
  /** WeChat Pay's failure code (fail_reason), e.g. PAYEE_ACCOUNT_ABNORMAL, OVERDUE_CLOSE. */
  failReason: string | null;
  createdAt: Date;
}

/** What the sandbox's bills carry in place of WeChat Pay's merchant number and app id. */
export const SANDBOX_MCH_ID = 'sandbox-mch';
export const SANDBOX_APP_ID = 'wx-local-dev';
const SANDBOX_PACKAGE_PREFIX = 'sandbox_transfer_';

/**
 * How the sandbox answers the next transfers: `success` (default in tests: paid at once), `wait_confirm`
 * (what WeChat Pay's merchant transfer does in production: the member must 确认收款, within 24 hours, or the
 * bill closes with OVERDUE_CLOSE; `npm start` uses it), `failed` (WeChat Pay refuses, e.g. a restricted account),
 * `accepted` (still processing: final state later), `rejected` (the request itself is refused, HTTP 4xx:
 * no bill), or `error` (the call fails before an answer: whether it arrived is unknown).
 */
export type TransferBehaviour = 'accepted' | 'wait_confirm' | 'success' | 'failed' | 'rejected' | 'error';

export interface PaymentSandbox extends PaymentsPort {
  /** What WeChat Pay does when the member confirms: marks the order paid (once). */
  pay(outTradeNo: string): Promise<{ paid: boolean }>;
  /** For tests and the developer: how later transfers are answered. */
  transferBehaviour: TransferBehaviour;
  /** Moves an `accepted` or `wait_confirm` transfer to a final state, as WeChat Pay does later. */
  finishTransfer(outBillNo: string, state: 'success' | 'failed' | 'cancelled', failReason?: string): Promise<void>;
  /**
   * What the member's 确认收款 in wx.requestMerchantTransfer does: the bill named by `packageInfo` (for this
   * member, waiting and not expired) becomes SUCCESS. Answers what WeChat would say to the member.
   */
  confirmTransfer(packageInfo: string, openid: string): Promise<{ confirmed: boolean; message: string }>;
}

export function createPaymentSandbox(db: Database, clock: Clock): PaymentSandbox {
  const orders = () => db.collection<SandboxOrder>(DEV_PAYMENTS);
  const find = async (outTradeNo: string) => (await orders().where({ _id: outTradeNo }).limit(1).get()).data[0];
  const transfers = () => db.collection<SandboxTransfer>(DEV_TRANSFERS);
  const expiresAt = (t: SandboxTransfer) => new Date(t.createdAt.getTime() + MEMBER_CONFIRMATION_MS);
  /** A bill left unconfirmed past its 24 hours is closed, as WeChat Pay does (OVERDUE_CLOSE). */
  const closeIfOverdue = async (t: SandboxTransfer): Promise<SandboxTransfer> => {
    if (t.state !== 'wait_confirm' || clock.now().getTime() < expiresAt(t).getTime()) return t;
    await transfers().where({ _id: t._id, state: 'wait_confirm' }).update({ data: { state: 'cancelled', failReason: 'OVERDUE_CLOSE' } });
    return (await transfers().doc(t._id).get()).data;
  };
  const answer = (t: SandboxTransfer): TransferResult => {
    switch (t.state) {
      case 'wait_confirm':
        return { state: 'accepted', memberConfirmation: { mchId: SANDBOX_MCH_ID, appId: SANDBOX_APP_ID, packageInfo: `${SANDBOX_PACKAGE_PREFIX}${t._id}`, expiresAt: expiresAt(t) } };
      case 'failed':
      case 'cancelled':
        return { state: 'failed', failReason: t.failReason ?? (t.state === 'cancelled' ? 'CANCELLED' : 'FAIL') };
      default:
        return { state: t.state };
    }
  };
  const sandbox: PaymentSandbox = {
    transferBehaviour: 'success',
    async unifiedOrder(input): Promise<PaymentParams> {
      if (!Number.isInteger(input.totalFee) || input.totalFee <= 0) throw new Error('totalFee must be a positive integer (fen)');
      try {
        await orders().add({
          data: { _id: input.outTradeNo, openid: input.openid, totalFee: input.totalFee, body: input.body, status: 'pending', refundedFee: 0, refunds: [], createdAt: clock.now() },
        });
      } catch (e) {
        // Same outTradeNo again: WeChat returns the same prepay order.
        if (!isDatabaseError(e, 'duplicate-key')) throw e;
      }
      return {
        timeStamp: String(Math.floor(clock.now().getTime() / 1000)),
        nonceStr: randomBytes(8).toString('hex'),
        package: `prepay_id=sandbox_${input.outTradeNo}`,
        signType: 'MD5',
        paySign: 'SANDBOX',
      };
    },
    async queryOrder(outTradeNo) {
      const order = await find(outTradeNo);
      return {
        paid: order?.status === 'paid' || order?.status === 'refunded',
        refunded: order?.status === 'refunded',
        totalFee: order?.totalFee ?? 0,
      };
    },
    /*
     * As WeChat Pay does: a refund is keyed by its out_refund_no. The same number again is the same refund,
     * answered accepted again without moving money twice (a different fee under that number is refused, as
     * REFUND_FEE_MISMATCH is); refunds never exceed what was paid.
     */
    async refund({ outTradeNo, outRefundNo, totalFee, refundFee }) {
      if (!Number.isInteger(refundFee) || refundFee <= 0) throw new Error('refundFee must be a positive integer (fen)');
      const sameRefund = (o: SandboxOrder | undefined) => o?.refunds?.find((r) => r.outRefundNo === outRefundNo);
      const before = await find(outTradeNo);
      if (!before || before.totalFee !== totalFee) return { accepted: false };
      const prior = sameRefund(before);
      if (prior) return { accepted: prior.fee === refundFee };
      const _ = db.command;
      const { stats } = await orders()
        .where({
          _id: outTradeNo,
          status: _.in(['paid', 'refunded']),
          refundedFee: _.lte(before.totalFee - refundFee),
          'refunds.outRefundNo': _.neq(outRefundNo),
        })
        .update({ data: { status: 'refunded', refundedFee: _.inc(refundFee), refunds: _.push({ outRefundNo, fee: refundFee, at: clock.now() }) } });
      if (stats.updated === 1) return { accepted: true };
      // A concurrent call with the same number made this very refund meanwhile: the same answer.
      const made = sameRefund(await find(outTradeNo));
      return { accepted: made?.fee === refundFee };
    },
    async pay(outTradeNo) {
      const { stats } = await orders().where({ _id: outTradeNo, status: 'pending' }).update({ data: { status: 'paid' } });
      return { paid: stats.updated === 1 };
    },
    async transfer(input) {
      if (!/^[A-Za-z0-9]{5,32}$/.test(input.outBillNo)) throw new Error('out_bill_no must be 5-32 letters or digits');
      if (!Number.isInteger(input.amountFen) || input.amountFen < 10) throw new Error('transfer_amount must be an integer of at least 10 fen');
      const behaviour = sandbox.transferBehaviour;
      if (behaviour === 'error') throw new Error('sandbox: transfer request lost');
      if (behaviour === 'rejected') {
        // A refused request makes no bill; a number that already has one is answered with it, as WeChat Pay does.
        const prior = (await transfers().where({ _id: input.outBillNo }).limit(1).get()).data[0];
        if (prior) return answer(await closeIfOverdue(prior));
        throw new PaymentError('rejected', 'transfer', 'HTTP 403 NOT_ENOUGH 资金不足', 'NOT_ENOUGH');
      }
      const record: Omit<SandboxTransfer, '_id'> = {
        openid: input.openid,
        amountFen: input.amountFen,
        remark: input.remark,
        state: behaviour,
        failReason: behaviour === 'failed' ? 'PAYEE_ACCOUNT_ABNORMAL' : null,
        createdAt: clock.now(),
      };
      try {
        await transfers().add({ data: { _id: input.outBillNo, ...record } });
      } catch (e) {
        // The same out_bill_no again is the same transfer: WeChat Pay answers with what it has.
        if (!isDatabaseError(e, 'duplicate-key')) throw e;
        const prior = (await transfers().doc(input.outBillNo).get()).data;
        if (prior.openid !== input.openid || prior.amountFen !== input.amountFen) throw new Error('out_bill_no reused with other details');
        return answer(await closeIfOverdue(prior));
      }
      return answer({ _id: input.outBillNo, ...record });
    },
    async queryTransfer(outBillNo) {
      const found = await transfers().where({ _id: outBillNo }).limit(1).get();
      return found.data[0] ? answer(await closeIfOverdue(found.data[0])) : null;
    },
    async finishTransfer(outBillNo, state, failReason) {
      const reason = state === 'success' ? null : (failReason ?? (state === 'failed' ? 'PAYEE_ACCOUNT_ABNORMAL' : 'CANCELLED'));
      await transfers()
        .where({ _id: outBillNo, state: db.command.in(['accepted', 'wait_confirm']) })
        .update({ data: { state, failReason: reason } });
    },
    async confirmTransfer(packageInfo, openid) {
      const no = packageInfo.startsWith(SANDBOX_PACKAGE_PREFIX) ? packageInfo.slice(SANDBOX_PACKAGE_PREFIX.length) : '';
      const found = no ? (await transfers().where({ _id: no }).limit(1).get()).data[0] : undefined;
      // WeChat's own words to the member (requestMerchantTransfer's failures).
      if (!found) return { confirmed: false, message: '转账单号错误，请返回商家重新发起收款' };
      if (found.openid !== openid) return { confirmed: false, message: '你的微信号与商家指定的微信号不一致' };
      const t = await closeIfOverdue(found);
      if (t.state === 'success') return { confirmed: true, message: '已收款' };
      if (t.state !== 'wait_confirm') return { confirmed: false, message: '该笔转账已失效，请返回商家处理' };
      const { stats } = await transfers().where({ _id: no, state: 'wait_confirm' }).update({ data: { state: 'success' } });
      return stats.updated === 1 ? { confirmed: true, message: '已收款' } : sandbox.confirmTransfer(packageInfo, openid);
    },
  };
  return sandbox;
}
