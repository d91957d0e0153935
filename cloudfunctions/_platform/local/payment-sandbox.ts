import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.port';
import { isDatabaseError, type Database } from '../database.port';
import type { PaymentParams, PaymentsPort, TransferResult, TransferState } from '../payments.port';

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

interface SandboxTransfer {
  _id: string;
  openid: string;
  amountFen: number;
  remark: string;
  state: TransferState;
  failReason: string | null;
  createdAt: Date;
}

/**
 * How the sandbox answers the next transfers: `success` (default), `failed` (WeChat Pay refuses, e.g. a
 * restricted account), `accepted` (still processing: final state later), or `error` (the call fails before
 * an answer: whether it arrived is unknown).
 */
export type TransferBehaviour = TransferState | 'error';

export interface PaymentSandbox extends PaymentsPort {
  /** What WeChat Pay does when the member confirms: marks the order paid (once). */
  pay(outTradeNo: string): Promise<{ paid: boolean }>;
  /** For tests and the developer: how later transfers are answered. */
  transferBehaviour: TransferBehaviour;
  /** Moves an `accepted` transfer to its final state, as WeChat Pay does later. */
  finishTransfer(outBillNo: string, state: 'success' | 'failed'): Promise<void>;
}

export function createPaymentSandbox(db: Database, clock: Clock): PaymentSandbox {
  const orders = () => db.collection<SandboxOrder>(DEV_PAYMENTS);
  const find = async (outTradeNo: string) => (await orders().where({ _id: outTradeNo }).limit(1).get()).data[0];
  const transfers = () => db.collection<SandboxTransfer>(DEV_TRANSFERS);
  const answer = (t: SandboxTransfer): TransferResult => (t.failReason ? { state: t.state, failReason: t.failReason } : { state: t.state });
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
      const record: Omit<SandboxTransfer, '_id'> = {
        openid: input.openid,
        amountFen: input.amountFen,
        remark: input.remark,
        state: behaviour,
        failReason: behaviour === 'failed' ? '收款用户账户异常' : null,
        createdAt: clock.now(),
      };
      try {
        await transfers().add({ data: { _id: input.outBillNo, ...record } });
      } catch (e) {
        // The same out_bill_no again is the same transfer: WeChat Pay answers with what it has.
        if (!isDatabaseError(e, 'duplicate-key')) throw e;
        const prior = (await transfers().doc(input.outBillNo).get()).data;
        if (prior.openid !== input.openid || prior.amountFen !== input.amountFen) throw new Error('out_bill_no reused with other details');
        return answer(prior);
      }
      return answer({ _id: input.outBillNo, ...record });
    },
    async queryTransfer(outBillNo) {
      const found = await transfers().where({ _id: outBillNo }).limit(1).get();
      return found.data[0] ? answer(found.data[0]) : null;
    },
    async finishTransfer(outBillNo, state) {
      await transfers()
        .where({ _id: outBillNo, state: 'accepted' })
        .update({ data: { state, failReason: state === 'failed' ? '收款用户账户异常' : null } });
    },
  };
  return sandbox;
}
