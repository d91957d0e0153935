import { useState } from 'react';
import { toast } from '../ui';

/**
 * One button's call to the server: ignores taps while it runs, toasts `success` when it worked (then `onDone`),
 * and the server's own message when it did not. `success` may be worded from the answer.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const run = async <T>(call: () => Promise<T>, success: string | ((answer: T) => string), onDone: () => void) => {
    if (busy) return;
    setBusy(true);
    try {
      const answer = await call();
      toast.success(typeof success === 'string' ? success : success(answer));
      onDone();
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
