import { systemClock } from '../clock.port';
import type { Caller, IdentityPort } from '../identity.port';
import { jsonLogger } from '../logger.port';
import type { OpenApiPort } from '../openapi.port';
import type { PaymentsPort } from '../payments.port';
import type { Platform } from '../platform';
import { environmentSecrets } from '../secrets.port';
import { wrapWxDatabase } from './wx-database';
import { wxStorage, type WxStorageSdk } from './wx-storage';

/** The slice of wx-server-sdk we use, typed here because the SDK types openapi and cloudPay as `any`. */
interface WxContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  SOURCE?: string;
}
interface WxCloud extends WxStorageSdk {
  DYNAMIC_CURRENT_ENV: unknown;
  init(opts: { env: unknown }): void;
  database(): unknown;
  getWXContext(): WxContext;
  openapi: {
    subscribeMessage: { send(args: Record<string, unknown>): Promise<unknown> };
    wxacode: { getUnlimited(args: Record<string, unknown>): Promise<{ buffer: Buffer }> };
    security: { msgSecCheck(args: Record<string, unknown>): Promise<{ result?: { suggest?: string; label?: number } }> };
  };
  cloudPay: {
    unifiedOrder(args: Record<string, unknown>): Promise<{ payment: Record<string, string>; returnCode?: string }>;
    queryOrder(args: Record<string, unknown>): Promise<{ tradeState?: string; totalFee?: number }>;
    refund(args: Record<string, unknown>): Promise<{ returnCode?: string; resultCode?: string }>;
  };
}

export function createWxPlatform(): Platform {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as WxCloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return {
    db: wrapWxDatabase(cloud.database()),
    clock: systemClock,
    identity: wxIdentity(cloud),
    openapi: wxOpenApi(cloud),
    payments: wxPayments(cloud),
    logger: jsonLogger({ env: 'wx' }),
    secrets: environmentSecrets,
    storage: wxStorage(cloud),
  };
}

function wxIdentity(cloud: WxCloud): IdentityPort {
  return {
    current(): Caller | undefined {
      const ctx = cloud.getWXContext();
      if (!ctx.OPENID) return undefined;
      return {
        openid: ctx.OPENID,
        appid: ctx.APPID ?? '',
        unionid: ctx.UNIONID || undefined,
        source: ctx.SOURCE === 'wx_trigger' ? 'trigger' : ctx.SOURCE?.startsWith('wx_') ? 'client' : 'unknown',
      };
    },
    isTimerTrigger: () => cloud.getWXContext().SOURCE === 'wx_trigger',
  };
}

function wxOpenApi(cloud: WxCloud): OpenApiPort {
  return {
    async sendSubscribeMessage(msg) {
      await cloud.openapi.subscribeMessage.send({ ...msg, miniprogramState: 'formal' });
    },
    async getUnlimitedCode({ scene, page, width }) {
      const res = await cloud.openapi.wxacode.getUnlimited({ scene, page, width: width ?? 430, checkPath: false });
      return res.buffer;
    },
    async checkText({ openid, content }) {
      const res = await cloud.openapi.security.msgSecCheck({ openid, scene: 2, version: 2, content });
      return { pass: res.result?.suggest === 'pass', label: res.result?.label ?? 0 };
    },
  };
}

/** Needs the merchant number in the function's environment (WX_PAY_SUB_MCH_ID) and a callback function. */
function wxPayments(cloud: WxCloud): PaymentsPort {
  const subMchId = process.env.WX_PAY_SUB_MCH_ID ?? '';
  return {
    async unifiedOrder(input) {
      const res = await cloud.cloudPay.unifiedOrder({
        body: input.body,
        outTradeNo: input.outTradeNo,
        totalFee: input.totalFee,
        spbillCreateIp: '127.0.0.1',
        subMchId,
        envId: process.env.TCB_ENV ?? process.env.SCF_NAMESPACE,
        functionName: 'payment-callback',
      });
      const p = res.payment;
      return { timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: p.paySign };
    },
    async queryOrder(outTradeNo) {
      const res = await cloud.cloudPay.queryOrder({ subMchId, outTradeNo });
      // REFUND (转入退款): paid, and a refund was accepted on it.
      return { paid: res.tradeState === 'SUCCESS' || res.tradeState === 'REFUND', refunded: res.tradeState === 'REFUND', totalFee: res.totalFee ?? 0 };
    },
    async refund(input) {
      const res = await cloud.cloudPay.refund({ subMchId, ...input });
      return { accepted: res.returnCode === 'SUCCESS' && res.resultCode === 'SUCCESS' };
    },
  };
}
