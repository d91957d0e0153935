import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';
import './index.scss';

export type Tone = 'primary' | 'neutral' | 'success' | 'warning' | 'danger' | 'info';

/** A short label: a status, a kind, a limit. */
export function Tag({ tone = 'neutral', className = '', children }: { tone?: Tone; className?: string; children: ReactNode }) {
  return <Text className={`ui-tag ui-tag--${tone} ${className}`}>{children}</Text>;
}
