import { currentOpenid } from '../dev-persona';
import type { ConfirmReceipt, OpensAtOnce } from './confirm-receipt.types';

/** No WeChat page here: the member's tap on 确认收款 in the record is the confirmation. */
export const OPENS_AT_ONCE: OpensAtOnce = false;

/**
 * The H5 build runs only on the local cloud: its payment sandbox stands in for WeChat Pay, and confirming is
 * what the member's tap on WeChat's 确认收款 page would do. The server still asks the sandbox afterwards.
 */
export const confirmReceipt: ConfirmReceipt = async (confirmation) => {
  const res = await fetch('/api/_dev/confirm-transfer', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-openid': await currentOpenid() },
    body: JSON.stringify({ package: confirmation.package }),
  }).catch(() => {
    throw new Error('网络不给力，确认收款未完成，请稍后重试');
  });
  const answer = (await res.json().catch(() => null)) as { confirmed?: boolean; message?: string } | null;
  if (!res.ok || !answer?.confirmed) throw new Error(answer?.message ?? '确认收款失败，请稍后再试');
  return 'confirmed';
};
