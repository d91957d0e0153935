import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import './index.scss';

/** A key figure with its label underneath. */
export function Stat({ value, label, className = '', onClick }: { value: ReactNode; label: string; className?: string; onClick?: () => void }) {
  return (
    <View className={`ui-stat ${className}`} onClick={onClick}>
      <View className="ui-stat__value">{value}</View>
      <View className="ui-stat__label">{label}</View>
    </View>
  );
}

/** Figures side by side in equal columns (a regular grid whatever their lengths). */
export function StatRow({ className = '', children }: { className?: string; children: ReactNode }) {
  return <View className={`ui-stat-row ${className}`}>{children}</View>;
}
