import { Text, View } from '@tarojs/components';
import { Icon } from '../../ui';
import './index.scss';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 'YYYY-MM-DD' -> { weekday: '周三', date: 23 }: calendar arithmetic on the date itself, no time zone involved. */
function describeDay(day: string): { weekday: string; date: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return { weekday: `周${WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()]}`, date: d };
}

interface CheckInCalendarProps {
  /** The last 7 business days, oldest first (from `points.checkInStatus`). */
  week: readonly { day: string; checkedIn: boolean }[];
  /** Today's business day, labelled 今天. */
  today: string;
  className?: string;
}

/** The 7-day strip: a stamp on each day the member checked in. */
export function CheckInCalendar({ week, today, className = '' }: CheckInCalendarProps) {
  return (
    <View className={`checkin-calendar ${className}`}>
      {week.map(({ day, checkedIn }) => {
        const d = describeDay(day);
        const isToday = day === today;
        const classes = ['checkin-day', checkedIn ? 'checkin-day--done' : '', isToday ? 'checkin-day--today' : ''].filter(Boolean).join(' ');
        return (
          <View key={day} className={classes}>
            <Text className="checkin-day__weekday">{isToday ? '今天' : (d?.weekday ?? '')}</Text>
            <View className="checkin-day__stamp">
              {checkedIn ? <Icon name="check" size="sm" color="inverse" /> : <Text>{d?.date ?? day}</Text>}
            </View>
          </View>
        );
      })}
    </View>
  );
}
