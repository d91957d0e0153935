import { z } from 'zod';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Month and day only: we never need (or store) the year. Feb 29 is allowed. */
export const Birthday = z
  .object({
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  })
  .refine((b) => b.day <= DAYS_IN_MONTH[b.month - 1], { message: '日期不存在', path: ['day'] });

export const Nickname = z
  .string()
  .trim()
  .min(1, '请填写昵称')
  .max(20, '昵称最多 20 个字');

/** A cloud file id (cloud://...), an https URL, or one of the built-in avatars (preset:N). */
export const AvatarUrl = z
  .string()
  .max(512)
  .regex(/^(cloud:\/\/|https:\/\/|preset:\d{1,2}$)/, '头像地址无效');

/** Mainland China mobile number. */
export const Phone = z.string().regex(/^1[3-9]\d{9}$/, '手机号格式不正确');

export const Consent = z.object({
  policyVersion: z.string().min(1).max(32),
  accepted: z.literal(true, { message: '请先阅读并同意隐私政策' }),
});

export const RegisterInput = z.object({
  consent: Consent,
  nickname: Nickname,
  avatarUrl: AvatarUrl,
  birthday: Birthday.optional(),
  phone: Phone.optional(),
});

export const UpdateProfileInput = z
  .object({
    nickname: Nickname.optional(),
    avatarUrl: AvatarUrl.optional(),
    /** Accepted only while no birthday is on file; afterwards only staff can correct it. */
    birthday: Birthday.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' });

export const TierView = z.object({ code: z.string(), name: z.string(), color: z.string() });
export const BenefitView = z.object({ code: z.string(), title: z.string(), description: z.string() });

/** The paid VIP card as the member center and the card show it (`until`: last valid Beijing day). */
export const VipBadgeView = z.object({ active: z.boolean(), until: z.string().nullable() });

export const MemberCenterView = z.object({
  memberNo: z.string(),
  nickname: z.string(),
  avatarUrl: z.string(),
  tier: TierView,
  growth: z.number().int(),
  nextTier: z.object({ name: z.string(), threshold: z.number().int() }).nullable(),
  growthToNext: z.number().int(),
  progressPercent: z.number().int(),
  points: z.object({ balance: z.number().int() }),
  benefits: z.array(BenefitView),
  birthday: z.object({ month: z.number().int(), day: z.number().int() }).nullable(),
  joinedAt: z.string(),
  vip: VipBadgeView,
});

export const MemberCardView = z.object({
  memberNo: z.string(),
  nickname: z.string(),
  avatarUrl: z.string(),
  tier: TierView,
  since: z.string(),
  vip: VipBadgeView,
});

export const PrivacyPolicyView = z.object({
  version: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
});

export const PrivacyPolicyConfig = PrivacyPolicyView;

export type RegisterInput = z.output<typeof RegisterInput>;
export type UpdateProfileInput = z.output<typeof UpdateProfileInput>;
export type MemberCenterView = z.output<typeof MemberCenterView>;
export type MemberCardView = z.output<typeof MemberCardView>;
export type PrivacyPolicyView = z.output<typeof PrivacyPolicyView>;
export type BirthdayValue = z.output<typeof Birthday>;
