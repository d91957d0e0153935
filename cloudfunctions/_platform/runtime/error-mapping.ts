import type { z } from 'zod';
import { chineseMessage, formatPath } from '../../_core/shared/config-problems.rules';
import { AppError, type ErrorBody } from '../../_core/shared/errors';
import { isDatabaseError } from '../database.port';
import { isPaymentError } from '../payments.port';

/** The first issue names the field; the message is Chinese so the app can show it as is. */
export function validationError(issues: readonly z.core.$ZodIssue[]): AppError {
  const first = issues[0];
  const field = first ? formatPath(first.path) : undefined;
  return new AppError('INVALID_INPUT', first ? chineseMessage(first) : '参数错误', field);
}

export function toErrorBody(e: unknown): ErrorBody {
  if (e instanceof AppError || (e instanceof Error && e.name === 'AppError')) {
    const app = e as AppError;
    return app.field ? { code: app.code, message: app.message, field: app.field } : { code: app.code, message: app.message };
  }
  // Transactions that keep conflicting: the member may simply try again.
  if (isDatabaseError(e, 'conflict') || isDatabaseError(e, 'unavailable')) {
    return { code: 'BUSY', message: '人有点多，请稍后再试' };
  }
  // WeChat Pay's refusals and outages (the adapter has logged the details): the member may try later.
  if (isPaymentError(e, 'rejected')) return { code: 'PAYMENT_REFUSED', message: '微信支付未受理这笔订单' };
  if (isPaymentError(e)) return { code: 'PAYMENT_UNAVAILABLE', message: '微信支付暂时不可用，请稍后再试' };
  return { code: 'INTERNAL', message: '系统开小差了，请稍后再试' };
}
