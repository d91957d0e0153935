import type { PropsWithChildren, ReactNode } from 'react';
import { View } from '@tarojs/components';
import { PersonaSwitcher } from '../../components/PersonaSwitcher';
import { PrivacySheet } from '../../components/PrivacySheet';
import { noOrphan } from '../NoOrphan';
import './index.scss';

interface PageProps {
  className?: string;
  /** The page's main action, pinned to the bottom above the safe area (a primary button). */
  footer?: ReactNode;
  /** Content runs to the edges (a hero image or a full-bleed card); sections add their own gutters. */
  bleed?: boolean;
}

/**
 * Every page's frame: background, gutters, the pinned footer, on H5 the dev persona switcher, on weapp WeChat's
 * privacy sheet (onNeedPrivacyAuthorization). The title
 * and the way back come from the page's index.config.ts: WeChat's navigation bar on weapp, Taro's router bar
 * (styled in app.scss) on H5.
 */
export function Page({ className = '', footer, bleed = false, children }: PropsWithChildren<PageProps>) {
  return (
    <View className={`ui-page ${bleed ? 'ui-page--bleed' : ''} ${footer ? 'ui-page--with-footer' : ''} ${className}`}>
      {children}
      {footer && <View className="ui-page__footer">{footer}</View>}
      <PersonaSwitcher />
      <PrivacySheet />
    </View>
  );
}

/** A block inside a page with an optional heading (used between cards). */
export function Section({ title, extra, onExtra, className = '', children }: PropsWithChildren<{ title?: ReactNode; extra?: ReactNode; onExtra?: () => void; className?: string }>) {
  return (
    <View className={`ui-section ${className}`}>
      {(title || extra) && (
        <View className="ui-section__head">
          <View className="ui-section__title">{noOrphan(title)}</View>
          {extra && (
            <View className="ui-section__extra" onClick={onExtra}>
              {extra}
            </View>
          )}
        </View>
      )}
      {children}
    </View>
  );
}
