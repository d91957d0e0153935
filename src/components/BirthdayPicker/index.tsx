import { Picker, Text, View } from '@tarojs/components';
import './index.scss';

export interface PartialBirthday {
  month?: number;
  day?: number;
}

// Picker options only; the server validates the date (Feb 29 is allowed: no year is stored).
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

interface BirthdayPickerProps {
  value: PartialBirthday;
  onChange: (value: PartialBirthday) => void;
}

/** Month and day, each optional until both are chosen; no year is asked or stored. */
export function BirthdayPicker({ value, onChange }: BirthdayPickerProps) {
  const dayCount = value.month ? DAYS_IN_MONTH[value.month - 1] : 31;
  const days = Array.from({ length: dayCount }, (_, i) => `${i + 1}日`);

  const pickMonth = (index: number) => {
    const month = index + 1;
    const day = value.day && value.day <= DAYS_IN_MONTH[index] ? value.day : undefined;
    onChange({ month, day });
  };

  return (
    <View className="birthday-picker">
      <Picker mode="selector" range={MONTHS} value={(value.month ?? 1) - 1} onChange={(e) => pickMonth(Number(e.detail.value))}>
        <View className={`birthday-picker__slot birthday-month ${value.month ? '' : 'birthday-picker__slot--empty'}`}>
          {value.month ? `${value.month}月` : '月份'}
        </View>
      </Picker>
      <Picker mode="selector" range={days} value={(value.day ?? 1) - 1} onChange={(e) => onChange({ ...value, day: Number(e.detail.value) + 1 })}>
        <View className={`birthday-picker__slot birthday-day ${value.day ? '' : 'birthday-picker__slot--empty'}`}>
          {value.day ? `${value.day}日` : '日期'}
        </View>
      </Picker>
      {(value.month || value.day) && (
        <Text className="birthday-picker__clear" onClick={() => onChange({})}>
          清除
        </Text>
      )}
    </View>
  );
}
