/**
 * `birthday_grants/{openid}:{year}`: one per member and birthday year, so the benefit is given once a year
 * whatever runs it (the daily job twice, registration, the first birthday setting). Created `granting` with
 * what it gives (fixed then: a later change of the operator document does not change it), finished
 * `granted` once points, coupons and the greeting are out; the job finishes any left `granting`.
 */
export interface BirthdayGrantRecord {
  _id: string;
  _openid: string;
  year: number;
  tierCode: string;
  windowStart: string;
  windowEnd: string;
  via: 'timer' | 'register' | 'profile';
  bonusPoints: number;
  couponTemplateIds: string[];
  pointsMultiplierPercent: number;
  status: 'granting' | 'granted';
  /** Coupons issued (ids) and those that could not be (template sold out, not for birthdays...). */
  couponIds: string[];
  couponProblems: { templateId: string; code: string }[];
  createdAt: Date;
  grantedAt: Date | null;
}

export const BIRTHDAY_GRANTS = 'birthday_grants';
export const grantId = (openid: string, year: number) => `${openid}:${year}`;
