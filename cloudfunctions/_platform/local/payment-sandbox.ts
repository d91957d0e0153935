import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.port';
import { isDatabaseError, type Database } from '../database.port';
import type { PaymentParams, PaymentsPort } from '../payments.port';

/** Sandbox orders: created by unifiedOrder, paid by the developer (POST /api/_dev/pay) or by a test. */
export const DEV_PAYMENTS = '_dev_payments';

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

export interface PaymentSandbox extends PaymentsPort {
  /** What WeChat Pay does when the member confirms: marks the order paid (once). */
  pay(outTradeNo: string): Promise<{ paid: boolean }>;
}

export function createPaymentSandbox(db: Database, clock: Clock): PaymentSandbox {
  const orders = () => db.collection<SandboxOrder>(DEV_PAYMENTS);
  const find = async (outTradeNo: string) => (await orders().where({ _id: outTradeNo }).limit(1).get()).data[0];
  return {
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
  };
}
