import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { JoinCard } from '../../../components/JoinCard';
import { MemberQrCode } from '../../../components/MemberQrCode';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { groupbuyService, yuan, type MyGroupOrder } from '../../../services/groupbuy';
import { GROUPBUY_GROUP } from '../../../routes';
import { formatDay } from '../../../utils/format';
import '../groupbuy.scss';

const TABS = [
  { key: 'open', name: '拼团中' },
  { key: 'done', name: '已成团' },
  { key: 'refund', name: '退款' },
] as const;
type Tab = (typeof TABS)[number]['key'];

function tabOf(o: MyGroupOrder): Tab | null {
  if (o.status === 'refunding' || o.status === 'refunded') return 'refund';
  if (o.status === 'completed' || o.status === 'picked_up' || o.status === 'shipped') return 'done';
  if (o.status === 'paid' || o.status === 'awaiting_payment') return 'open';
  return null; // released holds: nothing to do
}

export default function MyGroupsPage() {
  const { data, error, loading, reload } = useCloudQuery(groupbuyService.myGroups, { refreshOnShow: true });
  const [tab, setTab] = useState<Tab>('open');

  let body;
  if (data) {
    const shown = data.orders.filter((o) => tabOf(o) === tab);
    body = shown.length === 0 ? <View className="gb-page__empty gb-empty">这里还没有订单</View> : shown.map((o) => <OrderCard key={o.orderNo} order={o} />);
  } else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可和好友一起拼团。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <PageShell className="gb-page gb-mine-page">
      <View className="gb-page__intro">
        <View className="gb-page__title">我的拼团</View>
        <View className="gb-page__subtitle">未成团的订单会自动原路退款</View>
      </View>
      <View className="gb-tabs">
        {TABS.map((t) => (
          <View key={t.key} className={`gb-tabs__tab gb-tab--${t.key} ${tab === t.key ? 'gb-tabs__tab--active' : ''}`} onClick={() => setTab(t.key)}>
            {t.name}
          </View>
        ))}
      </View>
      {body}
    </PageShell>
  );
}

function OrderCard({ order }: { order: MyGroupOrder }) {
  const [showCode, setShowCode] = useState(false);
  const canPickUp = order.status === 'completed' && order.delivery.mode === 'pickup';
  return (
    <View className={`gb-card gb-order gb-order--${order.status}`}>
      <View className="gb-card__body">
        <View className="gb-order__head" onClick={() => order.groupId && Taro.navigateTo({ url: `${GROUPBUY_GROUP}?groupId=${order.groupId}` })}>
          <View className="gb-card__title">{order.title}</View>
          <View className="gb-order__price">¥{yuan(order.priceFen)}</View>
        </View>
        <View className="gb-card__meta">
          {order.role === 'leader' ? '我开的团' : '我参加的团'} · {formatDay(order.createdAt)}
          {order.group ? ` · ${order.group.paid}/${order.group.size} 人已支付` : ''}
        </View>
        <View className={`gb-order__status gb-order-status ${order.refund?.status === 'failed' ? 'gb-order__status--warn' : ''}`}>{order.statusText}</View>
        {order.refund && (
          <View className="gb-card__meta gb-refund-detail">
            {order.refund.reason === 'group_failed' ? '未在时限内成团' : '支付晚于名额保留时间'}，退款 ¥{yuan(order.refund.fee)}
            {order.refund.status === 'accepted' ? '（已退回支付账户）' : ''}
          </View>
        )}
        {order.points > 0 && <View className="gb-card__meta">获得 {order.points} 积分（售后期后可用）</View>}
        {canPickUp && (
          <View className="gb-link gb-show-code" onClick={() => setShowCode((v) => !v)}>
            {showCode ? '收起提货码' : '出示提货码 ›'}
          </View>
        )}
        {canPickUp && showCode && (
          <MemberQrCode
            issue={() => groupbuyService.orderCode(order.orderNo)}
            title="提货码"
            hint="请向门店店员出示，扫码后即完成提货，每个码仅可使用一次"
            refreshLabel="刷新"
            tokenClassName="gb-order-code-token"
            imageClassName="gb-order-qr"
          />
        )}
      </View>
    </View>
  );
}
