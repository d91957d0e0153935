import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Icon, type IconName } from '../Icon';
import type { Tone } from '../Tag';
import type { ColorName } from '../theme/colors';
import { noOrphan } from '../NoOrphan';
import './index.scss';

const ICON: Record<Tone, IconName> = { primary: 'sparkle', neutral: 'info', success: 'checkCircle', warning: 'clock', danger: 'alert', info: 'info' };
const INK: Record<Tone, ColorName> = { primary: 'primaryDark', neutral: 'textSecondary', success: 'success', warning: 'warning', danger: 'danger', info: 'info' };

/** A one-line banner in the flow of the page: a deadline, a state, a result. */
export function Notice({ tone = 'info', icon, onClick, className = '', children }: { tone?: Tone; icon?: IconName; onClick?: () => void; className?: string; children: ReactNode }) {
  return (
    <View className={`ui-notice ui-notice--${tone} ${className}`} onClick={onClick}>
      <Icon name={icon ?? ICON[tone]} size="sm" color={INK[tone]} />
      <View className="ui-notice__text">{noOrphan(children)}</View>
      {onClick && <Icon name="chevronRight" size="sm" color={INK[tone]} />}
    </View>
  );
}
