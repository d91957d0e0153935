import { Image, View } from '@tarojs/components';
import { Avatar } from '../../../components/Avatar';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { kocService } from '../../../services/koc';
import { Card, Page, QueryView } from '../../../ui';
import '../koc.scss';

/**
 * The member's invitation card: their name and a mini-program code that opens the home page with who invited.
 * Nothing is promised for inviting (no "invite 3, get a sample"): the card only introduces the community.
 */
export default function InvitePage() {
  const query = useCloudQuery(kocService.inviteCard);
  return (
    <Page className="koc-page koc-invite-page">
      <QueryView query={query}>
        {(card) => (
          <Card className="invite-card">
            <View className="koc-invite">
              <Avatar src={card.inviter.avatarUrl} size="lg" />
              <View className="koc-invite__name invite-name">{card.inviter.nickname}</View>
              <View className="koc-muted">邀请你来会员社区，一起分享喜欢的味道</View>
              <Image className="koc-invite__code invite-code" src={card.codeUrl} mode="aspectFit" showMenuByLongpress />
              <View className="koc-muted">微信扫码或长按识别，进入小程序</View>
            </View>
          </Card>
        )}
      </QueryView>
    </Page>
  );
}
