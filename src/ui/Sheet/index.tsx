import type { PropsWithChildren, ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Icon } from '../Icon';
import { noOrphan } from '../NoOrphan';
import './index.scss';

interface SheetProps {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  /** Buttons pinned under the content. */
  footer?: ReactNode;
  className?: string;
}

/** A bottom sheet over a dimmed page: choices and confirmations that belong to the current screen. */
export function Sheet({ open, title, onClose, footer, className = '', children }: PropsWithChildren<SheetProps>) {
  if (!open) return null;
  return (
    <View className={`ui-sheet ${className}`} catchMove>
      <View className="ui-sheet__mask" onClick={onClose} />
      <View className="ui-sheet__panel">
        <View className="ui-sheet__head">
          <View className="ui-sheet__title">{noOrphan(title)}</View>
          <View className="ui-sheet__close" onClick={onClose}>
            <Icon name="close" color="textSecondary" />
          </View>
        </View>
        <View className="ui-sheet__body">{children}</View>
        {footer && <View className="ui-sheet__footer">{footer}</View>}
      </View>
    </View>
  );
}
