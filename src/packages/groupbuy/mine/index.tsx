import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { JoinCard } from '../../../components/JoinCard';
import { MemberQrCode } from '../../../components/MemberQrCode';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { groupbuyService, type MyGroupOrder } from '../../../services/groupbuy';
import { GROUPBUY, GROUPBUY_GROUP } from '../../../routes';
import { Button, Empty, ErrorState, Loading, Page, Segmented, Tag, type Tone } from '../../../ui';
import { formatDay, formatMoney, formatPoints } from '../../../utils/format';
import '../groupbuy.scss';

const TABS = [
  { value: 'open', label: '拼团中' },
  { value: 'done', label: '已成团' },
  { value: 'refund', label: '退款' },
] as const;
type Tab = (typeof TABS)[number]['value'];

function tabOf(o: MyGroupOrder): Tab | null {
  if (o.status === 'refunding' || o.status === 'refunded') return 'refund';
  if (o.status === 'completed' || o.status === 'picked_up' || o.status === 'shipped') return 'done';
  if (o.status === 'paid' || o.status === 'awaiting_payment') return 'open';
  return null; // released holds: nothing to do
}

const EMPTY: Record<Tab, string> = { open: '没有进行中的拼团', done: '还没有成团的订单', refund: '没有退款记录' };

export default function MyGroupsPage() {
  const { data, error, loading, reload } = useCloudQuery(groupbuyService.myGroups, { refreshOnShow: true });
  const [tab, setTab] = useState<Tab>('open');

  let body;
  if (data) {
    const shown = data.orders.filter((o) => tabOf(o) === tab);
    body =
      shown.length === 0 ? (
        <Empty
          icon="users"
          title={EMPTY[tab]}
          className="gb-empty"
          action={
            <Button variant="secondary" onClick={() => void Taro.navigateTo({ url: GROUPBUY })}>
              去看看拼团
            </Button>
          }
        />
      ) : (
        shown.map((o) => <OrderCard key={o.orderNo} order={o} />)
      );
  } else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可和好友一起拼团。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <Page className="gb-page gb-mine-page">
      <View className="gb-page__intro">
        <View className="gb-page__subtitle">未成团的订单会自动原路退款</View>
      </View>
      <Segmented options={TABS} value={tab} onChange={setTab} className="gb-tabs" optionClass="gb-tab" />
      {body}
    </Page>
  );
}

function statusTone(o: MyGroupOrder): Tone {
  if (o.refund?.status === 'failed') return 'danger';
  if (o.status === 'refunded' || o.status === 'picked_up' || o.status === 'shipped') return 'neutral';
  if (o.status === 'completed') return 'success';
  return 'warning';
}

function OrderCard({ order }: { order: MyGroupOrder }) {
  const [showCode, setShowCode] = useState(false);
  const canPickUp = order.status === 'completed' && order.delivery.mode === 'pickup';
  return (
    <View className={`gb-card gb-order gb-order--${order.status}`}>
      <View className="gb-card__body">
        <View className="gb-order__head" onClick={() => order.groupId && void Taro.navigateTo({ url: `${GROUPBUY_GROUP}?groupId=${order.groupId}` })}>
          <View className="gb-order__title">{order.title}</View>
          <View className="gb-order__price">{formatMoney(order.priceFen)}</View>
        </View>
        <View className="gb-card__meta">
          {order.role === 'leader' ? '我开的团' : '我参加的团'} · {formatDay(order.createdAt)}
          {order.group ? ` · ${order.group.paid}/${order.group.size} 人已支付` : ''}
        </View>
        <View className="gb-card__tags">
          <Tag tone={statusTone(order)} className="gb-order-status">
            {order.statusText}
          </Tag>
        </View>
        {order.refund && (
          <View className="gb-card__meta gb-refund-detail">
            {order.refund.reason === 'group_failed' ? '未在时限内成团' : '支付晚于名额保留时间'}，退款 {formatMoney(order.refund.fee)}
            {order.refund.status === 'accepted' ? '（已退回支付账户）' : ''}
          </View>
        )}
        {order.points > 0 && <View className="gb-card__meta">获得 {formatPoints(order.points)}（售后期后可用）</View>}
        {canPickUp && (
          <View className="gb-order__actions">
            <Button size="sm" className="gb-show-code" onClick={() => setShowCode((v) => !v)}>
              {showCode ? '收起提货码' : '出示提货码'}
            </Button>
          </View>
        )}
        {canPickUp && showCode && (
          <MemberQrCode
            issue={() => groupbuyService.orderCode(order.orderNo)}
            title="提货码"
            hint="请向门店店员出示，核对后即完成提货，每个码仅可使用一次"
            refreshLabel="刷新"
            pinLabel="提货动态码"
            imageClassName="gb-order-qr"
          />
        )}
      </View>
    </View>
  );
}
