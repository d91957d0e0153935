import Taro from '@tarojs/taro';
import { couponsService } from '../../services/coupons';
import { newRequestId } from '../../utils/request-id';

/**
 * Asks once per app session for the expiry-reminder subscriptions the center offers, and reports each one the
 * member accepted (one accepted subscription allows one message). WeChat only shows the dialog from a tap, so
 * this is called at the start of the claim tap, before anything is awaited. Failures are silent: a reminder
 * is a courtesy, never a reason to fail a claim.
 */
let asked = false;

export function askSubscriptions(templateIds: readonly string[]): void {
  if (asked || templateIds.length === 0 || typeof Taro.requestSubscribeMessage !== 'function') return;
  asked = true;
  const tmplIds = templateIds.slice(0, 3);
  Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option).then(
    (res) => {
      const answers = res as unknown as Record<string, string>;
      for (const id of tmplIds) {
        // Each acceptance is its own intent: one request id, so a retried report never counts it twice.
        if (answers[id] === 'accept') void couponsService.subscribe(id, newRequestId()).catch(() => undefined);
      }
    },
    () => undefined,
  );
}
