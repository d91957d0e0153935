import { useCallback } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Image, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { communityService } from '../../../services/community';
import { COMMUNITY_CERTIFICATE, COMMUNITY_COMPOSE } from '../../../routes';
import '../community.scss';

/** 电子证书: the image generated on the server for this member; shareable (晒证书). */
export default function CertificatePage() {
  const { campaignId = '', authorId } = useRouter().params;
  const load = useCallback(() => communityService.certificate(campaignId, authorId || undefined), [campaignId, authorId]);
  const { data, error, loading, reload } = useCloudQuery(load);
  useShareAppMessage(() => ({
    title: data ? `${data.nickname} 完成了「${data.campaignTitle}」` : '电子证书',
    path: `${COMMUNITY_CERTIFICATE}?campaignId=${campaignId}${authorId ? `&authorId=${authorId}` : ''}`,
    imageUrl: data?.imageUrl ?? undefined,
  }));

  if (error) return <PageShell className="cm-page"><ErrorState error={error} onRetry={reload} /></PageShell>;
  if (!data) return <PageShell className="cm-page">{loading ? <Loading /> : null}</PageShell>;
  return (
    <PageShell className="cm-page cm-certificate-page">
      <View className="cm-page__intro">
        <View className="cm-page__title">电子证书</View>
        <View className="cm-page__subtitle">
          {data.campaignTitle} · {data.issuedOn} · {data.serial}
        </View>
      </View>
      <View className="cm-card">
        {data.imageUrl ? (
          <Image className="cm-certificate certificate-image" src={data.imageUrl} mode="aspectFit" showMenuByLongpress />
        ) : (
          <View className="cm-note">证书图片生成中，请稍后再来看看</View>
        )}
      </View>
      {data.self && (
        <View>
          <Button className="cm-btn certificate-share" openType="share">
            晒证书给好友
          </Button>
          <Button className="cm-btn cm-btn--ghost certificate-post" onClick={() => Taro.navigateTo({ url: COMMUNITY_COMPOSE })}>
            在社区晒一晒
          </Button>
        </View>
      )}
    </PageShell>
  );
}
