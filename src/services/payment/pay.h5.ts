import type { Pay } from './pay.types';

/**
 * The H5 build runs only on the local cloud: its payment sandbox stands in for WeChat Pay, and paying is
 * what the member's confirmation in the payment sheet would do. `paid: false` means already paid (or
 * unknown): `confirm` decides either way.
 */
export const pay: Pay = async (outTradeNo) => {
  const res = await fetch('/api/_dev/pay', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outTradeNo }),
  });
  if (!res.ok) throw new Error(`payment sandbox answered ${res.status}`);
  return 'paid';
};
