import { distributionContract } from '../_core/contracts/distribution.contract';
import { myCommissions } from '../_core/distribution/commission-views.service';
import { distributionStatus, joinDistribution, shareCode } from '../_core/distribution/distributor.service';
import { bind, myFans } from '../_core/distribution/referral.service';
import { reviewCommission, reviewQueue, reviewWithdrawal } from '../_core/distribution/review.service';
import { settlementJob } from '../_core/distribution/settlement.job';
import { checkWithdrawal, myWithdrawals, withdraw } from '../_core/distribution/withdrawal.service';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(
  distributionContract,
  {
    status: distributionStatus,
    join: joinDistribution,
    bind,
    shareCode,
    fans: myFans,
    commissions: myCommissions,
    withdraw,
    withdrawals: myWithdrawals,
    checkWithdrawal,
    reviewQueue,
    reviewCommission,
    reviewWithdrawal,
  },
  { daily: settlementJob },
);
