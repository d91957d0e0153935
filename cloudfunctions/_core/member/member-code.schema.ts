import { z } from 'zod';

export const MemberCodeView = z.object({
  /** The text the QR code carries; signed, short-lived, accepted once. */
  token: z.string(),
  expiresAt: z.string(),
  /** The app fetches a new code this often. */
  refreshSeconds: z.number().int(),
});
export type MemberCodeView = z.output<typeof MemberCodeView>;
