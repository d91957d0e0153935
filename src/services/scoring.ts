/** Super-user scoring: a member's own scores and the operators' overview. */
import { callCloud, type CloudOutput } from './cloud';

export type MyScore = CloudOutput<'scoring', 'mine'>;
export type ScoringOverview = CloudOutput<'scoring', 'overview'>;

export const scoringService = {
  /** The caller's layers, three sub-scores and what would raise each. Members only. */
  mine: () => callCloud('scoring', 'mine'),
  /** Distribution, layer sizes and trend, who moved. Operators only. */
  overview: () => callCloud('scoring', 'overview'),
};
