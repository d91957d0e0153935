import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import { PersonaSwitcher } from '../PersonaSwitcher';
import { PrivacySheet } from '../PrivacySheet';
import './index.scss';

/** Every page's outer frame: page padding, on H5 the dev persona switcher, on weapp WeChat's privacy sheet. */
export function PageShell({ className, children }: PropsWithChildren<{ className?: string }>) {
  return (
    <View className={`page-shell ${className ?? ''}`}>
      {children}
      <PersonaSwitcher />
      <PrivacySheet />
    </View>
  );
}
