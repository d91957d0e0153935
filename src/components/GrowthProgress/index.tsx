import { Text, View } from '@tarojs/components';
import { formatNumber } from '../../utils/format';
import './index.scss';

interface GrowthProgressProps {
  growth: number;
  nextTier: { name: string; threshold: number } | null;
  growthToNext: number;
  /** 0..100, computed by the server. */
  progressPercent: number;
  color: string;
  className?: string;
}

export function GrowthProgress({ growth, nextTier, growthToNext, progressPercent, color, className = '' }: GrowthProgressProps) {
  const percent = Math.max(0, Math.min(100, progressPercent));
  return (
    <View className={`growth-progress ${className}`}>
      <View className="growth-progress__head">
        <Text className="growth-progress__label">成长值</Text>
        <Text className="growth-progress__value">
          {formatNumber(growth)}
          {nextTier && <Text className="growth-progress__threshold"> / {formatNumber(nextTier.threshold)}</Text>}
        </Text>
      </View>
      <View className="growth-progress__track">
        <View className="growth-progress__bar" style={{ width: `${nextTier ? percent : 100}%`, backgroundColor: color }} />
      </View>
      <View className="growth-progress__tip">
        {nextTier
          ? `再获得 ${formatNumber(growthToNext)} 成长值升级为 ${nextTier.name}`
          : '你已是最高等级会员，感谢一路相伴'}
      </View>
    </View>
  );
}
