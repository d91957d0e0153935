import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { BirthdayCard as BirthdayCardData } from '../../services/birthday';
import { MY_COUPONS } from '../../routes';
import { Icon } from '../../ui';
import { formatDay, formatNumber } from '../../utils/format';
import './index.scss';

/** The greeting while the member's birthday window is open, with what this year's benefit gave. */
export function BirthdayCard({ card }: { card: BirthdayCardData }) {
  const gifts: string[] = [];
  if (card.points > 0) gifts.push(`${formatNumber(card.points)} 积分已到账`);
  if (card.multiplierPercent > 100) gifts.push(`期间门店消费积分 ${card.multiplierPercent / 100} 倍`);
  return (
    <View className="birthday-card">
      <View className="birthday-card__badge">
        <Icon name="cake" size="lg" color="inverse" />
      </View>
      <View className="birthday-card__title birthday-title">{card.title}</View>
      <View className="birthday-card__text">{card.text}</View>
      {card.preparing ? (
        <View className="birthday-card__gift birthday-preparing">生日礼正在准备中，稍后就到</View>
      ) : (
        <View className="birthday-card__gifts">
          {gifts.map((g) => (
            <View key={g} className="birthday-card__gift birthday-gift">
              {g}
            </View>
          ))}
          {card.coupons.map((c) => (
            <View key={c.id} className="birthday-card__gift birthday-coupon" onClick={() => void Taro.navigateTo({ url: MY_COUPONS })}>
              <Icon name="ticket" size="sm" color="primaryDark" />
              <View>
                {c.title} · {formatDay(c.validTo)} 前有效 ›
              </View>
            </View>
          ))}
        </View>
      )}
      {card.windowEnd && <View className="birthday-card__until">生日礼遇至 {formatDay(card.windowEnd)}</View>}
    </View>
  );
}
