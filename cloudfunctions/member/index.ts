import { memberContract } from '../_core/contracts/member.contract';
import { getHome } from '../_core/member/home.service';
import { memberCode } from '../_core/member/member-code.service';
import { getMemberCard, getMemberCenter, getPrivacyPolicy } from '../_core/member/member-views.service';
import { registerMember } from '../_core/member/register-member.service';
import { updateProfile } from '../_core/member/update-profile.service';
import { cancelClose, closeAccount, exportData, privacyStatus, withdrawConsent } from '../_core/privacy/privacy.service';
import { tierReviewJob } from '../_core/tier/tier-review.job';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(
  memberContract,
  {
    privacyPolicy: getPrivacyPolicy,
    home: getHome,
    register: registerMember,
    center: getMemberCenter,
    card: getMemberCard,
    code: memberCode,
    updateProfile,
    privacyStatus,
    exportData,
    closeAccount,
    cancelClose,
    withdrawConsent,
  },
  { daily: tierReviewJob },
);
