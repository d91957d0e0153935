import { Image, View } from '@tarojs/components';
import { priceText, type MallItem } from '../../services/mall';
import { Icon, Tag } from '../../ui';

export const KIND_NAMES: Record<MallItem['kind'], string> = { physical: '实物', coupon: '优惠券', experience: '活动体验' };

/** The head of an item card (list and detail): title, price, kind, limits and stock. */
export function ItemSummary({ item, large = false }: { item: MallItem; large?: boolean }) {
  return (
    <View>
      {item.image ? (
        <Image className={`mall-card__image ${large ? 'mall-card__image--large' : ''}`} src={item.image} mode="aspectFill" />
      ) : (
        <View className={`mall-card__image mall-card__image--empty ${large ? 'mall-card__image--large' : ''}`}>
          <Icon name={item.kind === 'coupon' ? 'ticket' : item.kind === 'experience' ? 'sparkle' : 'gift'} size="xl" color="primary" />
        </View>
      )}
      <View className="mall-card__head">
        <View className="mall-card__title mall-item-title">{item.title}</View>
        <View className="mall-card__price mall-item-price">{priceText(item.pricePoints, item.cashFen)}</View>
      </View>
      {item.description && <View className="mall-card__desc">{item.description}</View>}
      <View className="mall-card__tags">
        <Tag tone="primary">{KIND_NAMES[item.kind]}</Tag>
        {item.tierNames.length > 0 && <Tag tone="warning" className="mall-item-tiers">{item.tierNames.join('、')}专享</Tag>}
        {item.storeNames.length > 0 && <Tag tone="info" className="mall-item-stores">限{item.storeNames.join('、')}</Tag>}
        {item.perMember !== null && <Tag>每人限兑 {item.perMember} 件</Tag>}
      </View>
      <View className="mall-card__meta mall-item-stock">
        {item.stockLeft > 0 ? `库存 ${item.stockLeft}` : '已兑完'}
        {item.mine > 0 ? ` · 你已兑换 ${item.mine} 件` : ''}
      </View>
      {!item.available && item.reason && <View className="mall-card__meta mall-item-reason">{item.reason}</View>}
    </View>
  );
}
