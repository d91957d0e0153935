import { Image } from '@tarojs/components';
import { COLORS, type ColorName } from '../theme/colors';
import type { IconName } from './icons';
import { iconUri } from './svg';
import './index.scss';

export type { IconName } from './icons';

export interface IconProps {
  name: IconName;
  /** A token colour name, or a hex colour (e.g. a tier's colour). */
  color?: ColorName | `#${string}`;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  className?: string;
}

/** One of the project's SVG icons, shown as an image so weapp and H5 render it the same way. */
export function Icon({ name, color = 'text', size = 'md', className = '' }: IconProps) {
  const hex = color.startsWith('#') ? color : COLORS[color as ColorName];
  return <Image className={`ui-icon ui-icon--${size} ${className}`} src={iconUri(name, hex)} mode="aspectFit" />;
}
