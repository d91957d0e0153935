import { Text, View } from '@tarojs/components';
import type { Campaign } from '../../services/community';
import { BadgeChip } from './community-view';

const STATE_NAMES: Record<Campaign['state'], string> = { upcoming: '即将开始', open: '进行中', ended: '已结束' };

export function CampaignSummary({ campaign: c }: { campaign: Campaign }) {
  const mine = c.mine;
  return (
    <View>
      <View className="cm-row">
        <View className="cm-author__name campaign-title">{c.title}</View>
        <Text className="cm-tag">{STATE_NAMES[c.state]}</Text>
      </View>
      <View className="cm-author__meta">
        {c.from} 至 {c.to} · {c.streak ? `连续打卡 ${c.days} 天` : `打卡 ${c.days} 天`} · 话题 #{c.topic.name}
      </View>
      <View className="cm-author__meta">
        已报名 {c.joined}/{c.capacity}
        {c.badge && (
          <Text>
            {' '}
            · 完成可得 <BadgeChip badge={c.badge} /> 与电子证书
          </Text>
        )}
      </View>
      {mine && (
        <View style={{ marginTop: '16rpx' }}>
          <View className="cm-row cm-author__meta campaign-progress">
            <Text>
              已打卡 {mine.count}/{c.days} 天 · 连续 {mine.streak} 天
            </Text>
            <Text>{mine.finished ? '已完成' : mine.checkedInToday ? '今日已打卡' : '今日未打卡'}</Text>
          </View>
          <View className="cm-progress">
            <View className="cm-progress__bar" style={{ width: `${Math.min(100, Math.round((mine.count / c.days) * 100))}%` }} />
          </View>
        </View>
      )}
    </View>
  );
}
