import { staffContract } from '../_core/contracts/staff.contract';
import { previewRefund, recordPurchase, refundPurchase } from '../_core/points/purchase.service';
import { shiftSummary } from '../_core/staff/shift-summary.service';
import { correctBirthday } from '../_core/staff/correct-birthday.service';
import { scanMember } from '../_core/staff/scan-member.service';
import { whoami } from '../_core/staff/whoami.service';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(staffContract, {
  whoami,
  scanMember,
  recordPurchase,
  previewRefund,
  refundPurchase,
  correctBirthday,
  shiftSummary,
});
