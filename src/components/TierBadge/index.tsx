import { Text } from '@tarojs/components';
import { tierTheme } from '../../ui/theme/contrast';
import './index.scss';

/** The tier's name on the tier's own colour (operators configure both), in the ink that reads on it. */
export function TierBadge({ name, color, className = '' }: { name: string; color: string; className?: string }) {
  const theme = tierTheme(color);
  return (
    <Text className={`tier-badge ${className}`} style={{ backgroundColor: theme.from, color: theme.ink }}>
      {name}
    </Text>
  );
}
