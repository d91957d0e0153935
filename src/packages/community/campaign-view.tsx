import { Image, Text, View } from '@tarojs/components';
import type { Campaign } from '../../services/community';
import { Icon, Tag, type Tone } from '../../ui';
import { formatDay, formatNumber } from '../../utils/format';
import { BadgeChip } from './community-view';

const STATE: Record<Campaign['state'], { name: string; tone: Tone }> = {
  upcoming: { name: '即将开始', tone: 'info' },
  open: { name: '进行中', tone: 'success' },
  ended: { name: '已结束', tone: 'neutral' },
};

/** A campaign's cover, title, window, rule, places and the caller's progress (list and detail). */
export function CampaignSummary({ campaign: c, large = false }: { campaign: Campaign; large?: boolean }) {
  const mine = c.mine;
  return (
    <View className="cm-campaign">
      {c.image ? (
        <Image className={`cm-cover campaign-cover ${large ? 'cm-cover--large' : ''}`} src={c.image} mode="aspectFill" />
      ) : (
        <View className={`cm-cover cm-cover--empty ${large ? 'cm-cover--large' : ''}`}>
          <Icon name="calendar" size="xl" color="primary" />
        </View>
      )}
      <View className="cm-campaign__head">
        <View className="cm-campaign__title campaign-title">{c.title}</View>
        <Tag tone={STATE[c.state].tone}>{STATE[c.state].name}</Tag>
      </View>
      <View className="cm-campaign__meta">
        {formatDay(c.from)} 至 {formatDay(c.to)}
      </View>
      <View className="cm-campaign__meta">
        {c.streak ? `连续打卡 ${c.days} 天` : `累计打卡 ${c.days} 天`} · 每天发一条带 #{c.topic.name} 的内容
      </View>
      <View className="cm-campaign__meta campaign-places">
        已报名 {formatNumber(c.joined)} / {formatNumber(c.capacity)} 人
      </View>
      {c.badge && (
        <View className="cm-tags">
          <Text className="cm-campaign__meta">完成可得</Text>
          <BadgeChip badge={c.badge} />
          <Text className="cm-campaign__meta">徽章与电子证书</Text>
        </View>
      )}
      {mine && (
        <View className="cm-progress">
          <View className="cm-progress__row campaign-progress">
            <Text>
              已打卡 {mine.count}/{c.days} 天 · 连续 {mine.streak} 天
            </Text>
            <Text className="campaign-today">{mine.finished ? '已完成' : mine.checkedInToday ? '今日已打卡' : '今日未打卡'}</Text>
          </View>
          <View className="cm-progress__track">
            <View className="cm-progress__bar" style={{ width: `${Math.min(100, Math.round((mine.count / c.days) * 100))}%` }} />
          </View>
        </View>
      )}
    </View>
  );
}
