/** What the member pages read of 林小暖, a gold member (the weapp tests' usual member); override what a test is about. */
import type { MemberCardView, MemberCenterView } from '../../cloudfunctions/_core/member/member.schema';

const lin = { memberNo: '802345678901', nickname: '林小暖', avatarUrl: 'preset:3', tier: { code: 'gold', name: '金卡会员', color: '#C9A227' }, vip: { active: false, until: null } };

export const linCard = (over: Partial<MemberCardView> = {}): MemberCardView => ({ ...lin, since: '2026-03-01', ...over });

export const linCenter = (over: Partial<MemberCenterView> = {}): MemberCenterView => ({
  ...lin,
  growth: 1200,
  nextTier: { name: '黑金会员', threshold: 5000 },
  growthToNext: 3800,
  progressPercent: 5,
  points: { balance: 2380 },
  benefits: [],
  birthday: null,
  joinedAt: '2026-03-01T02:00:00.000Z',
  ...over,
});
