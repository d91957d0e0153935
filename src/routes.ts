/** Page URLs in one place (absolute, as navigateTo/switchTab expect). */
export const HOME = '/pages/home/index';
export const MEMBER_CENTER = '/pages/member/index';
export const MEMBER_CARD = '/pages/card/index';
export const REGISTER = '/packages/account/register/index';
export const PRIVACY_POLICY = '/packages/account/privacy/index';
export const EDIT_PROFILE = '/packages/account/profile/index';
export const POINTS_CHECKIN = '/packages/points/checkin/index';
export const POINTS_HISTORY = '/packages/points/history/index';
export const STAFF_SCAN = '/packages/staff/scan/index';
export const STAFF_MEMBER = '/packages/staff/member/index';
export const STAFF_REFUND = '/packages/staff/refund/index';
export const VIP_CARD = '/packages/vip/index';
