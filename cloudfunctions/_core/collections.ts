import { SERVER_ONLY, type CollectionSpec, type IndexSpec } from '../_platform/database.port';

/** The owner index: a member's export and erasure find their documents by it. */
const OWNER: Omit<IndexSpec, 'collection'> = { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." };

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
      { name: 'createdAt', keys: { createdAt: 1 }, unique: false, why: 'The nightly metrics count new members and find the cohorts for retention.' },
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
    indexes: [
      { name: 'actor_at', keys: { actor: 1, at: -1 }, unique: false, why: 'Operators review what one staff member did.' },
      { name: 'target', keys: { target: 1 }, unique: false, why: "A member's export and erasure find the staff actions about them." },
    ],
  },
  { name: 'job_cursors', holds: "Where a paged timer job resumes (id = job name).", permission: SERVER_ONLY },
  { name: 'app_config', holds: 'Operator documents, one per id (tiers, earn_rules, privacy, stores, ...), edited in the console.', permission: SERVER_ONLY },
  {
    name: 'config_changes',
    holds: 'Every change of an operator document: saved through admin.saveDocument (who, when, before, after) or found edited in the console.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'address_at', keys: { address: 1, at: -1 }, unique: false, why: "One document's history, newest first." },
      { name: 'at', keys: { at: -1 }, unique: false, why: 'The config report lists the latest changes.' },
    ],
  },
  { name: 'config_versions', holds: 'The last content and hash the product saw of each operator document (id = collection:id); a console edit shows as a different hash.', permission: SERVER_ONLY },
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
      { name: 'day_source', keys: { day: 1, source: 1 }, unique: false, why: "The nightly metrics count a day's check-ins." },
    ],
  },
  {
    name: 'purchases',
    holds: 'Till purchases (id = order number) with the points they earned and any refund.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_createdAt', keys: { _openid: 1, createdAt: -1 }, unique: false, why: "A member's purchases (the order number is the document id, unique by itself)." },
      { name: 'createdAt', keys: { createdAt: 1 }, unique: false, why: "The nightly metrics sum the last 30 days' purchases (GMV and the core users' share)." },
    ],
  },
  { name: 'member_activity', holds: "A member's daily activity buckets for scoring (id = openid), moved in the same write as each event.", permission: SERVER_ONLY },
  {
    name: 'member_layers',
    holds: "A member's value layers from the nightly scoring job (id = openid): the audience tags.",
    permission: SERVER_ONLY,
    indexes: [{ name: 'layers', keys: { layers: 1 }, unique: false, why: 'Audiences by layer (messages, campaigns) page through the members of a layer.' }],
  },
  {
    name: 'layer_changes',
    holds: 'Every change of a member\'s layers (id = day:openid), append-only.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'day_total', keys: { day: 1, total: -1 }, unique: false, why: 'Operators see who moved on a day, highest score first.' },
      { name: 'owner_day', keys: { _openid: 1, day: -1 }, unique: false, why: "A member's layer history." },
    ],
  },
  {
    name: 'scoring_runs',
    holds: "One per Beijing day (id = day): the scoring run's cursor and tallies, then the day's distribution and layer sizes.",
    permission: SERVER_ONLY,
    indexes: [{ name: 'phase_day', keys: { phase: 1, day: -1 }, unique: false, why: 'Views read the last finished runs (the distribution and the 14-day trend).' }],
  },
  { name: 'checkin_streaks', holds: "A member's check-in streak and recent days (id = openid).", permission: SERVER_ONLY },
  {
    name: 'activity_counts',
    holds: 'Posts or shares that earned points per member and Beijing day.',
    permission: SERVER_ONLY,
    indexes: [{ name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." }],
  },
  {
    name: 'tier_changes',
    holds: "Each change of a member's tier, with its reason.",
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_at', keys: { _openid: 1, at: -1 }, unique: false, why: "A member's tier history with reasons." },
      { name: 'at', keys: { at: 1 }, unique: false, why: "The nightly metrics count a day's moves between layers." },
    ],
  },
  {
    name: 'vip_orders',
    holds: 'Paid VIP card and gift pack orders (id = out_trade_no).',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_product_status', keys: { _openid: 1, product: 1, status: 1 }, unique: false, why: "Whether a member has paid for the gift pack (a way to become a distributor); a member's export and erasure." },
    ],
  },
  {
    name: 'vip_history',
    holds: "Each extension of a member's VIP card.",
    permission: SERVER_ONLY,
    indexes: [{ name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." }],
  },
  { name: 'coupon_templates', holds: 'Coupon templates, operator documents (id = template code).', permission: SERVER_ONLY },
  { name: 'coupon_stock', holds: 'Copies issued per template (id = template code; conditional counters).', permission: SERVER_ONLY },
  {
    name: 'coupon_holdings',
    holds: 'Copies of a template a member holds, ever and per day (id = template:openid).',
    permission: SERVER_ONLY,
    indexes: [{ name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." }],
  },
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
  {
    name: 'coupon_redemptions',
    holds: 'Till redemptions (id = the redemption number), undoable within the window.',
    permission: SERVER_ONLY,
    indexes: [{ name: 'memberOpenid', keys: { memberOpenid: 1 }, unique: false, why: "A member's export and erasure find their redemptions." }],
  },
  {
    name: 'message_outbox',
    holds: 'Every message to a member, queued (id = dedupe key); the dispatcher decides.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'status_id', keys: { status: 1, _id: 1 }, unique: false, why: 'The dispatcher pages through pending messages.' },
      { name: 'createdAt', keys: { createdAt: 1 }, unique: false, why: 'Old outbox rows can be purged.' },
      { name: 'owner_status', keys: { _openid: 1, status: 1 }, unique: false, why: "Withdrawing consent cancels a member's queued messages; export and erasure find them." },
    ],
  },
  {
    name: 'message_subscriptions',
    holds: 'One-time subscribe-message consents not yet used (id = openid:template).',
    permission: SERVER_ONLY,
    indexes: [{ name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." }],
  },
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
  {
    name: 'privacy_requests',
    holds: "A member's data exports (id = export:openid:requestId) and account closing (id = close:openid) with their state.",
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_kind_createdAt', keys: { _openid: 1, kind: 1, createdAt: -1 }, unique: false, why: "A member's exports, newest first; the erasure finds them to delete the files." },
      { name: 'kind_status', keys: { kind: 1, status: 1 }, unique: false, why: 'The privacy job finds pending exports and closings past their grace period.' },
    ],
  },
  { name: 'community_metrics', holds: "One Beijing day's community-health counts (id = day), filled stage by stage by the nightly metrics job.", permission: SERVER_ONLY },
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
    indexes: [{ name: 'referrer_boundAt', keys: { referrer: 1, boundAt: -1 }, unique: false, why: "A distributor's fans, newest first, and their count; erasure finds the fans naming a closed distributor." }],
  },
  {
    name: 'commission_orders',
    holds: 'One per paid order of any source (id = source:orderNo): the facts noted (paid, completed, refunded) and those applied.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'buyer', keys: { buyer: 1 }, unique: false, why: "A member's export and erasure find the orders they bought." },
      { name: 'needsWork', keys: { needsWork: 1 }, unique: false, why: 'The distribution timer applies order facts a source noted but could not process.' },
    ],
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
    indexes: [
      { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." },
      { name: 'status', keys: { status: 1 }, unique: false, why: 'The birthday job finishes grants a crash left half-given.' },
    ],
  },
  {
    name: 'posts',
    holds: 'Community posts (id derived from author and request id): text, images and their checks, topics, counters, stored hot score and feed keys, status and the note the author sees.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'status_latest', keys: { status: 1, latestKey: -1 }, unique: false, why: 'The latest feed: visible posts by time, paged by key.' },
      { name: 'status_hot', keys: { status: 1, hotKey: -1 }, unique: false, why: 'The hot feed: visible posts by stored hot score, paged by key.' },
      { name: 'topics_status_latest', keys: { topics: 1, status: 1, latestKey: -1 }, unique: false, why: 'A topic\'s feed (multikey on the topic codes).' },
      { name: 'author_status_latest', keys: { authorId: 1, status: 1, latestKey: -1 }, unique: false, why: 'A member\'s page: their posts by time.' },
      { name: 'owner_month_counted', keys: { _openid: 1, month: 1, counted: 1, latestKey: 1 }, unique: false, why: 'The monthly honours job re-counts the candidates\' month from their posts.' },
      { name: 'owner_day_status', keys: { _openid: 1, day: 1, status: 1 }, unique: false, why: 'Finding another check-in post of the same day when the counted one is hidden.' },
      { name: 'day_official_status', keys: { day: 1, official: 1, status: 1 }, unique: false, why: "The nightly metrics count a day's member and official posts and the week's topics." },
    ],
  },
  {
    name: 'comments',
    holds: 'Comments and replies (two levels; id derived from author and request id), in thread order.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." },
      { name: 'post_status_thread', keys: { postId: 1, status: 1, threadKey: 1 }, unique: false, why: 'A post\'s comments in thread order, paged by key.' },
      { name: 'createdAt', keys: { createdAt: 1 }, unique: false, why: "The nightly metrics count a day's member and official comments." },
    ],
  },
  {
    name: 'post_reaction_intents',
    holds: "A member's pending like, favourite (latest tap, id = kind:postId:openid) or visible comment (id = comment:postId:commentId) on a post, until applied in a batch with the post's counters.",
    permission: SERVER_ONLY,
    indexes: [
      OWNER,
      { name: 'post_status', keys: { postId: 1, status: 1 }, unique: false, why: "Whoever likes or comments applies the post's pending intents (every kind) in one batch." },
    ],
  },
  { name: 'post_reaction_leases', holds: "Who applies a post's pending intents now (id = postId): an intent's random token or nobody.", permission: SERVER_ONLY },
  {
    name: 'post_likes',
    holds: 'One per member and liked post (id = postId:openid): the like itself.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." },
      { name: 'post', keys: { postId: 1 }, unique: false, why: 'Recounting a post\'s likes (the id is post:member, unique by itself).' },
    ],
  },
  {
    name: 'post_favourites',
    holds: 'One per member and favourited post (id = postId:openid).',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_key', keys: { _openid: 1, key: -1 }, unique: false, why: 'A member\'s favourites page, newest first, paged by key.' },
      { name: 'post', keys: { postId: 1 }, unique: false, why: "Closing an account rewrites the author named on others' favourites of their posts." },
    ],
  },
  {
    name: 'post_shares',
    holds: 'One share credit per member and post (id = postId:openid).',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." },
      { name: 'post', keys: { postId: 1 }, unique: false, why: "Closing an account rewrites the author named on others' shares of their posts." },
    ],
  },
  {
    name: 'post_flags',
    holds: 'One flag per member and post (id = postId:openid) with reason and weight.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." },
      { name: 'post', keys: { postId: 1 }, unique: false, why: 'The flags on a post, for the review queue.' },
    ],
  },
  {
    name: 'community_members',
    holds: 'A member\'s community profile (id = openid): public id, counters, badges, mute or suspension.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'publicId_unique', keys: { publicId: 1 }, unique: true, why: 'Profiles and leaderboards look members up by their public id.' },
    ],
  },
  {
    name: 'community_member_months',
    holds: 'A member\'s contribution in one Beijing month (id = month:openid), tallied as it happens.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." },
      { name: 'month_score', keys: { month: 1, score: -1 }, unique: false, why: 'The monthly honours job reads the month\'s top contributors.' },
    ],
  },
  {
    name: 'community_rate_limits',
    holds: 'Posts and comments per member per hour (id = openid:kind:hour; conditional counters).',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." },
      { name: 'expiresAt', keys: { expiresAt: 1 }, unique: false, why: 'The nightly job purges past hours\' counters.' },
    ],
  },
  {
    name: 'moderation_cases',
    holds: 'The review queue: one case per post, comment or topic proposal (id = target:id), with reasons and the decision.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." },
      { name: 'status_queue', keys: { status: 1, queueKey: 1 }, unique: false, why: 'The review queue: open cases, oldest first.' },
    ],
  },
  {
    name: 'media_checks',
    holds: "Members' images sent to security.mediaCheckAsync (id = trace id), what each belongs to (target post, poll or panel + targetId; older rows: postId) and the verdict.",
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." },
      { name: 'post', keys: { postId: 1 }, unique: false, why: 'A post\'s image checks.' },
    ],
  },
  {
    name: 'campaign_members',
    holds: 'A member\'s place and progress in a check-in campaign (id = campaignId:openid): days, streaks, likes, rank key.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'campaign_status_rank', keys: { campaignId: 1, status: 1, rankKey: -1 }, unique: false, why: 'A campaign\'s leaderboard, paged by rank key.' },
      { name: 'owner_topic_status', keys: { _openid: 1, topic: 1, status: 1 }, unique: false, why: 'A published post finds the campaigns it checks in to.' },
    ],
  },
  { name: 'campaign_counts', holds: 'Places taken per campaign (id = campaign id; conditional counter).', permission: SERVER_ONLY },
  {
    name: 'koc_applications',
    holds: "KOC applications (城市体验官, 社区管理员), one per member (id derived from the openid): city, plan, links, roles wanted, consent, the operator's decision and reason.",
    permission: SERVER_ONLY,
    indexes: [
      { name: 'status_updatedAt', keys: { status: 1, updatedAt: 1 }, unique: false, why: 'The operators\' review queue: applications by status, oldest first.' },
      { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their application." },
    ],
  },
  { name: 'koc_roles', holds: 'The KOC roles a member holds now (id = openid): moderator, campaign host, city ambassador; read on every request.', permission: SERVER_ONLY },
  {
    name: 'koc_events',
    holds: 'Offline events (品鉴会) proposed by city ambassadors: details, review, sign-up and attendance counts (conditional counters).',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'status_startsAt', keys: { status: 1, startsAt: 1 }, unique: false, why: 'Upcoming approved events, and those awaiting review, by start time.' },
      { name: 'host_startsAt', keys: { hostOpenid: 1, startsAt: -1 }, unique: false, why: "The events a host runs; a member's export and erasure find them." },
    ],
  },
  {
    name: 'event_signups',
    holds: 'One per member and event (id = eventId:openid): the place taken and when the host scanned the member in.',
    permission: SERVER_ONLY,
    indexes: [{ name: 'owner_createdAt', keys: { _openid: 1, createdAt: -1 }, unique: false, why: "A member's sign-ups (我报名的), export and erasure." }],
  },
  { name: 'invite_cards', holds: "A member's invitation code image (id = openid): the fileID of the generated mini-program code.", permission: SERVER_ONLY },
  {
    name: 'campaign_checkins',
    holds: 'The one post that counts for a member, campaign and Beijing day (id = campaignId:openid:day).',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." },
      { name: 'post', keys: { postId: 1 }, unique: false, why: 'A hidden post gives back the check-in days it counted for.' },
      { name: 'day', keys: { day: 1 }, unique: false, why: "The nightly metrics count a day's campaign check-ins." },
    ],
  },
  {
    name: 'certificates',
    holds: 'Certificates of finished campaigns (id = campaignId:openid) with their generated image.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_createdAt', keys: { _openid: 1, createdAt: -1 }, unique: false, why: 'A member\'s certificates on their page.' },
    ],
  },
  {
    name: 'community_honours',
    holds: 'Periodic honours (id = kind:period), e.g. monthly_share_king:2026-11.',
    permission: SERVER_ONLY,
    indexes: [{ name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." }],
  },
  { name: 'community_honour_progress', holds: 'The monthly honours job\'s resumable progress (id = month).', permission: SERVER_ONLY },
  {
    name: 'community_topics',
    holds: 'Topics (id = code): operator documents and member proposals awaiting review.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner', keys: { proposedBy: 1 }, unique: false, why: "A member's export and erasure find their documents." },
      { name: 'status', keys: { status: 1 }, unique: false, why: 'Active topics for the composer and the feed tabs.' },
    ],
  },
  { name: 'community_badges', holds: 'The badge catalogue, operator documents (id = badge code).', permission: SERVER_ONLY },
  { name: 'community_campaigns', holds: 'Check-in campaigns, operator documents (id = campaign id).', permission: SERVER_ONLY },
  { name: 'group_deals', holds: 'Group-buy deals (拼团), operator documents (id = deal code).', permission: SERVER_ONLY },
  { name: 'flash_sales', holds: 'Flash sales (限时秒杀), operator documents (id = sale code).', permission: SERVER_ONLY },
  { name: 'layer_messages', holds: 'Operator messages to member layers (运营消息), operator documents (id = message code).', permission: SERVER_ONLY },
  { name: 'layer_message_runs', holds: 'How far the queuing of one layer message went, with its counts (id = message code).', permission: SERVER_ONLY },
  {
    name: 'deal_orders',
    holds: 'Group-buy and flash-sale orders (id = order number GB…/FS…, also the WeChat Pay out_trade_no) with their history and refund.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'owner_kind_createdAt', keys: { _openid: 1, kind: 1, createdAt: -1 }, unique: false, why: "A member's group-buy or flash-sale orders, newest first (我的拼团)." },
      { name: 'status_holdUntil', keys: { status: 1, holdUntil: 1 }, unique: false, why: 'The minutely timer releases unpaid holds past their minutes.' },
      { name: 'status_updatedAt', keys: { status: 1, updatedAt: 1 }, unique: false, why: 'The minutely timer asks again for refunds WeChat Pay refused.' },
      { name: 'status_createdAt', keys: { status: 1, createdAt: 1 }, unique: false, why: 'The minutely timer voids claims a crash left claiming.' },
      { name: 'owner_status', keys: { _openid: 1, status: 1 }, unique: false, why: "Matching a pickup code to the member's ready store orders." },
    ],
  },
  { name: 'deal_stock', holds: 'Units taken per deal or flash sale (id = group:<dealId> / flash:<saleId>), by conditional counters only.', permission: SERVER_ONLY },
  { name: 'deal_holdings', holds: "A member's orders of a deal that hold a place (id = <kind>:<dealId>:<openid>), by conditional counters.", permission: SERVER_ONLY, indexes: [{ name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." }] },
  {
    name: 'groups',
    holds: 'Group-buy groups (id = 12 characters from the leader order): slots, paid members, window, state.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'leader', keys: { leaderOpenid: 1 }, unique: false, why: "A member's export and erasure find the groups they led." },
      { name: 'deal_status_expiresAt', keys: { dealId: 1, status: 1, expiresAt: 1 }, unique: false, why: "A deal's open groups that still need people (可直接参团)." },
      { name: 'status_expiresAt', keys: { status: 1, expiresAt: 1 }, unique: false, why: 'The minutely timer fails groups past their window.' },
      { name: 'status_stockReturned', keys: { status: 1, stockReturned: 1 }, unique: false, why: "The minutely timer gives failed groups' reserved units back, a batch per deal." },
      { name: 'status_settled', keys: { status: 1, settled: 1 }, unique: false, why: 'Completed or failed groups whose follow-up (points and reward, or refunds) a crash left undone.' },
    ],
  },
  { name: 'group_seats', holds: "A member's one seat in a group (id = <groupId>:<openid>), naming the order that holds it.", permission: SERVER_ONLY, indexes: [{ name: 'owner', keys: { _openid: 1 }, unique: false, why: "A member's export and erasure find their documents." }] },
  {
    name: 'cocreate_polls',
    holds: 'Co-creation polls (id = v...): options, the live tally moved by each vote, the final result counted at close.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'status_closesAt', keys: { status: 1, closesAt: 1 }, unique: false, why: 'Open polls closing soonest, ended polls latest first (poll list, credits).' },
      { name: 'host', keys: { hostOpenid: 1 }, unique: false, why: "Polls a KOC co-creator opened: a member's export and erasure find them." },
    ],
  },
  {
    name: 'poll_votes',
    holds: 'One per member, poll and option (id = pollId:optionId:openid): the vote and the name to credit.',
    permission: SERVER_ONLY,
    indexes: [
      OWNER,
      { name: 'poll_option_credited_votedAt', keys: { pollId: 1, optionId: 1, credited: 1, votedAt: 1 }, unique: false, why: 'Counting an option\'s votes at close; the credits page lists named voters of the winners in voting order.' },
    ],
  },
  {
    name: 'poll_gates',
    holds: "A poll's vote shards (id = pollId:shard): open or closed, and the votes counted on each in the vote's transaction.",
    permission: SERVER_ONLY,
  },
  {
    name: 'poll_ballots',
    holds: 'One per member and poll (id = pollId:openid): votes used, the budget guard.',
    permission: SERVER_ONLY,
    indexes: [OWNER],
  },
  {
    name: 'community_rules',
    holds: 'Co-built rules (id = r...): proposals with support, oppose, quorum and window; adopted rules; arbitration.',
    permission: SERVER_ONLY,
    indexes: [
      OWNER,
      { name: 'status_closesAt', keys: { status: 1, closesAt: 1 }, unique: false, why: 'Open proposals closing soonest; the nightly job expires those past their window.' },
      { name: 'status_adoptedAt', keys: { status: 1, adoptedAt: -1 }, unique: false, why: 'The community rules page lists adopted rules, newest first.' },
    ],
  },
  {
    name: 'rule_disputes',
    holds: 'One per member and rule (id = ruleId:openid): a dispute of an adopted rule or open proposal, with the reason.',
    permission: SERVER_ONLY,
    indexes: [OWNER, { name: 'rule_at', keys: { ruleId: 1, at: -1 }, unique: false, why: "Operators read a rule's disputes, latest first, before arbitrating." }],
  },
  {
    name: 'rule_votes',
    holds: 'One per member and rule proposal (id = ruleId:openid): support or oppose.',
    permission: SERVER_ONLY,
    indexes: [OWNER],
  },
  {
    name: 'cocreate_panels',
    holds: 'Product panels (id = n...): seats open, invited and taken (conditional counters), deadline, feedback questions.',
    permission: SERVER_ONLY,
    indexes: [
      { name: 'createdAt', keys: { createdAt: -1 }, unique: false, why: 'The panel list, newest first.' },
      { name: 'host', keys: { hostOpenid: 1 }, unique: false, why: "Panels a KOC co-creator opened: a member's export and erasure find them." },
    ],
  },
  {
    name: 'panel_members',
    holds: 'One per member and panel (id = panelId:openid): an invitation holding a seat, or a seat.',
    permission: SERVER_ONLY,
    indexes: [OWNER],
  },
  {
    name: 'panel_previews',
    holds: 'Early looks at a panel\'s product (id = w...), shown only to its panelists.',
    permission: SERVER_ONLY,
    indexes: [{ name: 'panel_createdAt', keys: { panelId: 1, createdAt: -1 }, unique: false, why: 'A panel\'s previews, newest first.' }],
  },
  {
    name: 'panel_feedback',
    holds: 'One per panelist (id = panelId:openid): structured answers to the panel\'s questions.',
    permission: SERVER_ONLY,
    indexes: [OWNER, { name: 'panel_createdAt', keys: { panelId: 1, createdAt: 1 }, unique: false, why: 'The operators\' feedback summary of a panel.' }],
  },
];

/** Every index of every collection, flat (the local cloud enforces the unique ones). */
export const INDEXES: readonly IndexSpec[] = COLLECTIONS.flatMap((c) => (c.indexes ?? []).map((i) => ({ collection: c.name, ...i })));

export const COLLECTION_NAMES: readonly string[] = COLLECTIONS.map((c) => c.name);
