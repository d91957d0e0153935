import { Image, Text, View } from '@tarojs/components';
import { presetOf } from './presets';
import './index.scss';

export { AVATAR_PRESETS, presetOf, type AvatarPreset } from './presets';

interface AvatarProps {
  src?: string;
  /** Shown when there is no picture: usually the nickname's first character. */
  fallbackText?: string;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

/** A round avatar: a preset (colored circle), a cloud file id or https picture, or an initial. */
export function Avatar({ src, fallbackText, size = 'md', className = '' }: AvatarProps) {
  const preset = presetOf(src);
  const classes = `avatar avatar--${size} ${className}`;
  if (preset) {
    return (
      <View className={classes} style={{ backgroundColor: preset.color }}>
        <Text className="avatar__char">{preset.char}</Text>
      </View>
    );
  }
  // The mini-program's Image renders cloud:// file ids directly (H5 only ever offers presets).
  if (src && /^(https|cloud):\/\//.test(src)) {
    return <Image className={`${classes} avatar--image`} src={src} mode="aspectFill" />;
  }
  return (
    <View className={`${classes} avatar--initial`}>
      <Text className="avatar__char">{Array.from(fallbackText ?? '')[0] ?? '会'}</Text>
    </View>
  );
}
