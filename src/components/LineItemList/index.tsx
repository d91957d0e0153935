import { Text, View } from '@tarojs/components';
import { formatNumber } from '../../utils/format';
import './index.scss';

/** 5 -> "+5", -20 -> "-20", 0 -> "0". */
export function signedPoints(n: number): string {
  return n > 0 ? `+${formatNumber(n)}` : formatNumber(n);
}

interface LineItemListProps {
  items: readonly { code: string; title: string; points: number }[];
  /** The class each row carries (pages' test hooks: `checkin-line-item`, `history-line-item`). */
  itemClassName?: string;
  className?: string;
}

/** Why the points came: one row per line item from the server's earn engine ("会员日加倍 +5"). */
export function LineItemList({ items, itemClassName = '', className = '' }: LineItemListProps) {
  if (items.length === 0) return null;
  return (
    <View className={`line-item-list ${className}`}>
      {items.map((item, i) => (
        <View key={`${item.code}-${i}`} className={`line-item-list__row ${itemClassName}`}>
          <Text className="line-item-list__title">{item.title} </Text>
          <Text className="line-item-list__points">{signedPoints(item.points)}</Text>
        </View>
      ))}
    </View>
  );
}
