import type { ErrorCode } from '../../cloudfunctions/_core/contracts';

/** Every server error code, in words a member understands. A code without a message is a type error. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '填写的内容有误，请检查后再试',
  UNKNOWN_ACTION: '当前版本暂不支持该操作，请更新小程序后再试',
  UNAUTHENTICATED: '登录状态已失效，请重新进入小程序',
  FORBIDDEN: '你暂时没有权限进行此操作',
  NOT_REGISTERED: '你还不是会员，注册后即可使用',
  CONSENT_REQUIRED: '请先阅读并同意《隐私政策》',
  ALREADY_REGISTERED: '你已经是会员了',
  BIRTHDAY_LOCKED: '生日设置后不可自行修改，如需更正请联系门店店员',
  MEMBER_NOT_FOUND: '没有找到这位会员',
  CONTENT_REJECTED: '内容未通过安全检查，请修改后再试',
  POINTS_INSUFFICIENT: '积分不足',
  CODE_INVALID: '无法识别的会员码，请让会员刷新后重新出示',
  CODE_EXPIRED: '会员码已过期，请让会员刷新后重新出示',
  CODE_USED: '这个会员码已经被扫过了，请让会员刷新后重新出示',
  VISIT_EXPIRED: '本次扫码已超时，请重新扫描会员码',
  ORDER_CONFLICT: '该订单号已记录过另一笔消费，请核对订单号',
  ORDER_NOT_FOUND: '没有找到这笔订单',
  PAYMENT_PENDING: '还没有收到支付结果，请稍后再试',
  PAYMENT_NOT_FOUND: '没有找到这笔支付',
  VIP_NOT_OFFERED: '付费会员暂未开放',
  BUSY: '当前访问人数较多，请稍后再试',
  INTERNAL: '服务开小差了，请稍后再试',
};

/** Client-side failures: the call never got a Result (no network, platform error). */
export const NETWORK_MESSAGE = '网络不太给力，请检查网络后再试';
