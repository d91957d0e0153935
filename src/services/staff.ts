/** Store-staff calls (the staff subpackage and the home page's staff entry). */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';

export type StaffIdentity = CloudOutput<'staff', 'whoami'>;
export type MemberAtTill = CloudOutput<'staff', 'scanMember'>;
export type RecordPurchaseInput = CloudInput<'staff', 'recordPurchase'>;
export type PurchaseRecorded = CloudOutput<'staff', 'recordPurchase'>;
export type RefundPurchaseInput = CloudInput<'staff', 'refundPurchase'>;
export type PurchaseRefunded = CloudOutput<'staff', 'refundPurchase'>;
export type RefundPreview = CloudOutput<'staff', 'previewRefund'>;
export type ShiftSummary = CloudOutput<'staff', 'shiftSummary'>;
export type CorrectBirthdayInput = CloudInput<'staff', 'correctBirthday'>;
/** What the clerk read: a scanned code's text, or the member number and the 6 digits typed in. */
export type TillCode = { code: string } | { manual: { memberNo: string; pin: string } };

export const staffService = {
  /** Fails with FORBIDDEN for anyone without an active staff role. */
  whoami: () => callCloud('staff', 'whoami'),
  /** Consumes the member's code (single use) and opens a 10-minute visit. */
  scanMember: (code: TillCode) => callCloud('staff', 'scanMember', code),
  /** Idempotent by order number. */
  recordPurchase: (input: RecordPurchaseInput) => callCloud('staff', 'recordPurchase', input),
  /** What a refund would take back; writes nothing. */
  previewRefund: (orderNo: string, amountFen?: number) => callCloud('staff', 'previewRefund', amountFen === undefined ? { orderNo } : { orderNo, amountFen }),
  /** Idempotent by the form's request id. */
  refundPurchase: (input: RefundPurchaseInput) => callCloud('staff', 'refundPurchase', input),
  correctBirthday: (input: CorrectBirthdayInput) => callCloud('staff', 'correctBirthday', input),
  shiftSummary: () => callCloud('staff', 'shiftSummary'),
};
