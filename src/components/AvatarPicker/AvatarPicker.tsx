import { View } from '@tarojs/components';
import { Avatar } from '../Avatar';
import { PresetGrid } from './PresetGrid';
import type { AvatarPickerProps } from './types';
import './AvatarPicker.scss';

export type { AvatarPickerProps } from './types';

/** H5 (and any platform without chooseAvatar): pick one of the built-in avatars. */
export function AvatarPicker({ value, nickname, onChange }: AvatarPickerProps) {
  return (
    <View className="avatar-picker">
      <View className="avatar-picker__current">
        <Avatar src={value} fallbackText={nickname} size="lg" />
      </View>
      <View className="avatar-picker__hint">选择一个你喜欢的头像</View>
      <PresetGrid value={value} onChange={onChange} />
    </View>
  );
}
