/** Points calls and view types: balance, ledger history and the daily check-in. */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';

export type PointsSummary = CloudOutput<'points', 'summary'>;
export type PointsHistory = CloudOutput<'points', 'history'>;
export type PointsHistoryInput = CloudInput<'points', 'history'>;
export type PointsEntry = PointsHistory['entries'][number];
export type PointsLineItem = PointsEntry['lineItems'][number];
export type CheckInStatus = CloudOutput<'points', 'checkInStatus'>;
export type CheckInResult = CloudOutput<'points', 'checkIn'>;

export const pointsService = {
  summary: () => callCloud('points', 'summary'),
  history: (input: PointsHistoryInput = {}) => callCloud('points', 'history', input),
  checkInStatus: () => callCloud('points', 'checkInStatus'),
  /** Idempotent per business day: a second call answers `repeated: true` with the first result. */
  checkIn: () => callCloud('points', 'checkIn'),
};
