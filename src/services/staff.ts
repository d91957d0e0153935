/** Store-staff calls (the staff subpackage and the home page's staff entry). */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';

export type StaffIdentity = CloudOutput<'staff', 'whoami'>;
export type MemberAtTill = CloudOutput<'staff', 'scanMember'>;
export type RecordPurchaseInput = CloudInput<'staff', 'recordPurchase'>;
export type PurchaseRecorded = CloudOutput<'staff', 'recordPurchase'>;
export type RefundPurchaseInput = CloudInput<'staff', 'refundPurchase'>;
export type PurchaseRefunded = CloudOutput<'staff', 'refundPurchase'>;

export const staffService = {
  /** Fails with FORBIDDEN for anyone without an active staff role. */
  whoami: () => callCloud('staff', 'whoami'),
  /** Consumes the member's code (single use) and opens a 10-minute visit. */
  scanMember: (code: string) => callCloud('staff', 'scanMember', { code }),
  /** Idempotent by order number. */
  recordPurchase: (input: RecordPurchaseInput) => callCloud('staff', 'recordPurchase', input),
  /** Idempotent by order number (and the form's request id). */
  refundPurchase: (input: RefundPurchaseInput) => callCloud('staff', 'refundPurchase', input),
};
