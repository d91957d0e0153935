import { Text } from '@tarojs/components';
import './index.scss';

/** The tier's name on the tier's own color (operators configure both). */
export function TierBadge({ name, color, className = '' }: { name: string; color: string; className?: string }) {
  return (
    <Text className={`tier-badge ${className}`} style={{ backgroundColor: color }}>
      {name}
    </Text>
  );
}
