import { TAB_BAR, TAB_ICON_DIR } from './tab-bar';

/**
 * Main package: only the three tab pages (首页, 会员码, 我的). Everything else lives in
 * subpackages by business area, so the main package stays small as areas are added:
 *   packages/account   register, privacy policy, profile, my data and account (export, messages, closing)
 *   packages/points    check-in (签到), points history (积分明细)
 *   packages/vip       the paid VIP card (开通付费会员)
 *   packages/coupons   coupon center (领券中心), my coupons (我的券)
 *   packages/mall      points mall (积分商城), item, my redemptions
 *   packages/community feed, post, compose, member page, favourites, check-in campaigns, certificate, review queue
 *   packages/distribution  distribution (推广中心, 推广码, 粉丝, 佣金, 提现) and the operators' review
 *   packages/groupbuy  group-buy (拼团: deals, deal, group, my groups) and flash sales (限时秒杀)
 *   packages/cocreate  co-creation (共创): polls, credits wall, community rules, product panels
 *   packages/staff     store staff: identify members, record purchases, refunds, redeem coupons, pickups, orders, shift summary
 *   packages/ops       the operator's dashboard (configuration health, community health, member layers 会员分层, layer messages 运营消息)
 *   packages/scoring   a member's super-user scores (我的超级用户评分)
 *   packages/system    where unknown addresses land (页面不存在)
 *   packages/koc       the KOC programme: apply, review (operators), offline events, invitation card, campaign hosts
 */
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/card/index', 'pages/member/index'],
  subPackages: [
    {
      root: 'packages/account',
      name: 'account',
      pages: ['register/index', 'privacy/index', 'profile/index', 'data/index'],
    },
    {
      root: 'packages/staff',
      name: 'staff',
      pages: ['scan/index', 'member/index', 'refund/index', 'coupon/index', 'pickup/index', 'orders/index', 'summary/index', 'birthday/index'],
    },
    {
      root: 'packages/points',
      name: 'points',
      pages: ['checkin/index', 'history/index'],
    },
    {
      root: 'packages/vip',
      name: 'vip',
      pages: ['index'],
    },
    {
      root: 'packages/coupons',
      name: 'coupons',
      pages: ['center/index', 'mine/index'],
    },
    {
      root: 'packages/ops',
      name: 'ops',
      pages: ['index', 'health/index', 'layers/index', 'messages/index'],
    },
    {
      root: 'packages/scoring',
      name: 'scoring',
      pages: ['index'],
    },
    {
      root: 'packages/mall',
      name: 'mall',
      pages: ['index/index', 'item/index', 'orders/index'],
    },
    {
      root: 'packages/distribution',
      name: 'distribution',
      pages: ['index/index', 'share/index', 'fans/index', 'commissions/index', 'withdraw/index', 'review/index'],
    },
    {
      root: 'packages/system',
      name: 'system',
      pages: ['not-found/index'],
    },
    {
      root: 'packages/community',
      name: 'community',
      pages: ['feed/index', 'post/index', 'compose/index', 'profile/index', 'campaigns/index', 'campaign/index', 'certificate/index', 'moderation/index', 'favourites/index'],
    },
    {
      root: 'packages/groupbuy',
      name: 'groupbuy',
      pages: ['index/index', 'deal/index', 'group/index', 'mine/index', 'flash/index'],
    },
    {
      root: 'packages/koc',
      name: 'koc',
      pages: ['index/index', 'events/index', 'event/index', 'propose/index', 'review/index', 'invite/index', 'host-campaign/index'],
    },
    {
      root: 'packages/cocreate',
      name: 'cocreate',
      pages: ['index', 'poll/index', 'credits/index', 'rules/index', 'panel/index', 'open/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#F6F2ED',
    navigationBarBackgroundColor: '#F6F2ED',
    navigationBarTitleText: '会员社区',
    navigationBarTextStyle: 'black',
    // Weapp's default; on H5 it makes Taro's router draw its title bar (back / home button), styled in app.scss.
    navigationStyle: 'default',
  },
  tabBar: {
    color: TAB_BAR.color,
    selectedColor: TAB_BAR.selectedColor,
    backgroundColor: '#FFFFFF',
    borderStyle: 'white',
    list: TAB_BAR.list.map((t) => ({
      pagePath: t.pagePath,
      text: t.text,
      iconPath: `${TAB_ICON_DIR}/${t.key}.png`,
      selectedIconPath: `${TAB_ICON_DIR}/${t.key}-active.png`,
    })),
  },
  // Components are injected only when a page renders them (miniprogram-ci's code-quality check asks for it).
  lazyCodeLoading: 'requiredComponents',
  // WeChat's privacy authorization: the base library asks through wx.onNeedPrivacyAuthorization before a
  // privacy API runs (services/privacy-authorization.weapp.ts, components/PrivacySheet).
  __usePrivacyCheck__: true,
  // Not in Taro's AppConfig type, but it reaches app.json: enables wx.cloud in the base library.
  ...({ cloud: true } as object),
});
