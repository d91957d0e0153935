import type { Commission, Withdrawal } from '../../services/distribution';
import type { Tone } from '../../ui';

/** The tag colour of each commission state. */
export const COMMISSION_STATUS_TONES: Record<Commission['status'], Tone> = {
  in_progress: 'info',
  pending: 'warning',
  flagged: 'danger',
  settled: 'success',
  voided: 'neutral',
  clawed_back: 'neutral',
};

export const WITHDRAWAL_STATUS_TONES: Record<Withdrawal['status'], Tone> = {
  awaiting_approval: 'warning',
  transferring: 'info',
  paid: 'success',
  failed: 'neutral',
  rejected: 'danger',
};
