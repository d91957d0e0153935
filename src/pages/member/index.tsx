import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { Avatar } from '../../components/Avatar';
import { TierBadge } from '../../components/TierBadge';
import { GrowthProgress } from '../../components/GrowthProgress';
import { JoinCard } from '../../components/JoinCard';
import { ErrorState, Loading } from '../../components/StatusView';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { isCloudError } from '../../services/cloud';
import { memberService, type MemberCenter } from '../../services/member';
import { EDIT_PROFILE, MEMBER_CARD } from '../../routes';
import { formatNumber } from '../../utils/format';
import './index.scss';

export default function MemberCenterPage() {
  const { data, error, loading, reload } = useCloudQuery(memberService.center, { refreshOnShow: true });

  let body;
  if (data) body = <MemberCenterView center={data} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return <PageShell className="member">{body}</PageShell>;
}

function MemberCenterView({ center }: { center: MemberCenter }) {
  const { tier } = center;
  return (
    <View className="member-center">
      <View className="member__profile" style={{ background: `linear-gradient(135deg, ${tier.color}33 0%, #ffffff 65%)` }}>
        <Avatar src={center.avatarUrl} fallbackText={center.nickname} size="lg" />
        <View className="member__identity">
          <View className="member-nickname">{center.nickname}</View>
          <TierBadge className="member-tier" name={tier.name} color={tier.color} />
        </View>
      </View>

      <View className="card member__stats">
        <GrowthProgress
          className="member-growth"
          growth={center.growth}
          nextTier={center.nextTier}
          growthToNext={center.growthToNext}
          progressPercent={center.progressPercent}
          color={tier.color}
        />
        <View className="member__points">
          <Text className="member__points-label">积分</Text>
          <Text className="member-points">{formatNumber(center.points.balance)}</Text>
        </View>
      </View>

      <View className="member__entries">
        <Button className="btn btn--primary member__entry to-card" onClick={() => Taro.navigateTo({ url: MEMBER_CARD })}>
          会员卡
        </Button>
        <Button className="btn btn--ghost member__entry to-profile" onClick={() => Taro.navigateTo({ url: EDIT_PROFILE })}>
          编辑资料
        </Button>
      </View>

      <View className="card member__benefits">
        <View className="section-title">
          <Text style={{ color: tier.color }}>{tier.name}</Text>
          <Text>专属权益</Text>
        </View>
        {center.benefits.length === 0 && <View className="member__empty">权益正在准备中，敬请期待</View>}
        {center.benefits.map((b) => (
          <View key={b.code} className="member-benefit">
            <View className="member-benefit__dot" style={{ backgroundColor: tier.color }} />
            <View className="member-benefit__body">
              <View className="member-benefit__title">{b.title}</View>
              <View className="member-benefit__desc">{b.description}</View>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
