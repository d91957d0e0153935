import type { PropsWithChildren, ReactNode } from 'react';
import { View } from '@tarojs/components';
import { noOrphan } from '../NoOrphan';
import './index.scss';

interface CardProps {
  title?: ReactNode;
  /** Right of the title: a link or a count. */
  extra?: ReactNode;
  onExtra?: () => void;
  className?: string;
  /** No inner padding (for cells or an image that reaches the edges). */
  flush?: boolean;
}

/** A white surface that groups one topic. */
export function Card({ title, extra, onExtra, className = '', flush = false, children }: PropsWithChildren<CardProps>) {
  return (
    <View className={`ui-card ${flush ? 'ui-card--flush' : ''} ${className}`}>
      {(title || extra) && (
        <View className="ui-card__head">
          <View className="ui-card__title">{noOrphan(title)}</View>
          {extra && (
            <View className="ui-card__extra" onClick={onExtra}>
              {extra}
            </View>
          )}
        </View>
      )}
      {children}
    </View>
  );
}
