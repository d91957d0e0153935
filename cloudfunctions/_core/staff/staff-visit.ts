import type { Transaction } from '../../_platform/database.port';
import type { StaffContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { STAFF_VISITS, type StaffVisitRecord } from './staff-visit.record';
import { visitUsable } from './staff-visit.rules';

export interface OpenVisit {
  visitId: string;
  memberOpenid: string;
  memberNo: string;
  storeId: string | null;
}

/**
 * The member a till action is for, from a visit the calling clerk opened by scanning (the app never sends an
 * openid). Missing, expired, or another clerk's visit: VISIT_EXPIRED (scan again). Pass `tx` to read it
 * inside the caller's transaction.
 */
export async function loadVisit(ctx: StaffContext, visitId: string, tx?: Transaction): Promise<OpenVisit> {
  const ref = (tx ?? ctx.db).collection<StaffVisitRecord>(STAFF_VISITS).doc(visitId);
  const visit = await getOrNull<StaffVisitRecord>(ref);
  if (!visit || !visitUsable(visit, ctx.caller.openid, ctx.clock.now())) {
    throw new AppError('VISIT_EXPIRED', '本次扫码已超时，请重新扫描会员码');
  }
  return { visitId: visit._id, memberOpenid: visit.memberOpenid, memberNo: visit.memberNo, storeId: visit.storeId };
}
