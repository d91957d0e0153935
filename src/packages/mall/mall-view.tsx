import { View } from '@tarojs/components';
import { priceText, type MallItem } from '../../services/mall';

export const KIND_NAMES: Record<MallItem['kind'], string> = { physical: '实物', coupon: '优惠券', experience: '活动体验' };

/** Orders carry the store's id; its name is on the item page (app_config/stores). */
export function storeName(storeId: string): string {
  return `门店 ${storeId}`;
}

/** The head of an item card (list and detail): title, price, kind, limits and stock. */
export function ItemSummary({ item }: { item: MallItem }) {
  return (
    <View>
      <View className="mall-card__head">
        <View className="mall-card__title mall-item-title">{item.title}</View>
        <View className="mall-card__price mall-item-price">{priceText(item.pricePoints, item.cashFen)}</View>
      </View>
      {item.description && <View className="mall-card__desc">{item.description}</View>}
      <View>
        <View className="mall-card__tag">{KIND_NAMES[item.kind]}</View>
        {item.tierNames.length > 0 && <View className="mall-card__tag mall-item-tiers">{item.tierNames.join('、')}专享</View>}
        {item.perMember !== null && <View className="mall-card__tag">每人限兑 {item.perMember} 件</View>}
      </View>
      <View className="mall-card__meta mall-item-stock">
        {item.stockLeft > 0 ? `库存 ${item.stockLeft}` : '已兑完'}
        {item.mine > 0 ? ` · 你已兑换 ${item.mine} 件` : ''}
      </View>
      {!item.available && item.reason && <View className="mall-card__meta mall-item-reason">{item.reason}</View>}
    </View>
  );
}
