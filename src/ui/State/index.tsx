import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { describeError, isCloudError } from '../../services/cloud';
import { HOME } from '../../routes';
import { Button } from '../Button';
import { Icon, type IconName } from '../Icon';
import { noOrphan } from '../NoOrphan';
import './index.scss';

/** While the first answer is on its way. */
export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="ui-state ui-state--loading">
      <View className="ui-state__spinner" />
      <View className="ui-state__text">{text}</View>
    </View>
  );
}

interface EmptyProps {
  icon?: IconName;
  title: string;
  text?: string;
  action?: ReactNode;
  className?: string;
}

/** A list with nothing in it: what would be here, and how to get some. */
export function Empty({ icon = 'sparkle', title, text, action, className = '' }: EmptyProps) {
  return (
    <View className={`ui-state ui-state--empty ${className}`}>
      <View className="ui-state__badge">
        <Icon name={icon} size="lg" color="primary" />
      </View>
      <View className="ui-state__title">{noOrphan(title)}</View>
      {text && <View className="ui-state__text">{noOrphan(text)}</View>}
      {action && <View className="ui-state__action">{action}</View>}
    </View>
  );
}

/**
 * A failure in place of the content: the server's reason, a retry, and always a way out (home), so nobody is
 * stuck on a page that cannot load.
 */
export function ErrorState({ error, onRetry, className = '' }: { error: unknown; onRetry?: () => void; className?: string }) {
  const forbidden = isCloudError(error) && error.code === 'FORBIDDEN';
  return (
    <View className={`ui-state ui-state--error ${className}`}>
      <View className="ui-state__badge ui-state__badge--error">
        <Icon name={forbidden ? 'lock' : 'alert'} size="lg" color="danger" />
      </View>
      <View className="ui-state__title ui-state__message">{noOrphan(describeError(error))}</View>
      <View className="ui-btn-row ui-state__actions">
        {onRetry && !forbidden && (
          <Button variant="secondary" className="ui-state__retry" onClick={onRetry}>
            重试
          </Button>
        )}
        <Button variant={onRetry && !forbidden ? 'text' : 'secondary'} className="ui-state__home" onClick={() => void Taro.reLaunch({ url: HOME })}>
          回到首页
        </Button>
      </View>
    </View>
  );
}

export interface Query<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void | Promise<void>;
}

interface QueryViewProps<T> {
  query: Query<T>;
  children: (data: T) => ReactNode;
  /** Whether the answer has nothing to show; `empty` is shown then. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** Shown instead of an error to a visitor (NOT_REGISTERED): an invitation to join. */
  visitor?: ReactNode;
  loadingText?: string;
}

/** Every screen that loads something: loading, error (with retry), visitor, empty, then the content. */
export function QueryView<T>({ query, children, isEmpty, empty, visitor, loadingText }: QueryViewProps<T>) {
  const { data, error, loading, reload } = query;
  if (data !== undefined) return <>{isEmpty?.(data) && empty ? empty : children(data)}</>;
  if (visitor && isCloudError(error) && error.code === 'NOT_REGISTERED') return <>{visitor}</>;
  if (error) return <ErrorState error={error} onRetry={() => void reload()} />;
  return loading ? <Loading text={loadingText} /> : null;
}
