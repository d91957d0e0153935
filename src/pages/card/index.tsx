import { View } from '@tarojs/components';
import { JoinCard } from '../../components/JoinCard';
import { MemberCardFace } from '../../components/MemberCardFace';
import { MemberQrCode } from '../../components/MemberQrCode';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { memberService, type MemberCard } from '../../services/member';
import { Notice, Page, QueryView } from '../../ui';
import { formatDay, formatMemberNo } from '../../utils/format';
import './index.scss';

/** 会员码 (a tab): the card in the tier's colour and the live till code, scanned or typed at the counter. */
export default function MemberCardPage() {
  const card = useCloudQuery(memberService.card, { refreshOnShow: true });
  return (
    <Page className="member-card-page">
      <QueryView query={card} visitor={<JoinCard text="加入会员后，即可领取你的专属会员卡，到店出示享会员礼遇。" />}>
        {(data) => <CardAndCode card={data} />}
      </QueryView>
    </Page>
  );
}

function CardAndCode({ card }: { card: MemberCard }) {
  return (
    <View>
      <MemberCardFace tier={card.tier} nickname={card.nickname} avatarUrl={card.avatarUrl} vip={card.vip.active} footer={`${formatDay(card.since)} 加入`}>
        <View className="card-member-no">{formatMemberNo(card.memberNo)}</View>
      </MemberCardFace>
      <MemberQrCode hint="结账时请店员扫码；没有扫码枪时，把会员号和动态码告诉店员即可。每个码只能用一次。" />
      <Notice tone="neutral" icon="shield">
        动态码每 30 秒更新一次，截图无效，请勿转发给他人。
      </Notice>
    </View>
  );
}
