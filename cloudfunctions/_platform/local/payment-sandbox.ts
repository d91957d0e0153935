import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.port';
import { isDatabaseError, type Database } from '../database.port';
import type { PaymentParams, PaymentsPort } from '../payments.port';

/** Sandbox orders: created by unifiedOrder, paid by the developer (POST /api/_dev/pay) or by a test. */
export const DEV_PAYMENTS = '_dev_payments';

interface SandboxOrder {
  _id: string;
  openid: string;
  totalFee: number;
  body: string;
  status: 'pending' | 'paid' | 'refunded';
  refundedFee: number;
  createdAt: Date;
}

export interface PaymentSandbox extends PaymentsPort {
  /** What WeChat Pay does when the member confirms: marks the order paid (once). */
  pay(outTradeNo: string): Promise<{ paid: boolean }>;
}

export function createPaymentSandbox(db: Database, clock: Clock): PaymentSandbox {
  const orders = () => db.collection<SandboxOrder>(DEV_PAYMENTS);
  return {
    async unifiedOrder(input): Promise<PaymentParams> {
      if (!Number.isInteger(input.totalFee) || input.totalFee <= 0) throw new Error('totalFee must be a positive integer (fen)');
      try {
        await orders().add({
          data: { _id: input.outTradeNo, openid: input.openid, totalFee: input.totalFee, body: input.body, status: 'pending', refundedFee: 0, createdAt: clock.now() },
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
      const found = await orders().where({ _id: outTradeNo }).limit(1).get();
      const order = found.data[0];
      return { paid: order?.status === 'paid', totalFee: order?.totalFee ?? 0 };
    },
    async refund({ outTradeNo, refundFee }) {
      const { stats } = await orders()
        .where({ _id: outTradeNo, status: 'paid' })
        .update({ data: { status: 'refunded', refundedFee: refundFee } });
      return { accepted: stats.updated === 1 };
    },
    async pay(outTradeNo) {
      const { stats } = await orders().where({ _id: outTradeNo, status: 'pending' }).update({ data: { status: 'paid' } });
      return { paid: stats.updated === 1 };
    },
  };
}
