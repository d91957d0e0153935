import { useShareAppMessage } from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { distributionService, type ShareCode } from '../../../services/distribution';
import { ShareAction } from './ShareAction';
import '../distribution.scss';
import './index.scss';

export default function ShareCodePage() {
  const { data, error, loading, reload } = useCloudQuery(distributionService.shareCode);
  // The share card opens the home page with the scene, which binds the friend who opens it.
  useShareAppMessage(() => ({ title: '我在会员社区发现了好物，一起来看看', path: data?.sharePath ?? '/pages/home/index' }));

  let body;
  if (data) body = <ShareCard code={data} />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <PageShell className="dist-page dist-share">
      <View className="dist-page__intro">
        <View className="dist-page__title">我的推广码</View>
        <View className="dist-page__subtitle">朋友扫码或打开你分享的卡片，即可成为你的粉丝</View>
      </View>
      {body}
    </PageShell>
  );
}

function ShareCard({ code }: { code: ShareCode }) {
  return (
    <View className="card share-card">
      <View className="share-card__name">{code.nickname} 的推荐</View>
      <View className="share-card__text">好物同享，生活更有味道</View>
      <View className="share-card__frame">
        {code.imageUrl ? (
          <Image className="share-card__qr share-qr" src={code.imageUrl} mode="scaleToFill" />
        ) : (
          <View className="share-card__missing">小程序码暂时无法生成，可以先分享卡片</View>
        )}
      </View>
      <View className="share-card__scene share-scene">推广码 {code.scene.slice(2)}</View>
      <ShareAction sharePath={code.sharePath} />
    </View>
  );
}
