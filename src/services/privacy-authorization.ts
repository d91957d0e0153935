/**
 * Default (H5 and tests): WeChat's privacy authorization (wx.onNeedPrivacyAuthorization) exists only in the
 * mini-program; elsewhere nothing ever asks.
 */
export type PrivacyAnswer = 'agree' | 'disagree';

/** The id of the sheet's agree button (open-type="agreePrivacyAuthorization"): WeChat checks it was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

export function startPrivacyListener(): void {}

/** A mounted sheet registers here to be opened when WeChat asks; returns the unsubscribe. */
export function subscribePrivacySheet(_open: () => void): () => void {
  return () => undefined;
}

export function answerPrivacy(_answer: PrivacyAnswer): void {}
