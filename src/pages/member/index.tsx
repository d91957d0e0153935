import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Avatar } from '../../components/Avatar';
import { ExpiryNotice } from '../../components/ExpiryNotice';
import { GrowthProgress } from '../../components/GrowthProgress';
import { JoinCard } from '../../components/JoinCard';
import { TierBadge } from '../../components/TierBadge';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { memberService, type MemberCenter } from '../../services/member';
import { pointsService, type PointsSummary } from '../../services/points';
import {
  COUPON_CENTER,
  EDIT_PROFILE,
  MALL,
  MALL_ORDERS,
  MY_COUPONS,
  MY_DATA,
  MY_SCORE,
  POINTS_CHECKIN,
  POINTS_HISTORY,
  PRIVACY_POLICY,
  VIP_CARD,
} from '../../routes';
import { Card, Cell, CellGroup, Icon, Page, QueryView, Stat, StatRow, Tag } from '../../ui';
import { formatDay, formatNumber } from '../../utils/format';
import './index.scss';

const go = (url: string) => () => void Taro.navigateTo({ url });

/** 我的 (a tab): who I am in the community, my points and what I can do with them. */
export default function MemberCenterPage() {
  const center = useCloudQuery(memberService.center, { refreshOnShow: true });
  return (
    <Page className="member">
      <QueryView query={center} visitor={<VisitorCenter />}>
        {(data) => <MemberCenterView center={data} />}
      </QueryView>
    </Page>
  );
}

function VisitorCenter() {
  return (
    <View>
      <JoinCard />
      <CellGroup>
        <Cell icon="bag" title="积分商城" description="先看看可以兑换什么" onClick={go(MALL)} className="to-mall" />
        <Cell icon="ticket" title="领券中心" description="会员专享优惠券" onClick={go(COUPON_CENTER)} className="to-coupons" />
        <Cell icon="shield" title="隐私政策" onClick={go(PRIVACY_POLICY)} />
      </CellGroup>
    </View>
  );
}

/**
 * Balance, pending points and the expiry notice, fetched with every reload of the center (each answer is a
 * new object). A failure only hides them: the balance is already shown.
 */
function usePointsSummary(center: MemberCenter): PointsSummary | null {
  const [summary, setSummary] = useState<PointsSummary | null>(null);
  useEffect(() => {
    let live = true;
    pointsService.summary().then(
      (s) => live && setSummary(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [center]);
  return summary;
}

function MemberCenterView({ center }: { center: MemberCenter }) {
  const { tier } = center;
  const summary = usePointsSummary(center);
  return (
    <View className="member-center">
      <View className="member__profile" onClick={go(EDIT_PROFILE)}>
        <Avatar src={center.avatarUrl} fallbackText={center.nickname} size="lg" />
        <View className="member__identity">
          <View className="member-nickname">{center.nickname}</View>
          <View className="member__badges">
            <TierBadge className="member-tier" name={tier.name} color={tier.color} />
            {center.vip.active && (
              <Tag tone="warning" className="member-vip">
                超级会员 · 至 {formatDay(center.vip.until ?? '')}
              </Tag>
            )}
          </View>
        </View>
        <Icon name="chevronRight" size="sm" color="textMuted" />
      </View>

      <Card className="member__stats">
        <StatRow className="member__figures">
          <Stat value={<Text className="member-points">{formatNumber(summary?.balance ?? center.points.balance)}</Text>} label="可用积分" onClick={go(POINTS_HISTORY)} />
          <Stat value={<Text className="member-pending">{summary ? formatNumber(summary.pending) : '—'}</Text>} label="待生效积分" onClick={go(POINTS_HISTORY)} />
          <Stat value={formatNumber(center.growth)} label="成长值" />
        </StatRow>
        {summary && summary.pending > 0 && <View className="member__pending-note">消费积分在售后期结束后生效，生效后即可使用</View>}
        {summary?.expiring && <ExpiryNotice className="member__expiry expiry-notice" expiring={summary.expiring} onClick={go(POINTS_HISTORY)} />}
        <View className="member__growth">
          <GrowthProgress
            className="member-growth"
            growth={center.growth}
            nextTier={center.nextTier}
            growthToNext={center.growthToNext}
            progressPercent={center.progressPercent}
            color={tier.color}
          />
        </View>
      </Card>

      <CellGroup>
        <Cell icon="calendar" title="每日签到" description="连续签到奖励更多" onClick={go(POINTS_CHECKIN)} className="to-checkin" />
        <Cell icon="list" title="积分明细" onClick={go(POINTS_HISTORY)} className="to-history" />
        <Cell icon="ticket" title="我的券" onClick={go(MY_COUPONS)} className="to-my-coupons" />
        <Cell icon="receipt" title="我的兑换" onClick={go(MALL_ORDERS)} className="to-mall-orders" />
        <Cell icon="star" title="超级用户" description="消费、互动、内容三项评分" onClick={go(MY_SCORE)} className="to-my-score" />
      </CellGroup>

      <CellGroup>
        <Cell icon="bag" title="积分商城" onClick={go(MALL)} className="to-mall" />
        <Cell icon="crown" title="超级会员" value={center.vip.active ? '已开通' : undefined} onClick={go(VIP_CARD)} className="to-vip" />
        <Cell icon="edit" title="编辑资料" onClick={go(EDIT_PROFILE)} className="to-profile" />
        <Cell icon="shield" title="隐私政策" onClick={go(PRIVACY_POLICY)} />
        <Cell icon="user" title="我的数据与账户" onClick={go(MY_DATA)} className="to-my-data" />
      </CellGroup>

      <Card title={`${tier.name}专属权益`} className="member__benefits">
        {center.benefits.length === 0 && <View className="member__empty">权益正在准备中，敬请期待</View>}
        {center.benefits.map((b) => (
          <View key={b.code} className="member-benefit">
            <View className="member-benefit__icon">
              <Icon name="star" size="sm" color="primaryDark" />
            </View>
            <View className="member-benefit__body">
              <View className="member-benefit__title">{b.title}</View>
              <View className="member-benefit__desc">{b.description}</View>
            </View>
          </View>
        ))}
      </Card>
    </View>
  );
}
