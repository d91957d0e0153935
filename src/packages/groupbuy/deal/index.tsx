import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Avatar } from '../../../components/Avatar';
import { JoinCard } from '../../../components/JoinCard';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { groupbuyService, type DealDetail } from '../../../services/groupbuy';
import { GROUPBUY_DEAL, GROUPBUY_GROUP, registerThenBack } from '../../../routes';
import { Button, Card, ConfirmSheet, ErrorState, Loading, Notice, Page, Tag, toast } from '../../../ui';
import { formatMoney } from '../../../utils/format';
import { newRequestId } from '../../../utils/request-id';
import { Countdown, Cover, LayerTag, Price, dealTitle, payPlaced, useDelivery } from '../groupbuy-view';
import '../groupbuy.scss';

export default function DealPage() {
  const { params } = useRouter();
  const dealId = params.dealId ?? '';
  const { data, error, loading, reload } = useCloudQuery(() => groupbuyService.deal(dealId), { refreshOnShow: true });

  if (data) return <DealBody detail={data} />;
  let body;
  if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可和好友一起拼团。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;
  return <Page className="gb-page gb-deal-page">{body}</Page>;
}

function DealBody({ detail }: { detail: DealDetail }) {
  const { deal } = detail;
  const { delivery, form, summary } = useDelivery({ modes: deal.deliveryModes, stores: detail.pickupStores });
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // One opening intent: kept while the same tap is retried, so a lost answer never opens two groups.
  const requestId = useRef<string | null>(null);
  const goGroup = (groupId: string) => void Taro.navigateTo({ url: `${GROUPBUY_GROUP}?groupId=${groupId}` });

  const openGroup = async () => {
    if (busy || !deal.available) return;
    setConfirming(false);
    setBusy(true);
    requestId.current ??= newRequestId();
    try {
      const placed = await groupbuyService.open({ dealId: deal.dealId, requestId: requestId.current, delivery });
      requestId.current = null;
      const after = await payPlaced(placed);
      if (after?.status === 'paid') {
        toast.success('开团成功，快邀请好友');
        void Taro.redirectTo({ url: `${GROUPBUY_GROUP}?groupId=${placed.order.groupId}` });
      } else {
        toast.info('支付未完成，团还没开');
      }
    } catch (e) {
      toast.error(e);
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') requestId.current = null;
    } finally {
      setBusy(false);
    }
  };

  const label = busy ? '处理中…' : deal.available ? `${formatMoney(deal.groupPriceFen)} 开团` : (deal.reason ?? '暂不可开团');
  // A visitor: register and come back to this deal (its open groups can be joined then too).
  const now = detail.serverNow;
  const onSale = deal.groupsLeft > 0 && (!deal.saleFrom || deal.saleFrom <= now) && (!deal.saleTo || now < deal.saleTo);
  const invited = !detail.registered && onSale;
  const footer = invited ? (
    <Button block icon="sparkle" className="gb-register-open" onClick={() => void Taro.navigateTo({ url: registerThenBack(`${GROUPBUY_DEAL}?dealId=${deal.dealId}`) })}>
      加入会员开团
    </Button>
  ) : (
    <Button block loading={busy} disabled={!deal.available} className="gb-open" onClick={() => setConfirming(true)}>
      {label}
    </Button>
  );
  return (
    <Page className="gb-page gb-deal-page" footer={footer}>
      <View className="gb-card gb-card--hero gb-deal-detail">
        <Cover src={deal.images[0]} />
        <View className="gb-card__body">
          <View className="gb-card__title gb-deal-title">{dealTitle(deal.title)}</View>
          <Price fen={deal.groupPriceFen} was={deal.singlePriceFen} />
          <View className="gb-card__tags">
            <Tag tone="primary">{deal.groupSize}人成团</Tag>
            <Tag>{deal.windowHours} 小时内成团</Tag>
            <Tag>每人限 {deal.perMember} 份</Tag>
            {deal.newMembersOnly && <Tag tone="warning">仅限新会员参团</Tag>}
            <LayerTag names={deal.layerNames} />
          </View>
          {deal.leaderReward && (
            <View className="gb-card__tags">
              <Tag tone="success" className="gb-leader-reward">
                {deal.leaderReward}
              </Tag>
            </View>
          )}
          {deal.description && <View className="gb-card__desc">{deal.description}</View>}
        </View>
      </View>

      {deal.canJoin && (
        <Card title="可直接参团" className="gb-open-groups">
          {detail.openGroups.length === 0 && <View className="gb-card__meta gb-no-open-groups">暂时没有待成团的团，开一个邀请好友吧</View>}
          {detail.openGroups.map((g) => (
            <View key={g.groupId} className="gb-open-group" onClick={() => goGroup(g.groupId)}>
              <Avatar src={g.leaderAvatarUrl} fallbackText={g.leaderNickname.slice(0, 1)} size="sm" />
              <View className="gb-open-group__who">
                <View className="gb-open-group__name">{g.leaderNickname} 的团</View>
                <Countdown className="gb-open-group__left" target={g.expiresAt} serverNow={detail.serverNow} prefix={`还差 ${g.missing} 人 · 剩余`} />
              </View>
              <Button variant="secondary" size="sm" className="gb-go-join">
                去参团
              </Button>
            </View>
          ))}
        </Card>
      )}

      {/* A member who cannot open one (another layer, sold out…) reads why on the button: no form to fill in vain. */}
      {detail.registered ? (
        deal.available && (
          <Card title="我来开团" className="gb-open-form">
            {form}
          </Card>
        )
      ) : (
        <Notice tone="primary" icon="sparkle" className="gb-visitor">
          {deal.reason}
        </Notice>
      )}

      <ConfirmSheet
        open={confirming}
        title="确认开团"
        rows={[
          { label: '商品', value: deal.title },
          { label: '领取方式', value: summary },
          { label: '拼团价', value: formatMoney(deal.groupPriceFen), emphasis: true, className: 'gb-open-price' },
        ]}
        note={`支付后团即开启，${deal.windowHours} 小时内凑满 ${deal.groupSize} 人即成团；未成团将原路全额退款。`}
        confirmText="去支付"
        busy={busy}
        onConfirm={() => void openGroup()}
        onCancel={() => setConfirming(false)}
        className="gb-open-sheet"
      />
    </Page>
  );
}
