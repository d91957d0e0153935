/**
 * Where a member's personal data lives, collection by collection, and what closing their account does to it
 * (PIPL: the member may export everything held about them and have it erased). Every collection of the spec
 * (`_core/collections.ts`) is listed here, as holding a member's data or as not personal with the reason; a
 * test fails when a collection is added without an entry.
 *
 * - `find`: how a member's documents are found: the document id is the openid (`id`), or a field holds it
 *   (`also`: further fields that may hold it, e.g. the audit log's target and actor).
 * - `erase`: `delete` the documents (`memberMayKeep`: unless the member chose to keep them as 已注销用户), or `anonymise` them: records that accounting needs (the points ledger,
 *   orders, payments, redemptions, staff audit) stay, with every occurrence of the openid replaced by an
 *   anonymous id (documents whose id contains the openid move to a new id) and the `blank` fields emptied.
 * - `referencedBy`: fields of OTHER members' documents in the collection that hold this member's openid (a fan's
 *   `referrer`): on erasure each such value becomes the anonymous id too (the documents stay their owners' and
 *   are not exported); each field is served by an index whose first key it is.
 */
export type PersonalData =
  | {
      collection: string;
      find: { by: 'id' } | { by: 'field'; field: string; also?: readonly string[] };
      erase: 'delete' | 'anonymise';
      /** Personal fields emptied when anonymising (dotted paths set to null). */
      blank?: readonly string[];
      /** Fields given a value when anonymising: what an erased member's record must stop doing (a distributor stops earning). */
      set?: Readonly<Record<string, string | number | boolean>>;
      /**
       * The member may choose, when closing the account, to keep these (their posts and comments) signed as
       * 已注销用户 instead of deleted (`community/closed-account.service.ts` moves them to the anonymous id).
       */
      memberMayKeep?: true;
      referencedBy?: readonly string[];
      what: string;
    }
  | { collection: string; notPersonal: string };

