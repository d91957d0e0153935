import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { Avatar } from '../../components/Avatar';
import { TierBadge } from '../../components/TierBadge';
import { GrowthProgress } from '../../components/GrowthProgress';
import { JoinCard } from '../../components/JoinCard';
import { ExpiryNotice } from '../../components/ExpiryNotice';
import { ErrorState, Loading } from '../../components/StatusView';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { isCloudError } from '../../services/cloud';
import { memberService, type MemberCenter } from '../../services/member';
import { pointsService, type PointsSummary } from '../../services/points';
import { EDIT_PROFILE, MEMBER_CARD, POINTS_CHECKIN, POINTS_HISTORY } from '../../routes';
import { MY_COUPONS, VIP_CARD } from '../../routes';
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

/**
 * The soonest points expiry, fetched once the center has loaded and again with every reload of it (each answer
 * is a new object), so visitors cost no call. A failure only hides the line: the balance is already shown.
 */
function useExpiringPoints(center: MemberCenter): PointsSummary['expiring'] {
  const [expiring, setExpiring] = useState<PointsSummary['expiring']>(null);
  useEffect(() => {
    let live = true;
    pointsService.summary().then(
      (s) => live && setExpiring(s.expiring),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [center]);
  return expiring;
}

function MemberCenterView({ center }: { center: MemberCenter }) {
  const { tier } = center;
  const expiring = useExpiringPoints(center);
  const toHistory = () => Taro.navigateTo({ url: POINTS_HISTORY });
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
        <View className="member__points" onClick={toHistory}>
          <Text className="member__points-label">积分</Text>
          <View className="member__points-value">
            <Text className="member-points">{formatNumber(center.points.balance)}</Text>
            <Text className="member__points-more">明细 ›</Text>
          </View>
        </View>
        <ExpiryNotice className="member__expiry expiry-notice" expiring={expiring} onClick={toHistory} />
        <View className="member__points-actions">
          <View className="member__points-action to-checkin" onClick={() => Taro.navigateTo({ url: POINTS_CHECKIN })}>
            每日签到
          </View>
          <View className="member__points-action to-history" onClick={toHistory}>
            积分明细
          </View>
          <View className="member__points-action to-my-coupons" onClick={() => Taro.navigateTo({ url: MY_COUPONS })}>
            我的券
          </View>
        </View>
      </View>

      <View className="member__entries">
        <Button className="btn btn--primary member__entry to-card" onClick={() => Taro.navigateTo({ url: MEMBER_CARD })}>
          会员卡
        </Button>
        <Button className="btn btn--ghost member__entry to-profile" onClick={() => Taro.navigateTo({ url: EDIT_PROFILE })}>
          编辑资料
        </Button>
        <Button className="btn btn--ghost member__entry to-vip" onClick={() => Taro.navigateTo({ url: VIP_CARD })}>
          付费会员
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
