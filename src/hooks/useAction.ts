import { useState } from 'react';
import { toast } from '../ui';

/**
 * One button's call to the server: ignores taps while it runs, toasts `success` when it worked (then `onDone`),
 * and the server's own message when it did not.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<unknown>, success: string, onDone: () => void) => {
    if (busy) return;
    setBusy(true);
    try {
      await call();
      toast.success(success);
      onDone();
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
