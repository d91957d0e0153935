import type { PropsWithChildren, ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Icon, type IconName } from '../Icon';
import { noOrphan } from '../NoOrphan';
import './index.scss';

export interface CellProps {
  title: ReactNode;
  description?: ReactNode;
  /** Shown on the right (a count, a status). */
  value?: ReactNode;
  icon?: IconName;
  /** Shows the chevron: the cell opens something. */
  arrow?: boolean;
  onClick?: () => void;
  className?: string;
}

/** A list row: icon, title and description on the left, value and chevron on the right. */
export function Cell({ title, description, value, icon, arrow = false, onClick, className = '' }: CellProps) {
  return (
    <View className={`ui-cell ${onClick ? 'ui-cell--link' : ''} ${className}`} onClick={onClick}>
      {icon && (
        <View className="ui-cell__icon">
          <Icon name={icon} color="primaryDark" />
        </View>
      )}
      <View className="ui-cell__body">
        <View className="ui-cell__title">{noOrphan(title)}</View>
        {description && <View className="ui-cell__desc">{noOrphan(description)}</View>}
      </View>
      {value !== undefined && <View className="ui-cell__value">{value}</View>}
      {(arrow || onClick) && <Icon name="chevronRight" size="sm" color="textMuted" className="ui-cell__arrow" />}
    </View>
  );
}


/** Cells on one white card, hairlines between them. */
export function CellGroup({ title, className = '', children }: PropsWithChildren<{ title?: ReactNode; className?: string }>) {
  return (
    <View className={`ui-cell-group ${className}`}>
      {title && <View className="ui-cell-group__title">{noOrphan(title)}</View>}
      <View className="ui-cell-group__body">{children}</View>
    </View>
  );
}
