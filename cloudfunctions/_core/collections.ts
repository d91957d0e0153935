import { SERVER_ONLY, type CollectionSpec, type IndexSpec } from '../_platform/database.port';

/**
 * Every collection the product uses: its name, what a document is, its indexes and its permission. This is the
 * one source: the local cloud refuses any other collection (as WeChat does, -502005), `npm run deploy` creates
 * these with their indexes and permissions, and the README's tables are generated from here
 * (`npm run docs:collections`).
 *
 * Adding a collection is one entry: `{ name: 'my_things', holds: 'One per ... (id = ...).', permission: SERVER_ONLY }`
 * plus `indexes: [...]` when the code queries it by anything but `_id`. The app never touches the database
 * directly (every read and write goes through a cloud function), so every collection is SERVER_ONLY; another
 * permission needs a `permissionReason` that says why the mini-program must reach it.
 */
export const COLLECTIONS: readonly CollectionSpec[] = [
  {
    name: 'members',
    holds: 'One per member (id = openid): profile, member number, growth, tier, VIP card.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'memberNo_unique', keys: { memberNo: 1 }, unique: true, why: 'Member numbers are drawn at random; the index turns a collision into a redraw.' },
      { name: 'tierCode', keys: { tierCode: 1 }, unique: false, why: 'The tier review pages through members above the first tier.' },
      { name: 'birthday_monthday', keys: { 'birthday.month': 1, 'birthday.day': 1 }, unique: false, why: 'The birthday job finds the members of one month-day in _id order (never a scan of all members).' },
    ],
  },
  {
    name: 'consents',
    holds: 'Each privacy-policy consent a member gave (version, time).',
    permission: SERVER_ONLY,
    indexes: [{ name: 'owner_acceptedAt', keys: { _openid: 1, acceptedAt: -1 }, unique: false, why: "Shows a member's consent history." }],
  },
  {
    name: 'request_log',
    holds: 'One per idempotent request (id = scope:openid:requestId) with its stored answer.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_scope_request_unique', keys: { _openid: 1, scope: 1, requestId: 1 }, unique: true, why: 'Backstop for idempotency: one record per caller, action and request id.' },
      { name: 'createdAt', keys: { createdAt: 1 }, unique: false, why: 'The daily purge finds old request records by time.' },
    ],
  },
  {
    name: 'audit_log',
    holds: 'Every staff action: who, role, store, when, what (append-only).',
    permission: SERVER_ONLY,
    indexes: [{ name: 'actor_at', keys: { actor: 1, at: -1 }, unique: false, why: 'Operators review what one staff member did.' }],
  },
  { name: 'job_cursors', holds: "Where a paged timer job resumes (id = job name).", permission: SERVER_ONLY },
  { name: 'app_config', holds: 'Operator documents, one per id (tiers, earn_rules, privacy, stores, ...), edited in the console.', permission: SERVER_ONLY },
  { name: 'roles', holds: 'Staff and operator roles (id = openid), created by operators in the console.', permission: SERVER_ONLY },
  {
    name: 'used_codes',
    holds: 'Member codes already scanned (id = the code jti).',
    permission: SERVER_ONLY,
    indexes: [
      {
        name: 'expiresAt',
        keys: { expiresAt: 1 },
        unique: false,
        why: 'Used member codes can be purged once expired (an expired code is refused before this is read); the jti is the document id.',
      },
    ],
  },
  {
    name: 'staff_visits',
    holds: 'A 10-minute till visit a scan opens for one clerk and one member.',
    permission: SERVER_ONLY,
    indexes: [{ name: 'expiresAt', keys: { expiresAt: 1 }, unique: false, why: 'Expired till visits can be purged.' }],
  },
  {
    name: 'point_accounts',
    holds: "A member's cached points balance, pending and owed points and lots (id = openid).",
    permission: SERVER_ONLY,
    indexes: [{ name: 'nextDueOn', keys: { nextDueOn: 1 }, unique: false, why: 'The nightly job finds accounts with points to release or expire.' }],
  },
  {
    name: 'point_entries',
    holds: 'The append-only points ledger (id = the idempotency key of the fact).',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_seq', keys: { _openid: 1, seq: -1 }, unique: true, why: "A member's history, newest first, paged by seq; one seq per member (the ledger's order)." },
      { name: 'owner_source_day', keys: { _openid: 1, source: 1, day: 1 }, unique: false, why: "Counting a member's check-in days in a window (the distributor task condition)." },
    ],
  },
  {
    name: 'purchases',
    holds: 'Till purchases (id = order number) with the points they earned and any refund.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_createdAt', keys: { _openid: 1, createdAt: -1 }, unique: false, why: "A member's purchases (the order number is the document id, unique by itself)." },
    ],
  },
  { name: 'checkin_streaks', holds: "A member's check-in streak and recent days (id = openid).", permission: SERVER_ONLY },
  { name: 'activity_counts', holds: 'Posts or shares that earned points per member and Beijing day.', permission: SERVER_ONLY },
  {
    name: 'tier_changes',
    holds: "Each change of a member's tier, with its reason.",
    permission: SERVER_ONLY,
    indexes: [{ name: 'owner_at', keys: { _openid: 1, at: -1 }, unique: false, why: "A member's tier history with reasons." }],
  },
  {
    name: 'vip_orders',
    holds: 'Paid VIP card and gift pack orders (id = out_trade_no).',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_product_status', keys: { _openid: 1, product: 1, status: 1 }, unique: false, why: 'Whether a member has paid for the gift pack (a way to become a distributor).' },
    ],
  },
  { name: 'vip_history', holds: "Each extension of a member's VIP card.", permission: SERVER_ONLY },
  { name: 'coupon_templates', holds: 'Coupon templates, operator documents (id = template code).', permission: SERVER_ONLY },
  { name: 'coupon_stock', holds: 'Copies issued per template (id = template code; conditional counters).', permission: SERVER_ONLY },
  { name: 'coupon_holdings', holds: 'Copies of a template a member holds, ever and per day (id = template:openid).', permission: SERVER_ONLY },
  {
    name: 'coupons',
    holds: "One member's coupon copy and its status.",
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_status_claimedAt', keys: { _openid: 1, status: 1, claimedAt: -1 }, unique: false, why: "A member's coupons by status (我的券)." },
      { name: 'status_validTo', keys: { status: 1, validTo: 1 }, unique: false, why: 'The daily job expires unused coupons past their last day.' },
      { name: 'status_remindOn', keys: { status: 1, remindOn: 1 }, unique: false, why: 'The daily job queues expiry reminders.' },
      { name: 'status_claimedAt', keys: { status: 1, claimedAt: 1 }, unique: false, why: 'The daily job sweeps claims a crash left half-done.' },
      { name: 'templateId', keys: { templateId: 1 }, unique: false, why: 'The daily job recounts issued coupons per template.' },
      { name: 'owner_template_day', keys: { _openid: 1, templateId: 1, claimDay: 1 }, unique: false, why: "Recounting a member's holding of a template." },
    ],
  },
  { name: 'coupon_redemptions', holds: 'Till redemptions (id = the redemption number), undoable within the window.', permission: SERVER_ONLY },
  {
    name: 'message_outbox',
    holds: 'Every message to a member, queued (id = dedupe key); the dispatcher decides.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'status_id', keys: { status: 1, _id: 1 }, unique: false, why: 'The dispatcher pages through pending messages.' },
      { name: 'createdAt', keys: { createdAt: 1 }, unique: false, why: 'Old outbox rows can be purged.' },
    ],
  },
  { name: 'message_subscriptions', holds: 'One-time subscribe-message consents not yet used (id = openid:template).', permission: SERVER_ONLY },
  {
    name: 'message_caps',
    holds: 'Messages sent to a member per day or week (frequency caps; conditional counters).',
    permission: SERVER_ONLY,
    indexes: [{ name: 'expiresAt', keys: { expiresAt: 1 }, unique: false, why: 'The daily housekeeping purges expired frequency-cap counters.' }],
  },
  {
    name: 'pin_attempts',
    holds: 'Typed till-code submissions per member number (10 minutes) and per clerk (an hour): conditional counters against guessing.',
    permission: SERVER_ONLY,
    indexes: [{ name: 'expiresAt', keys: { expiresAt: 1 }, unique: false, why: 'The daily housekeeping purges attempt counters of typed till codes once their window has passed.' }],
  },
  { name: 'mall_items', holds: 'Points-mall items, operator documents (id = item code).', permission: SERVER_ONLY },
  { name: 'mall_stock', holds: 'Sold count per item (id = item code).', permission: SERVER_ONLY },
  {
    name: 'mall_holdings',
    holds: 'How many of an item a member redeemed (id = item:openid).',
    permission: SERVER_ONLY,
    indexes: [{ name: 'owner', keys: { _openid: 1 }, unique: false, why: "The caller's redeemed counts shown in the mall list." }],
  },
  {
    name: 'mall_orders',
    holds: 'Mall orders (id = order number) with their history.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_createdAt', keys: { _openid: 1, createdAt: -1 }, unique: false, why: "A member's mall orders, newest first." },
      { name: 'owner_status', keys: { _openid: 1, status: 1 }, unique: false, why: "Matching a pickup code to the member's open store orders." },
      { name: 'status_createdAt', keys: { status: 1, createdAt: 1 }, unique: false, why: 'The unpaid-order timer cancels orders left unpaid.' },
      { name: 'refundStatus', keys: { 'refund.status': 1 }, unique: false, why: 'The unpaid-order timer retries cash refunds not yet accepted.' },
      { name: 'storeId_status', keys: { storeId: 1, status: 1 }, unique: false, why: "Staff list their store's orders waiting to be handed over." },
    ],
  },
  { name: 'distributors', holds: 'One per distributor (id = openid): how they qualified, status, fan activity by month, monthly commission totals.', permission: SERVER_ONLY },
  {
    name: 'referrals',
    holds: "One per member in the referral graph (id = openid): their referrer and binding, fan count, orders and refunds.",
    permission: SERVER_ONLY,
    indexes: [{ name: 'referrer_boundAt', keys: { referrer: 1, boundAt: -1 }, unique: false, why: "A distributor's fans, newest first, and their count." }],
  },
  {
    name: 'commission_orders',
    holds: 'One per paid order of any source (id = source:orderNo): the facts noted (paid, completed, refunded) and those applied.',
    permission: SERVER_ONLY,
    indexes: [{ name: 'needsWork', keys: { needsWork: 1 }, unique: false, why: 'The distribution timer applies order facts a source noted but could not process.' }],
  },
  {
    name: 'commissions',
    holds: 'One per order and level (id = source:orderNo:L1|L2): amount, rate, state, anti-fraud flags, review.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_createdAt', keys: { _openid: 1, createdAt: -1 }, unique: false, why: "A distributor's commissions, newest first, by state." },
      { name: 'status_settleOn', keys: { status: 1, settleOn: 1 }, unique: false, why: 'The settlement job finds pending commissions whose after-sale window has passed.' },
      { name: 'status_createdAt', keys: { status: 1, createdAt: 1 }, unique: false, why: 'The operator review queue lists flagged commissions, oldest first.' },
    ],
  },
  { name: 'commission_accounts', holds: "A distributor's cached commission totals (pending, settled, withdrawn, clawed back, balance) and today's withdrawals (id = openid).", permission: SERVER_ONLY },
  {
    name: 'commission_entries',
    holds: 'The append-only commission ledger (id = the idempotency key of the fact).',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_seq', keys: { _openid: 1, seq: -1 }, unique: true, why: "A distributor's commission ledger in order; one seq per distributor (the rebuild and the check read it)." },
    ],
  },
  {
    name: 'withdrawals',
    holds: 'Commission withdrawals (id = withdrawal number) and their transfer state.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_createdAt', keys: { _openid: 1, createdAt: -1 }, unique: false, why: "A distributor's withdrawals, newest first." },
      { name: 'status_updatedAt', keys: { status: 1, updatedAt: 1 }, unique: false, why: 'The review queue (awaiting approval) and the timer following up unfinished transfers.' },
    ],
  },
  {
    name: 'birthday_grants',
    holds: "A member's birthday benefit of one year (id = openid:year): what was given and the greeting.",
    permission: SERVER_ONLY,
    indexes: [{ name: 'status', keys: { status: 1 }, unique: false, why: 'The birthday job finishes grants a crash left half-given.' }],
  },
];

/** Every index of every collection, flat (the local cloud enforces the unique ones). */
export const INDEXES: readonly IndexSpec[] = COLLECTIONS.flatMap((c) => (c.indexes ?? []).map((i) => ({ collection: c.name, ...i })));

export const COLLECTION_NAMES: readonly string[] = COLLECTIONS.map((c) => c.name);
