/** On a phone the token is only the QR code's content: nothing to show as text. */
export function MemberQrToken(_props: { token: string; className?: string }) {
  return null;
}
