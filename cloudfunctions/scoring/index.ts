import { scoringContract } from '../_core/contracts/scoring.contract';
import { scoringJob } from '../_core/scoring/scoring.job';
import { getMyScore, getScoringOverview } from '../_core/scoring/scoring-views.service';
import { createHandler } from '../_platform/runtime/create-handler';

export const main = createHandler(scoringContract, { mine: getMyScore, overview: getScoringOverview }, { nightly: scoringJob });
