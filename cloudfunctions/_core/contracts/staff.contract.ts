import { z } from 'zod';
import { defineFunction } from './define';
import { CorrectBirthdayInput, CorrectBirthdayOutput, ShiftSummaryView, StaffIdentityView } from '../staff/staff.schema';
import {
  MemberAtTillView,
  PurchaseRecordedView,
  PreviewRefundInput,
  PurchaseRefundedView,
  RefundPreviewView,
  RecordPurchaseInput,
  RefundPurchaseInput,
  ScanMemberInput,
} from '../staff/staff-till.schema';

export const staffContract = defineFunction({
  name: 'staff',
  summary: 'What store staff do for members at the till.',
  actions: {
    whoami: {
      summary: "The calling staff member's role and store (the app shows staff pages only to staff).",
      access: 'staff',
      input: z.object({}),
      output: StaffIdentityView,
      errors: ['FORBIDDEN'],
    },
    scanMember: {
      summary:
        "Checks and consumes a member's code (the scanned QR, or the member number and the card's 6 digits under attempt limits); opens a 10-minute visit for recording purchases.",
      access: 'staff',
      input: ScanMemberInput,
      output: MemberAtTillView,
      idempotency: 'the code is single-use (used_codes/<jti>); a replay is refused with CODE_USED',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'CODE_INVALID', 'CODE_EXPIRED', 'CODE_USED', 'CODE_LOCKED', 'MEMBER_NOT_FOUND'],
    },
    recordPurchase: {
      summary: 'Records a purchase for the scanned member: points (pending for the after-sale window) and growth; audited.',
      access: 'staff',
      input: RecordPurchaseInput,
      output: PurchaseRecordedView,
      idempotency: 'natural key: the order number (purchases/<orderNo>); a repeat returns the first result',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'VISIT_EXPIRED', 'ORDER_CONFLICT', 'BUSY'],
    },
    previewRefund: {
      summary:
        'What refunding an order (the rest, or an amount) would take back: points from pending, from the balance, left owed, growth; whether the caller may (cross-store refunds need a manager). Writes nothing.',
      access: 'staff',
      input: PreviewRefundInput,
      output: RefundPreviewView,
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'ORDER_NOT_FOUND'],
    },
    refundPurchase: {
      summary:
        "Refunds a recorded purchase in full or in part by amount: takes back that share of its points through the ledger (owed if already spent) and growth; another store's order only by a manager; audited.",
      access: 'staff',
      input: RefundPurchaseInput,
      output: PurchaseRefundedView,
      idempotency: 'requestId: recorded on the order with the refund it made; a retry returns that refund (repeated: true)',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'ORDER_NOT_FOUND', 'REFUND_AMOUNT_INVALID', 'BUSY'],
    },
    shiftSummary: {
      summary: "Today's work of the calling staff member (Beijing day): totals and the latest actions, from the audit log.",
      access: 'staff',
      input: z.object({}),
      output: ShiftSummaryView,
      errors: ['FORBIDDEN'],
    },
    correctBirthday: {
      summary: "Corrects a member's birthday (members can set it only once); audited.",
      access: 'staff',
      input: CorrectBirthdayInput,
      output: CorrectBirthdayOutput,
      idempotency: 'requestId (request_log)',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'MEMBER_NOT_FOUND', 'BUSY'],
    },
  },
});
