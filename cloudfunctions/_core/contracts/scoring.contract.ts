import { z } from 'zod';
import { defineFunction } from './define';
import { MyScoreView, ScoringOverviewView } from '../scoring/scoring.schema';

export const scoringContract = defineFunction({
  name: 'scoring',
  summary: 'Super-user scoring and value layers: a member’s own scores, the operators’ distribution, the nightly job.',
  actions: {
    mine: {
      summary: "The caller's layers (last nightly run), live sub-scores over the window, and what would raise each.",
      access: 'member',
      input: z.object({}),
      output: MyScoreView,
      errors: ['NOT_REGISTERED'],
    },
    overview: {
      summary: 'The last finished run: distribution of totals, layer sizes with their trend over 14 days, and who moved.',
      access: 'operator',
      input: z.object({}),
      output: ScoringOverviewView,
      errors: ['FORBIDDEN'],
    },
  },
  timers: {
    nightly: {
      summary:
        'Scores every member from their activity buckets (two passes: histogram, then layers with hysteresis), records layer changes and the day’s layer sizes; resumes from scoring_runs/{day}.',
    },
  },
});
