import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Avatar } from '../../../components/Avatar';
import { JoinCard } from '../../../components/JoinCard';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { groupbuyService, yuan, type DealDetail } from '../../../services/groupbuy';
import { newRequestId } from '../../../services/vip';
import { GROUPBUY_GROUP } from '../../../routes';
import { Countdown, Cover, Price, payPlaced, useDelivery } from '../groupbuy-view';
import '../groupbuy.scss';

export default function DealPage() {
  const { params } = useRouter();
  const dealId = params.dealId ?? '';
  const { data, error, loading, reload } = useCloudQuery(() => groupbuyService.deal(dealId), { refreshOnShow: true });

  let body;
  if (data) body = <DealBody detail={data} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可和好友一起拼团。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;
  return <PageShell className="gb-page gb-deal-page">{body}</PageShell>;
}

function DealBody({ detail }: { detail: DealDetail }) {
  const { deal } = detail;
  const { delivery, form } = useDelivery({ modes: deal.deliveryModes, stores: detail.pickupStores });
  const [busy, setBusy] = useState(false);
  // One opening intent: kept while the same tap is retried, so a lost answer never opens two groups.
  const requestId = useRef<string | null>(null);
  const goGroup = (groupId: string) => Taro.navigateTo({ url: `${GROUPBUY_GROUP}?groupId=${groupId}` });

  const openGroup = async () => {
    if (busy || !deal.available) return;
    setBusy(true);
    requestId.current ??= newRequestId();
    try {
      const placed = await groupbuyService.open({ dealId: deal.dealId, requestId: requestId.current, delivery });
      requestId.current = null;
      const after = await payPlaced(placed);
      void Taro.showToast({ title: after?.status === 'paid' ? '开团成功，快邀请好友' : '支付未完成，团还没开', icon: after?.status === 'paid' ? 'success' : 'none' });
      if (after?.status === 'paid') void Taro.redirectTo({ url: `${GROUPBUY_GROUP}?groupId=${placed.order.groupId}` });
    } catch (e) {
      void Taro.showToast({ title: describeError(e), icon: 'none', duration: 2500 });
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') requestId.current = null;
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <View className="gb-card gb-deal-detail">
        <Cover src={deal.images[0]} />
        <View className="gb-card__body">
          <View className="gb-card__title gb-deal-title">{deal.title}</View>
          <Price fen={deal.groupPriceFen} was={deal.singlePriceFen} />
          <View className="gb-card__meta">
            {deal.groupSize}人成团 · 团长支付后 {deal.windowHours} 小时内成团 · 每人限 {deal.perMember} 份
          </View>
          {deal.leaderReward && <View className="gb-card__tag gb-leader-reward">{deal.leaderReward}</View>}
          {deal.newMembersOnly && <View className="gb-card__tag">仅限新会员参团</View>}
          {deal.description && <View className="gb-card__desc">{deal.description}</View>}
        </View>
      </View>

      <View className="card gb-open-groups">
        <View className="section-title">可直接参团</View>
        {detail.openGroups.length === 0 && <View className="gb-card__meta gb-no-open-groups">暂时没有待成团的团，开一个邀请好友吧</View>}
        {detail.openGroups.map((g) => (
          <View key={g.groupId} className="gb-open-group" onClick={() => goGroup(g.groupId)}>
            <Avatar src={g.leaderAvatarUrl} fallbackText={g.leaderNickname.slice(0, 1)} size="sm" />
            <View className="gb-open-group__who">
              <View>{g.leaderNickname} 的团</View>
              <Countdown className="gb-open-group__left" target={g.expiresAt} serverNow={detail.serverNow} prefix={`还差 ${g.missing} 人 · 剩余`} />
            </View>
            <View className="btn btn--ghost gb-small-btn gb-go-join">去参团</View>
          </View>
        ))}
      </View>

      <View className="card gb-open-form">
        <View className="section-title">我来开团</View>
        {form}
      </View>
      <Button className={`btn btn--primary btn--block gb-open ${busy || !deal.available ? 'btn--disabled' : ''}`} disabled={busy || !deal.available || undefined} onClick={() => void openGroup()}>
        {busy ? '处理中…' : deal.available ? `¥${yuan(deal.groupPriceFen)} 开团` : (deal.reason ?? '暂不可开团')}
      </Button>
    </View>
  );
}
