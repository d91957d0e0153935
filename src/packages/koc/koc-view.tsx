import { View } from '@tarojs/components';
import type { KocEvent } from '../../services/koc';
import { Tag, type Tone } from '../../ui';
import { formatBeijingTime } from '../../utils/format';

const PHASES: Record<KocEvent['phase'], { text: string; tone: Tone }> = {
  proposed: { text: '待审核', tone: 'warning' },
  rejected: { text: '未通过', tone: 'danger' },
  open: { text: '报名中', tone: 'success' },
  full: { text: '名额已满', tone: 'neutral' },
  started: { text: '进行中', tone: 'info' },
  ended: { text: '已结束', tone: 'neutral' },
};

/** "11月28日 14:00 – 16:00" in Beijing time (the day once when it does not change). */
export function eventTime(e: Pick<KocEvent, 'startsAt' | 'endsAt'>): string {
  const start = formatBeijingTime(e.startsAt, true);
  const end = formatBeijingTime(e.endsAt, true);
  const [startDay] = start.split(' ');
  const [endDay, endTime] = end.split(' ');
  return startDay === endDay ? `${start} – ${endTime}` : `${start} – ${end}`;
}

/** An event's card head: title, phase, when and where, places. */
export function EventSummary({ event: e }: { event: KocEvent }) {
  const phase = PHASES[e.phase];
  return (
    <View className="koc-event">
      <View className="koc-event__head">
        <View className="koc-event__title event-title">{e.title}</View>
        <Tag tone={phase.tone} className="event-phase">
          {phase.text}
        </Tag>
      </View>
      <View className="koc-event__meta">{`${eventTime(e)} · ${e.city} ${e.venue}`}</View>
      <View className="koc-event__meta event-places">{`主理人 ${e.host.nickname} · 已报名 ${e.signedUp}/${e.capacity} 人${e.attended > 0 ? ` · 已签到 ${e.attended} 人` : ''}`}</View>
    </View>
  );
}

