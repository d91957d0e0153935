import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';

/**
 * H5 (the local cloud): there is no WeChat share sheet, so the share path is shown as a web link to copy;
 * opening it binds like a share card does. The mini-program version is ShareAction.weapp.tsx.
 */
export function ShareAction({ sharePath }: { sharePath: string }) {
  const link = `${window.location.origin}/#${sharePath}`;
  const copy = () => {
    void Taro.setClipboardData({ data: link }).then(() => Taro.showToast({ title: '已复制', icon: 'none' }));
  };
  return (
    <View className="share-card__link-box">
      <View className="share-card__link share-link">{link}</View>
      <Button className="btn btn--primary btn--block share-card__button share-copy" onClick={copy}>
        复制推广链接
      </Button>
    </View>
  );
}
