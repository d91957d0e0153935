/**
 * Main package: only the tab pages and the card (opened from the member center). Everything else lives in
 * subpackages by business area, so the main package stays small as areas are added:
 *   packages/account   register, privacy policy, profile
 *   packages/points    check-in (签到), points history (积分明细)
 *   packages/vip       the paid VIP card (开通付费会员)
 *   packages/coupons   coupon center (领券中心), my coupons (我的券)
 *   packages/mall      points mall (积分商城), item, my redemptions
 *   packages/community (future) posts, events
 *   packages/staff     store staff: scan the member code, record purchases, refunds, redeem coupons, hand over pickups
 */
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/member/index', 'pages/card/index'],
  subPackages: [
    {
      root: 'packages/account',
      name: 'account',
      pages: ['register/index', 'privacy/index', 'profile/index'],
    },
    {
      root: 'packages/staff',
      name: 'staff',
      pages: ['scan/index', 'member/index', 'refund/index', 'coupon/index', 'pickup/index'],
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
      root: 'packages/mall',
      name: 'mall',
      pages: ['index/index', 'item/index', 'orders/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#F7F3EE',
    navigationBarBackgroundColor: '#F7F3EE',
    navigationBarTitleText: '会员社区',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#8A7F76',
    selectedColor: '#C0652B',
    backgroundColor: '#FFFFFF',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/member/index', text: '会员' },
    ],
  },
  // Components are injected only when a page renders them (miniprogram-ci's code-quality check asks for it).
  lazyCodeLoading: 'requiredComponents',
  // WeChat's privacy authorization: the base library asks through wx.onNeedPrivacyAuthorization before a
  // privacy API runs (services/privacy-authorization.weapp.ts, components/PrivacySheet).
  __usePrivacyCheck__: true,
  // Not in Taro's AppConfig type, but it reaches app.json: enables wx.cloud in the base library.
  ...({ cloud: true } as object),
});
