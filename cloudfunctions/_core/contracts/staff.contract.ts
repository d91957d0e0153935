import { z } from 'zod';
import { defineFunction } from './define';
import { CorrectBirthdayInput, CorrectBirthdayOutput, StaffIdentityView } from '../staff/staff.schema';
import {
  MemberAtTillView,
  PurchaseRecordedView,
  PurchaseRefundedView,
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
      summary: "Checks and consumes a member's dynamic code; opens a 10-minute visit for recording purchases.",
      access: 'staff',
      input: ScanMemberInput,
      output: MemberAtTillView,
      idempotency: 'the code is single-use (used_codes/<jti>); a replay is refused with CODE_USED',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'CODE_INVALID', 'CODE_EXPIRED', 'CODE_USED', 'MEMBER_NOT_FOUND'],
    },
    recordPurchase: {
      summary: 'Records a purchase for the scanned member: points (pending for the after-sale window) and growth; audited.',
      access: 'staff',
      input: RecordPurchaseInput,
      output: PurchaseRecordedView,
      idempotency: 'natural key: the order number (purchases/<orderNo>); a repeat returns the first result',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'VISIT_EXPIRED', 'ORDER_CONFLICT', 'BUSY'],
    },
    refundPurchase: {
      summary: 'Refunds a recorded purchase: takes back its points (owed if already spent) and growth; audited.',
      access: 'staff',
      input: RefundPurchaseInput,
      output: PurchaseRefundedView,
      idempotency: 'natural key: the order number (one refund per order)',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'ORDER_NOT_FOUND', 'BUSY'],
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
