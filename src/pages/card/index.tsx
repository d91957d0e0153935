import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { Avatar } from '../../components/Avatar';
import { JoinCard } from '../../components/JoinCard';
import { MemberQrCode } from '../../components/MemberQrCode';
import { ErrorState, Loading } from '../../components/StatusView';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { isCloudError } from '../../services/cloud';
import { memberService, type MemberCard } from '../../services/member';
import { formatDay, formatMemberNo } from '../../utils/format';
import './index.scss';

export default function MemberCardPage() {
  const { data, error, loading, reload } = useCloudQuery(memberService.card);

  let body;
  if (data) body = <CardFace card={data} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可领取你的专属会员卡。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return <PageShell className="member-card-page">{body}</PageShell>;
}

function CardFace({ card }: { card: MemberCard }) {
  return (
    <View>
      <View className="card-face" style={{ backgroundColor: card.tier.color }}>
        <View className="card-face__shine" />
        <View className="card-face__top">
          <Text className="card-tier">{card.tier.name}</Text>
          <Text className="card-face__brand">MEMBER</Text>
        </View>
        <View className="card-face__holder">
          <Avatar src={card.avatarUrl} fallbackText={card.nickname} size="sm" />
          <Text className="card-nickname">{card.nickname}</Text>
        </View>
        <View className="card-member-no">{formatMemberNo(card.memberNo)}</View>
        <View className="card-since">{formatDay(card.since)} 加入</View>
      </View>

      <MemberQrCode />
    </View>
  );
}
