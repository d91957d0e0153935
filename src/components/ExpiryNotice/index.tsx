import { Text, View } from '@tarojs/components';
import { formatDay, formatNumber } from '../../utils/format';
import './index.scss';

interface ExpiryNoticeProps {
  /** From `points.summary`: the soonest-expiring points and their last day ('YYYY-MM-DD', a business day). */
  expiring: { points: number; on: string } | null;
  className?: string;
  onClick?: () => void;
}

/** "120 积分将于 2027年12月31日 过期": nothing at all when no points are due to expire. */
export function ExpiryNotice({ expiring, className = '', onClick }: ExpiryNoticeProps) {
  if (!expiring || expiring.points <= 0) return null;
  return (
    <View className={`expiry-tip ${className}`} onClick={onClick}>
      {/* The "!" is drawn by CSS, so the notice's text is exactly the sentence. */}
      <View className="expiry-tip__icon" />
      <Text className="expiry-tip__text">
        {formatNumber(expiring.points)} 积分将于 {formatDay(expiring.on)} 过期
      </Text>
    </View>
  );
}
