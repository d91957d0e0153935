import type { WxStorageSdk } from './wx-storage';

/**
 * The slice of wx-server-sdk 4.0.x we use, typed here because the SDK types openapi as `any` and does not
 * declare cloudPay. Shapes as the SDK hands them over (node_modules/wx-server-sdk/index.js): cloudPay and
 * openapi answers are WeChat's JSON with snake_case keys turned camelCase, plus `errCode: 0` and
 * `errMsg: '<api>:ok'` assigned last — so WeChat Pay's own `err_code` is overwritten by 0 and only
 * `errCodeDes` survives. Failed calls throw an Error with a numeric `errCode` and `errMsg`.
 */
export interface WxContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  /** Who started this run, as a comma-separated chain: `wx_client`, `wx_trigger`, `wx_paycallback`, `wx_client,scf`... */
  SOURCE?: string;
}

/** WeChat Pay's common answer fields (v2 API, camelCased by the SDK). */
export interface WxPayAnswer {
  returnCode?: string;
  returnMsg?: string;
  resultCode?: string;
  /** Overwritten with 0 by the SDK on success paths; a string only if WeChat's err_code survived. */
  errCode?: number | string;
  errCodeDes?: string;
  errMsg?: string;
}

export interface WxPaymentObject {
  appId?: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface WxMsgSecCheckAnswer {
  result?: { suggest?: string; label?: number };
  detail?: { strategy?: string; errcode?: number; suggest?: string; label?: number }[];
  traceId?: string;
  errCode?: number;
  errMsg?: string;
}

export interface WxCloud extends WxStorageSdk {
  DYNAMIC_CURRENT_ENV: unknown;
  init(opts: { env: unknown }): void;
  database(): unknown;
  getWXContext(): WxContext;
  openapi: {
    subscribeMessage: { send(args: Record<string, unknown>): Promise<unknown> };
    wxacode: { getUnlimited(args: Record<string, unknown>): Promise<{ buffer: Buffer }> };
    security: {
      msgSecCheck(args: Record<string, unknown>): Promise<WxMsgSecCheckAnswer>;
      mediaCheckAsync(args: Record<string, unknown>): Promise<{ trace_id?: string; traceId?: string }>;
    };
  };
  cloudPay: {
    unifiedOrder(args: Record<string, unknown>): Promise<WxPayAnswer & { payment?: WxPaymentObject }>;
    queryOrder(args: Record<string, unknown>): Promise<WxPayAnswer & { tradeState?: string; totalFee?: number }>;
    refund(args: Record<string, unknown>): Promise<WxPayAnswer & { refundFee?: number }>;
  };
}
