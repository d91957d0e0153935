import type { ReactNode } from 'react';
import { Button as TaroButton, type ButtonProps as TaroButtonProps } from '@tarojs/components';
import { Icon, type IconName } from '../Icon';
import type { ColorName } from '../theme/colors';
import './index.scss';

export type ButtonVariant = 'primary' | 'secondary' | 'text' | 'danger';

export interface ButtonProps {
  /** primary: the one main action of a screen; secondary: other actions; text: low emphasis; danger: destructive. */
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  block?: boolean;
  /** Shows `loadingText` (or the label) and ignores taps. */
  loading?: boolean;
  loadingText?: string;
  disabled?: boolean;
  icon?: IconName;
  className?: string;
  onClick?: () => void;
  /** weapp open capabilities (chooseAvatar...). */
  openType?: TaroButtonProps['openType'];
  onChooseAvatar?: TaroButtonProps['onChooseAvatar'];
  children: ReactNode;
}

const ICON_COLOR: Record<ButtonVariant, ColorName> = { primary: 'inverse', secondary: 'primaryDark', text: 'primaryDark', danger: 'inverse' };

/** The one button. Disabled and loading are classes (Taro H5 renders disabled="false" as an attribute). */
export function Button({
  variant = 'primary',
  size = 'md',
  block = false,
  loading = false,
  loadingText,
  disabled = false,
  icon,
  className = '',
  onClick,
  openType,
  onChooseAvatar,
  children,
}: ButtonProps) {
  const off = disabled || loading;
  const classes = ['ui-btn', `ui-btn--${variant}`, `ui-btn--${size}`, block ? 'ui-btn--block' : '', off ? 'ui-btn--disabled' : '', className]
    .filter(Boolean)
    .join(' ');
  return (
    <TaroButton
      className={classes}
      disabled={off || undefined}
      openType={openType}
      onChooseAvatar={onChooseAvatar}
      onClick={() => {
        if (!off) onClick?.();
      }}
    >
      {icon && !loading && <Icon name={icon} size="sm" color={ICON_COLOR[variant]} className="ui-btn__icon" />}
      {loading ? (loadingText ?? children) : children}
    </TaroButton>
  );
}
