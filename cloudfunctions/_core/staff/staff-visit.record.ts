/**
 * `staff_visits/{visitId}`: opened when a clerk scans a member's code. For ten minutes it lets that clerk
 * (and only that clerk) record purchases for that member without the member's openid ever reaching the
 * till. Safe to purge after `expiresAt`.
 */
export interface StaffVisitRecord {
  _id: string;
  /** The member's openid (owner field, written explicitly). */
  _openid: string;
  memberOpenid: string;
  memberNo: string;
  /** Staff openid that scanned, and their store. */
  clerk: string;
  storeId: string | null;
  /** The member code consumed to open the visit (`used_codes/<jti>`). */
  jti: string;
  expiresAt: Date;
  createdAt: Date;
}

export const STAFF_VISITS = 'staff_visits';