export const PERSONAL_DATA: readonly PersonalData[] = [
  { collection: 'members', find: { by: 'id' }, erase: 'delete', what: '会员资料：昵称、头像、生日、手机号、会员号、等级与成长值、付费会员有效期' },
  { collection: 'consents', find: { by: 'field', field: '_openid' }, erase: 'anonymise', what: '隐私政策同意记录' },
  { collection: 'request_log', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '防重复提交的请求记录（30 天后自动清除）' },
  { collection: 'audit_log', find: { by: 'field', field: 'target', also: ['actor'] }, erase: 'anonymise', blank: ['detail.memberNo'], what: '店员为你办理业务的操作记录，以及你作为社区管理员、主理人或体验官的操作记录' },
  { collection: 'used_codes', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '已被扫描的会员码' },
  { collection: 'staff_visits', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '门店收银台的到店记录' },
  { collection: 'point_accounts', find: { by: 'id' }, erase: 'anonymise', what: '积分账户：余额、冻结、欠分与分批有效期' },
  { collection: 'point_entries', find: { by: 'field', field: '_openid' }, erase: 'anonymise', what: '积分流水' },
  { collection: 'purchases', find: { by: 'field', field: '_openid' }, erase: 'anonymise', what: '门店消费记录' },
  { collection: 'checkin_streaks', find: { by: 'id' }, erase: 'delete', what: '签到记录' },
  { collection: 'activity_counts', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '发帖与分享得积分的次数' },
  { collection: 'tier_changes', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '等级变化记录' },
  { collection: 'vip_orders', find: { by: 'field', field: '_openid' }, erase: 'anonymise', what: '付费会员订单' },
  { collection: 'vip_history', find: { by: 'field', field: '_openid' }, erase: 'anonymise', what: '付费会员开通与续费记录' },
  { collection: 'coupon_holdings', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '每张券的领取次数' },
  { collection: 'coupons', find: { by: 'field', field: '_openid' }, erase: 'anonymise', what: '优惠券' },
  { collection: 'coupon_redemptions', find: { by: 'field', field: 'memberOpenid' }, erase: 'anonymise', what: '优惠券核销记录' },
  { collection: 'message_outbox', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '发给你的消息' },
  { collection: 'message_subscriptions', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '你订阅的消息' },
  { collection: 'mall_holdings', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '每件商品的兑换次数' },
  {
    collection: 'mall_orders',
    find: { by: 'field', field: '_openid' },
    erase: 'anonymise',
    blank: ['delivery', 'memberNo'],
    what: '积分商城订单（含收货信息）',
  },
  {
    collection: 'deal_orders',
    find: { by: 'field', field: '_openid' },
    erase: 'anonymise',
    blank: ['delivery', 'memberNo', 'nickname', 'avatarUrl'],
    what: '拼团与秒杀订单（含收货信息与退款）',
  },
  { collection: 'deal_holdings', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '每个拼团或秒杀活动的购买次数' },
  { collection: 'groups', find: { by: 'field', field: 'leaderOpenid' }, erase: 'anonymise', what: '你开的团' },
  { collection: 'group_seats', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '你在团里的位置' },
  { collection: 'distributors', find: { by: 'id' }, erase: 'anonymise', blank: ['memberNo', 'shareCodeFileId'], set: { status: 'suspended' }, what: '推广员资料：资格来源、等级与每月佣金合计' },
  {
    collection: 'referrals',
    find: { by: 'id' },
    erase: 'anonymise',
    blank: ['maskedName'],
    // The member's fans keep their own referral documents; the distributor they name becomes the anonymous id.
    referencedBy: ['referrer'],
    what: '你的推荐关系：推荐人与绑定方式',
  },
  { collection: 'commission_orders', find: { by: 'field', field: 'buyer' }, erase: 'anonymise', what: '你的订单在分销佣金中的记录' },
  { collection: 'commissions', find: { by: 'field', field: '_openid' }, erase: 'anonymise', what: '你获得的推广佣金' },
  { collection: 'commission_accounts', find: { by: 'id' }, erase: 'anonymise', what: '佣金账户：待结算、可提现与已提现金额' },
  { collection: 'commission_entries', find: { by: 'field', field: '_openid' }, erase: 'anonymise', what: '佣金流水' },
  { collection: 'withdrawals', find: { by: 'field', field: '_openid' }, erase: 'anonymise', what: '佣金提现记录' },
  { collection: 'birthday_grants', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '生日礼遇的发放记录' },
  { collection: 'member_activity', find: { by: 'id' }, erase: 'delete', what: '每日活跃记录（消费、互动与内容，用于超级用户评分）' },
  { collection: 'member_layers', find: { by: 'id' }, erase: 'delete', what: '你的会员分层与评分' },
  { collection: 'layer_changes', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '会员分层变化记录' },
  { collection: 'posts', find: { by: 'field', field: '_openid' }, erase: 'delete', memberMayKeep: true, what: '你发布的帖子（注销时删除，或按你的选择以「已注销用户」署名保留）' },
  { collection: 'comments', find: { by: 'field', field: '_openid' }, erase: 'delete', memberMayKeep: true, what: '你发表的评论与回复（注销时删除，或按你的选择以「已注销用户」署名保留）' },
  { collection: 'post_likes', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '你的点赞' },
  { collection: 'post_reaction_leases', notPersonal: "A post's applier token (random, names no member)." },
  { collection: 'post_reaction_intents', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '你最近一次点赞或收藏的操作记录，以及尚在写入中的评论' },
  { collection: 'post_favourites', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '你的收藏' },
  { collection: 'post_shares', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '你的分享记录' },
  { collection: 'post_flags', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '你的举报' },
  { collection: 'community_members', find: { by: 'id' }, erase: 'delete', what: '社区主页：徽章、获赞数、禁言状态' },
  { collection: 'community_member_months', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '每月社区贡献' },
  { collection: 'community_rate_limits', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '发帖与评论频率计数' },
  { collection: 'moderation_cases', find: { by: 'field', field: '_openid' }, erase: 'anonymise', what: '与你的内容有关的审核记录' },
  { collection: 'media_checks', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '图片安全检测记录' },
  { collection: 'campaign_members', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '参加的打卡活动与进度' },
  { collection: 'campaign_checkins', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '打卡记录' },
  { collection: 'certificates', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '电子证书' },
  { collection: 'community_topics', find: { by: 'field', field: 'proposedBy' }, erase: 'anonymise', what: '你提议的话题' },
  { collection: 'community_honours', find: { by: 'field', field: '_openid' }, erase: 'anonymise', what: '获得的月度荣誉' },
  { collection: 'koc_applications', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '体验官申请：城市、想做的事、链接、申请时的同意记录与审核结果' },
  { collection: 'koc_roles', find: { by: 'id' }, erase: 'delete', what: '你担任的体验官角色' },
  { collection: 'koc_events', find: { by: 'field', field: 'hostOpenid' }, erase: 'anonymise', blank: ['host.nickname', 'host.avatarUrl'], what: '你发起的线下活动' },
  { collection: 'event_signups', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '线下活动报名与签到记录' },
  { collection: 'invite_cards', find: { by: 'id' }, erase: 'delete', what: '你的邀请卡小程序码' },
  { collection: 'poll_votes', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '共创投票的投票与署名' },
  { collection: 'poll_ballots', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '共创投票已用票数' },
  { collection: 'community_rules', find: { by: 'field', field: '_openid' }, erase: 'anonymise', blank: ['proposerName'], what: '你提议的社区公约（注销后保留公约，去掉你的名字）' },
  { collection: 'rule_disputes', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '你对社区公约提出的争议与理由' },
  { collection: 'rule_votes', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '你对公约提议的支持或反对' },
  { collection: 'panel_members', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '新品测试官的邀请与入选记录' },
  { collection: 'panel_feedback', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '你提交的新品测试反馈' },
  { collection: 'poll_gates', notPersonal: 'Vote counts per shard of a poll; no member is named.' },
  { collection: 'cocreate_polls', find: { by: 'field', field: 'hostOpenid' }, erase: 'anonymise', blank: ['hostName'], what: '你作为共创发起人发起的投票（注销后保留投票，去掉你的名字）' },
  { collection: 'cocreate_panels', find: { by: 'field', field: 'hostOpenid' }, erase: 'anonymise', blank: ['hostName'], what: '你作为共创发起人发起的新品测试（注销后保留，去掉你的名字）' },
  { collection: 'panel_previews', notPersonal: 'Product previews posted by operators.' },
  { collection: 'privacy_requests', find: { by: 'field', field: '_openid' }, erase: 'delete', what: '数据导出与注销申请' },
  { collection: 'job_cursors', notPersonal: 'Where paged timer jobs resume (a job name and a position).' },
  { collection: 'app_config', notPersonal: 'Operator documents.' },
  { collection: 'config_changes', notPersonal: 'Changes of operator documents (the actors are operators, not members).' },
  { collection: 'config_versions', notPersonal: 'The last content of operator documents.' },
  { collection: 'roles', notPersonal: "Staff and operator roles: staff members' data, not members'." },
  { collection: 'coupon_templates', notPersonal: 'Operator documents.' },
  { collection: 'coupon_stock', notPersonal: 'Copies issued per template (a count).' },
  {
    collection: 'message_caps',
    notPersonal: 'Frequency-cap counters keyed by openid and period, with no content; purged by the daily housekeeping within a week of their period.',
  },
  {
    collection: 'pin_attempts',
    notPersonal: 'Counters of typed till codes per member number and clerk, with no content; purged within an hour.',
  },
  { collection: 'mall_items', notPersonal: 'Operator documents.' },
  { collection: 'group_deals', notPersonal: 'Operator documents.' },
  { collection: 'flash_sales', notPersonal: 'Operator documents.' },
  { collection: 'layer_messages', notPersonal: 'Operator documents (the audience names layers, tiers or member numbers, never a member\'s data).' },
  { collection: 'layer_message_runs', notPersonal: "A layer message's cursor and counts over all members (as scoring_runs)." },
  { collection: 'deal_stock', notPersonal: 'Units taken per deal (a count).' },
  { collection: 'community_metrics', notPersonal: 'Daily counts over all members (no member is named).' },
  { collection: 'mall_stock', notPersonal: 'Sold count per item.' },
  { collection: 'campaign_counts', notPersonal: 'Places taken per campaign (a count).' },
  { collection: 'community_badges', notPersonal: 'Operator documents (the badge catalogue).' },
  { collection: 'community_campaigns', notPersonal: 'Operator documents (campaigns); a campaign run by a KOC campaign host carries only the nickname the host chose to sign it with (issuer).' },
  { collection: 'community_honour_progress', notPersonal: "The monthly honours job's progress (a month and a position)." },
  { collection: 'scoring_runs', notPersonal: "The nightly scoring run's cursor, the distribution and layer sizes (counts over all members)." },
];
