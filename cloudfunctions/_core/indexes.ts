import type { IndexSpec } from '../_platform/database.port';

/**
 * Every index the code relies on. The local cloud enforces the unique ones; in WeChat Cloud an operator
 * creates them in the console (数据库 → 集合 → 索引管理) before go-live — README lists them from here.
 */
export const INDEXES: readonly IndexSpec[] = [
  {
    collection: 'members',
    name: 'memberNo_unique',
    keys: { memberNo: 1 },
    unique: true,
    why: 'Member numbers are drawn at random; the index turns a collision into a redraw.',
  },
  {
    collection: 'request_log',
    name: 'owner_scope_request_unique',
    keys: { _openid: 1, scope: 1, requestId: 1 },
    unique: true,
    why: 'Backstop for idempotency: one record per caller, action and request id.',
  },
  {
    collection: 'request_log',
    name: 'createdAt',
    keys: { createdAt: 1 },
    unique: false,
    why: 'The daily purge finds old request records by time.',
  },
  {
    collection: 'audit_log',
    name: 'actor_at',
    keys: { actor: 1, at: -1 },
    unique: false,
    why: 'Operators review what one staff member did.',
  },
  {
    collection: 'consents',
    name: 'owner_acceptedAt',
    keys: { _openid: 1, acceptedAt: -1 },
    unique: false,
    why: "Shows a member's consent history.",
  },
  {
    collection: 'point_entries',
    name: 'owner_seq',
    keys: { _openid: 1, seq: -1 },
    unique: true,
    why: "A member's history, newest first, paged by seq; one seq per member (the ledger's order).",
  },
  {
    collection: 'point_accounts',
    name: 'nextDueOn',
    keys: { nextDueOn: 1 },
    unique: false,
    why: 'The nightly job finds accounts with points to release or expire.',
  },
  {
    collection: 'purchases',
    name: 'owner_createdAt',
    keys: { _openid: 1, createdAt: -1 },
    unique: false,
    why: "A member's purchases (the order number is the document id, unique by itself).",
  },
  {
    collection: 'tier_changes',
    name: 'owner_at',
    keys: { _openid: 1, at: -1 },
    unique: false,
    why: "A member's tier history with reasons.",
  },
  {
    collection: 'members',
    name: 'tierCode',
    keys: { tierCode: 1 },
    unique: false,
    why: 'The tier review pages through members above the first tier.',
  },
  {
    collection: 'used_codes',
    name: 'expiresAt',
    keys: { expiresAt: 1 },
    unique: false,
    why: 'Used member codes can be purged once expired (an expired code is refused before this is read); the jti is the document id.',
  },
  {
    collection: 'staff_visits',
    name: 'expiresAt',
    keys: { expiresAt: 1 },
    unique: false,
    why: 'Expired till visits can be purged.',
  },
];
