import { pointsContract } from '../_core/contracts/points.contract';
import { checkIn, getCheckInStatus } from '../_core/points/check-in.service';
import { getHistory, getPointsSummary } from '../_core/points/points-views.service';
import { releaseAndExpireJob } from '../_core/points/release-and-expire.job';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(
  pointsContract,
  { summary: getPointsSummary, history: getHistory, checkInStatus: getCheckInStatus, checkIn },
  { daily: releaseAndExpireJob },
);
