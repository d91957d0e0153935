import { Button, View } from '@tarojs/components';
import { describeError } from '../../services/cloud';
import './index.scss';

/** Loading and failure placeholders, so pages never show an empty screen. */
export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="status-view status-view--loading">
      <View className="status-view__spinner" />
      <View className="status-view__text">{text}</View>
    </View>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <View className="status-view status-view--error">
      <View className="status-view__text">{describeError(error)}</View>
      {onRetry && (
        <Button className="btn btn--ghost status-view__retry" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  );
}
