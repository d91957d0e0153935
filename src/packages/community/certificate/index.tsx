import { useCallback } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { communityService } from '../../../services/community';
import { COMMUNITY_CERTIFICATE, COMMUNITY_COMPOSE } from '../../../routes';
import { Button, Card, Notice, Page, QueryView } from '../../../ui';
import { formatDay } from '../../../utils/format';
import '../community.scss';

/** 电子证书: the image generated on the server for this member; shareable (晒证书), friends see it before joining. */
export default function CertificatePage() {
  const { campaignId = '', authorId } = useRouter().params;
  const load = useCallback(() => communityService.certificate(campaignId, authorId || undefined), [campaignId, authorId]);
  const query = useCloudQuery(load);
  const data = query.data;
  useShareAppMessage(() => ({
    title: data ? `${data.nickname} 完成了「${data.campaignTitle}」` : '电子证书',
    path: `${COMMUNITY_CERTIFICATE}?campaignId=${campaignId}${authorId ? `&authorId=${authorId}` : ''}`,
    imageUrl: data?.imageUrl ?? undefined,
  }));

  return (
    <Page
      className="cm-page cm-certificate-page"
      footer={
        data?.self ? (
          <View className="ui-btn-row">
            <Button variant="secondary" className="certificate-post" onClick={() => void Taro.navigateTo({ url: COMMUNITY_COMPOSE })}>
              在社区晒一晒
            </Button>
            <Button icon="share" className="certificate-share" openType="share">
              分享给好友
            </Button>
          </View>
        ) : undefined
      }
    >
      <QueryView query={query}>
        {(c) => (
          <View>
            <View className="cm-head">
              <View className="cm-head__text">
                <View className="cm-head__title certificate-title">{c.campaignTitle}</View>
                <View className="cm-head__subtitle">
                  {c.nickname} · 坚持 {c.days} 天 · {formatDay(c.issuedOn)} 颁发
                </View>
              </View>
            </View>
            <Card flush>
              {c.imageUrl ? (
                <Image className="cm-certificate certificate-image" src={c.imageUrl} mode="aspectFit" showMenuByLongpress />
              ) : (
                <Notice tone="warning">证书图片生成中，请稍后再来看看</Notice>
              )}
            </Card>
            <View className="cm-author__meta">证书编号 {c.serial} · {c.issuer}</View>
          </View>
        )}
      </QueryView>
    </Page>
  );
}
