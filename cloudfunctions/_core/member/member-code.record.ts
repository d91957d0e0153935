/**
 * `used_codes/{jti}`: one document per member code that was scanned. Created with `add` inside the scan's
 * transaction, so the document id makes a second scan of the same code fail (duplicate key) exactly once
 * per code, however many tills scan it at the same moment. Safe to purge after `expiresAt`: an expired
 * code is refused before this collection is consulted.
 */
export interface UsedCodeRecord {
  _id: string;
  memberNo: string;
  /** The member's openid (owner field, written explicitly). */
  _openid: string;
  /** Staff openid and store that scanned it. */
  usedBy: string;
  storeId: string | null;
  visitId: string;
  usedAt: Date;
  expiresAt: Date;
}

export const USED_CODES = 'used_codes';
