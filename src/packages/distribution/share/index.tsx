import { useShareAppMessage } from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { distributionService, type ShareCode } from '../../../services/distribution';
import { Icon, Page, QueryView } from '../../../ui';
import { formatMemberNo } from '../../../utils/format';
import { ShareAction } from './ShareAction';
import '../distribution.scss';
import './index.scss';

/** 我的推广码: the mini-program code and the share card; a friend who opens either becomes a fan. */
export default function ShareCodePage() {
  const query = useCloudQuery(distributionService.shareCode);
  // The share card opens the home page with the scene, which binds the friend who opens it.
  useShareAppMessage(() => ({ title: '我在会员社区发现了好物，一起来看看', path: query.data?.sharePath ?? '/pages/home/index' }));
  return (
    <Page className="dist-page dist-share">
      <QueryView query={query}>{(code) => <ShareCard code={code} />}</QueryView>
    </Page>
  );
}

function ShareCard({ code }: { code: ShareCode }) {
  return (
    <View className="ui-card share-card">
      <View className="share-card__name">{code.nickname} 的推荐</View>
      <View className="share-card__text">好物同享，生活更有味道</View>
      <View className="share-card__frame">
        {code.imageUrl ? (
          <Image className="share-card__qr share-qr" src={code.imageUrl} mode="scaleToFill" />
        ) : (
          <View className="share-card__missing">
            <Icon name="qr" size="lg" color="textMuted" />
            <View>小程序码暂时无法生成，可以先分享卡片</View>
          </View>
        )}
      </View>
      <View className="share-card__scene share-scene">推广码 {formatMemberNo(code.scene.slice(2))}</View>
      <View className="share-card__hint">朋友扫码或打开你分享的卡片，即可成为你的粉丝</View>
      <ShareAction sharePath={code.sharePath} />
    </View>
  );
}
