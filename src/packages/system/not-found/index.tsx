import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { HOME } from '../../../routes';
import { Button, Empty, Page } from '../../../ui';
import './index.scss';

/**
 * Where an unknown address lands (App's usePageNotFound redirects here: an old shared link, a mistyped H5
 * address, a page that was taken down): what happened and a way out, home always, back when there is a page
 * to go back to.
 */
export default function NotFoundPage() {
  const canGoBack = Taro.getCurrentPages().length > 1;
  return (
    <Page className="not-found">
      <Empty
        icon="alert"
        className="not-found__state"
        title="这个页面不存在"
        text="链接可能已经失效，或页面已经下线"
        action={
          <View className="ui-btn-stack not-found__actions">
            <Button block className="not-found-home" onClick={() => void Taro.reLaunch({ url: HOME })}>
              回到首页
            </Button>
            {canGoBack && (
              <Button block variant="text" className="not-found-back" onClick={() => void Taro.navigateBack()}>
                返回上一页
              </Button>
            )}
          </View>
        }
      />
    </Page>
  );
}
