/** Only the mini-program asks for privacy authorization (PrivacySheet.weapp.tsx); H5 has nothing to show. */
export function PrivacySheet() {
  return null;
}
