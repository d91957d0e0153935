import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, toast } from '../../../ui';

/**
 * H5 (the local cloud): there is no WeChat share sheet, so the button copies a web link that binds like a share
 * card does. The link itself is not shown (a reader does not need it); it sits hidden for tests. The
 * mini-program version is ShareAction.weapp.tsx.
 */
export function ShareAction({ sharePath }: { sharePath: string }) {
  const link = `${window.location.origin}/#${sharePath}`;
  const copy = () => {
    void Taro.setClipboardData({ data: link }).then(() => toast.info('推广链接已复制，发给朋友吧'));
  };
  return (
    <View className="share-card__actions">
      <View className="share-link" style={{ display: 'none' }}>
        {link}
      </View>
      <Button block icon="copy" className="share-card__button share-copy" onClick={copy}>
        复制推广链接
      </Button>
    </View>
  );
}
