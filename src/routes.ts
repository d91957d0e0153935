/** Page URLs in one place (absolute, as navigateTo/switchTab expect). */
export const HOME = '/pages/home/index';
export const MEMBER_CENTER = '/pages/member/index';
export const MEMBER_CARD = '/pages/card/index';
export const REGISTER = '/packages/account/register/index';
export const PRIVACY_POLICY = '/packages/account/privacy/index';
export const EDIT_PROFILE = '/packages/account/profile/index';
export const MY_DATA = '/packages/account/data/index';
export const POINTS_CHECKIN = '/packages/points/checkin/index';
export const POINTS_HISTORY = '/packages/points/history/index';
export const STAFF_SCAN = '/packages/staff/scan/index';
export const STAFF_MEMBER = '/packages/staff/member/index';
export const STAFF_REFUND = '/packages/staff/refund/index';
export const VIP_CARD = '/packages/vip/index';
export const COUPON_CENTER = '/packages/coupons/center/index';
export const MY_COUPONS = '/packages/coupons/mine/index';
export const MALL = '/packages/mall/index/index';
export const MALL_ITEM = '/packages/mall/item/index';
export const MALL_ORDERS = '/packages/mall/orders/index';
export const STAFF_COUPON = '/packages/staff/coupon/index';
export const STAFF_PICKUP = '/packages/staff/pickup/index';
export const STAFF_ORDERS = '/packages/staff/orders/index';
export const STAFF_SUMMARY = '/packages/staff/summary/index';
export const STAFF_BIRTHDAY = '/packages/staff/birthday/index';
export const OPS_DASHBOARD = '/packages/ops/index';
export const DISTRIBUTION_CENTER = '/packages/distribution/index/index';
export const DISTRIBUTION_SHARE = '/packages/distribution/share/index';
export const DISTRIBUTION_FANS = '/packages/distribution/fans/index';
export const DISTRIBUTION_COMMISSIONS = '/packages/distribution/commissions/index';
export const DISTRIBUTION_WITHDRAW = '/packages/distribution/withdraw/index';
export const DISTRIBUTION_REVIEW = '/packages/distribution/review/index';
export const NOT_FOUND = '/packages/system/not-found/index';
export const OPS_HEALTH = '/packages/ops/health/index';
export const MY_SCORE = '/packages/scoring/index';
export const OPS_LAYERS = '/packages/ops/layers/index';
export const OPS_MESSAGES = '/packages/ops/messages/index';
export const COMMUNITY_FEED = '/packages/community/feed/index';
export const COMMUNITY_POST = '/packages/community/post/index';
export const COMMUNITY_COMPOSE = '/packages/community/compose/index';
export const COMMUNITY_PROFILE = '/packages/community/profile/index';
export const COMMUNITY_CAMPAIGNS = '/packages/community/campaigns/index';
export const COMMUNITY_CAMPAIGN = '/packages/community/campaign/index';
export const COMMUNITY_CERTIFICATE = '/packages/community/certificate/index';
export const COMMUNITY_MODERATION = '/packages/community/moderation/index';
export const COMMUNITY_FAVOURITES = '/packages/community/favourites/index';
export const GROUPBUY = '/packages/groupbuy/index/index';
export const GROUPBUY_DEAL = '/packages/groupbuy/deal/index';
export const GROUPBUY_GROUP = '/packages/groupbuy/group/index';
export const GROUPBUY_MINE = '/packages/groupbuy/mine/index';
export const FLASH_SALES = '/packages/groupbuy/flash/index';
export const KOC_HOME = '/packages/koc/index/index';
export const KOC_EVENTS = '/packages/koc/events/index';
export const KOC_EVENT = '/packages/koc/event/index';
export const KOC_PROPOSE = '/packages/koc/propose/index';
export const KOC_REVIEW = '/packages/koc/review/index';
export const KOC_INVITE = '/packages/koc/invite/index';
export const KOC_HOST_CAMPAIGN = '/packages/koc/host-campaign/index';

/**
 * Registration that comes back: a visitor invited to join from a page (a shared group, a deal) registers and
 * lands on that page again. `back` is an in-app subpackage page with its query (never a tab page).
 */
export const registerThenBack = (back: string) => `${REGISTER}?back=${encodeURIComponent(back)}`;

/** The page to return to after registering, or null when `back` is missing or not an in-app subpackage page. */
export function returnAfterRegister(back: string | undefined): string | null {
  if (!back) return null;
  let url = back;
  try {
    url = decodeURIComponent(back);
  } catch {
    return null;
  }
  return /^\/packages\/[a-z0-9/_-]+\/index(\?[\w=&%.-]*)?$/i.test(url) ? url : null;
}
export const COCREATE_HOME = '/packages/cocreate/index';
export const COCREATE_POLL = '/packages/cocreate/poll/index';
export const COCREATE_CREDITS = '/packages/cocreate/credits/index';
export const COCREATE_RULES = '/packages/cocreate/rules/index';
export const COCREATE_PANEL = '/packages/cocreate/panel/index';
export const COCREATE_OPEN = '/packages/cocreate/open/index';
