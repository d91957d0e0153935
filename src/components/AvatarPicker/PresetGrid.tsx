import { Text, View } from '@tarojs/components';
import { AVATAR_PRESETS } from '../Avatar';

export function PresetGrid({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <View className="avatar-presets">
      {AVATAR_PRESETS.map((p) => (
        <View
          key={p.value}
          className={`avatar-preset ${p.value === value ? 'avatar-preset--selected' : ''}`}
          data-value={p.value}
          style={{ backgroundColor: p.color }}
          onClick={() => onChange(p.value)}
        >
          <Text className="avatar-preset__char">{p.char}</Text>
        </View>
      ))}
    </View>
  );
}
