import { Notice } from '../../ui';
import { formatDay, formatNumber } from '../../utils/format';

interface ExpiryNoticeProps {
  /** From `points.summary`: spendable points expiring within the configured horizon, and their last day. */
  expiring: { points: number; on: string } | null;
  className?: string;
  onClick?: () => void;
}

/** "120 积分将于 2027年12月31日 过期": nothing at all when no spendable points expire soon. */
export function ExpiryNotice({ expiring, className = '', onClick }: ExpiryNoticeProps) {
  if (!expiring || expiring.points <= 0) return null;
  return (
    <Notice tone="warning" icon="clock" className={`expiry-tip ${className}`} onClick={onClick}>
      {`${formatNumber(expiring.points)} 积分将于 ${formatDay(expiring.on)} 过期`}
    </Notice>
  );
}
