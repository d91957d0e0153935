import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { PersonaSwitcher } from '../PersonaSwitcher';
import './index.scss';

/** Every page's outer frame: page padding, and on H5 the dev persona switcher. */
export function PageShell({ className, children }: PropsWithChildren<{ className?: string }>) {
  return (
    <View className={`page-shell ${className ?? ''}`}>
      {children}
      <PersonaSwitcher />
    </View>
  );
}
