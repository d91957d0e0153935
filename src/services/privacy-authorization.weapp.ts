/**
 * WeChat's privacy authorization (用户隐私保护指引): when a page uses a privacy API (chooseAvatar, the
 * nickname input, scanCode, uploadFile...) before the user agreed, the base library calls the listener
 * registered with wx.onNeedPrivacyAuthorization and waits for `resolve`. We open the privacy sheet of the
 * page on top and answer with the user's choice; "agree" must name the agree button the user tapped.
 */
export type PrivacyAnswer = 'agree' | 'disagree';

export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

type Resolve = (option: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void;
interface PrivacyApi {
  onNeedPrivacyAuthorization?: (listener: (resolve: Resolve) => void) => void;
}

const sheets: (() => void)[] = [];
let pending: Resolve | null = null;
let listening = false;

/** Idempotent: called at launch (app.ts) and by each sheet, in case a page mounts before launch ran. */
export function startPrivacyListener(): void {
  const api = (globalThis as { wx?: PrivacyApi }).wx;
  // Base libraries before 2.32.3 have no privacy API (and need no authorization).
  if (listening || typeof api?.onNeedPrivacyAuthorization !== 'function') return;
  listening = true;
  api.onNeedPrivacyAuthorization((resolve) => {
    const open = sheets[sheets.length - 1];
    if (!open) return resolve({ event: 'disagree' });
    pending = resolve;
    resolve({ event: 'exposureAuthorization' });
    open();
  });
}

export function subscribePrivacySheet(open: () => void): () => void {
  startPrivacyListener();
  sheets.push(open);
  return () => {
    const i = sheets.lastIndexOf(open);
    if (i >= 0) sheets.splice(i, 1);
  };
}

export function answerPrivacy(answer: PrivacyAnswer): void {
  const resolve = pending;
  pending = null;
  resolve?.(answer === 'agree' ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' });
}
