import { z } from 'zod';

export const MemberCodeView = z.object({
  /** The text the QR code carries; signed, short-lived, accepted once. */
  token: z.string(),
  expiresAt: z.string(),
  /** The app fetches a new code this often (at the next step of the digit code). */
  refreshSeconds: z.number().int(),
  /** The manual path: the member number and a 6-digit one-time code a clerk can type (valid 30-60 s, once). */
  memberNo: z.string(),
  pin: z.string().regex(/^\d{6}$/),
});

/** A code typed at the till instead of scanned: the member number on the card and its one-time digits. */
export const ManualCode = z.object({
  memberNo: z.string().trim().regex(/^\d{12}$/, '会员号应为 12 位数字'),
  pin: z.string().trim().regex(/^\d{6}$/, '动态码应为 6 位数字'),
});
export type ManualCode = z.output<typeof ManualCode>;

/** What a clerk enters: the scanned code's text, or the member number with the digit code. */
export const CodeOrManual = z
  .object({
    code: z.string().trim().min(1).max(512).optional(),
    manual: ManualCode.optional(),
  })
  .refine((v) => (v.code === undefined) !== (v.manual === undefined), { message: '请扫码，或输入会员号和动态码', path: ['code'] });
export type CodeOrManual = z.output<typeof CodeOrManual>;
export type MemberCodeView = z.output<typeof MemberCodeView>;
