import { isCloudError } from '../cloud';

const CONFIRM_ATTEMPTS = 4;
const CONFIRM_INTERVAL_MS = 1500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** WeChat may report a payment a moment after the sheet closes: asks `confirm` again a few times while PAYMENT_PENDING. */
export async function confirmPaid<T>(confirm: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await confirm();
    } catch (e) {
      if (!(isCloudError(e) && e.code === 'PAYMENT_PENDING') || attempt >= CONFIRM_ATTEMPTS) throw e;
      await sleep(CONFIRM_INTERVAL_MS);
    }
  }
}
