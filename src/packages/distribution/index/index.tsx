import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { JoinCard } from '../../../components/JoinCard';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { formatFen } from '../../../services/coupons';
import { distributionService, type DistributionStatus } from '../../../services/distribution';
import { confirmPaid } from '../../../services/payment/confirm-paid';
import { pay } from '../../../services/payment/pay';
import { newRequestId } from '../../../services/vip';
import { DISTRIBUTION_COMMISSIONS, DISTRIBUTION_FANS, DISTRIBUTION_SHARE, DISTRIBUTION_WITHDRAW } from '../../../routes';
import { formatDay } from '../../../utils/format';
import '../distribution.scss';

export default function DistributionCenterPage() {
  const { data, error, loading, reload } = useCloudQuery(distributionService.status, { refreshOnShow: true });

  let body;
  if (data && !data.enabled && !data.distributor) body = <View className="dist-page__empty dist-closed">推广计划暂未开放，敬请期待</View>;
  else if (data?.distributor && data.account) body = <DistributorView status={data} />;
  else if (data) body = <BecomeDistributor status={data} onJoined={reload} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可了解并加入推广计划。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <PageShell className="dist-page dist-center">
      <View className="dist-page__intro">
        <View className="dist-page__title">推广中心</View>
        <View className="dist-page__subtitle">把喜欢的好物分享给朋友，朋友消费后你可获得佣金</View>
      </View>
      {body}
    </PageShell>
  );
}

function DistributorView({ status }: { status: DistributionStatus }) {
  const d = status.distributor!;
  const account = status.account!;
  const negative = account.balanceFen < 0;
  const percent = d.nextGrade ? Math.min(100, Math.round((d.activeFans / d.nextGrade.minActiveFans) * 100)) : 100;
  const links = [
    { url: DISTRIBUTION_SHARE, className: 'to-dist-share', title: '我的推广码', desc: '分享卡片或小程序码' },
    { url: DISTRIBUTION_FANS, className: 'to-dist-fans', title: '我的粉丝', desc: `共 ${d.fans} 位` },
    { url: DISTRIBUTION_COMMISSIONS, className: 'to-dist-commissions', title: '佣金明细', desc: '每一笔的状态与原因' },
    { url: DISTRIBUTION_WITHDRAW, className: 'to-dist-withdraw', title: '提现', desc: '转入微信零钱' },
  ];
  return (
    <View className="dist-home">
      <View className="dist-wallet">
        <View className="dist-wallet__label">可提现佣金</View>
        <View className={`dist-wallet__balance dist-balance ${negative ? 'dist-wallet__balance--negative' : ''}`}>{formatFen(account.balanceFen)}</View>
        {negative && <View className="dist-wallet__note">有已结算佣金因退款被扣回，后续佣金将先抵扣</View>}
        <View className="dist-wallet__row">
          <View className="dist-wallet__cell">
            <View className="dist-wallet__label">待结算</View>
            <View className="dist-wallet__value dist-pending">{formatFen(account.pendingFen)}</View>
          </View>
          <View className="dist-wallet__cell">
            <View className="dist-wallet__label">累计结算</View>
            <View className="dist-wallet__value">{formatFen(account.settledFen)}</View>
          </View>
          <View className="dist-wallet__cell">
            <View className="dist-wallet__label">已提现</View>
            <View className="dist-wallet__value">{formatFen(account.withdrawnFen)}</View>
          </View>
        </View>
      </View>

      <View className="card dist-grade">
        <View className="dist-grade__head">
          <Text className="dist-grade__name dist-grade-name">{d.grade.name}</Text>
          <Text className="dist-grade__fans">活跃粉丝 {d.activeFans} 位</Text>
        </View>
        <View className="dist-grade__bar">
          <View className="dist-grade__fill" style={{ width: `${percent}%` }} />
        </View>
        <View className="dist-grade__hint">
          {d.nextGrade ? `再有 ${d.nextGrade.minActiveFans - d.activeFans} 位活跃粉丝即可升级为「${d.nextGrade.name}」，佣金比例更高` : '已是最高等级'}
        </View>
        <View className="dist-grade__hint">自 {formatDay(d.since)} 起成为推广员</View>
      </View>

      <View className="dist-links">
        {links.map((l) => (
          <View key={l.url} className={`dist-links__item ${l.className}`} onClick={() => Taro.navigateTo({ url: l.url })}>
            <View className="dist-links__title">{l.title}</View>
            <View className="dist-links__desc">{l.desc}</View>
          </View>
        ))}
      </View>
      <View className="dist-page__link">佣金在订单售后期结束后结算；订单退款时，对应佣金作废或全额扣回</View>
    </View>
  );
}

function BecomeDistributor({ status, onJoined }: { status: DistributionStatus; onJoined: () => void }) {
  const [busy, setBusy] = useState(false);
  const requestId = useRef<string | null>(null);

  const join = async () => {
    if (busy || !status.canJoin) return;
    setBusy(true);
    try {
      await distributionService.join();
      void Taro.showToast({ title: '已成为推广员', icon: 'success' });
      onJoined();
    } catch (e) {
      void Taro.showToast({ title: describeError(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const buyPack = async () => {
    if (busy || !status.giftPack) return;
    setBusy(true);
    try {
      requestId.current ??= newRequestId();
      const order = await distributionService.buyGiftPack(requestId.current);
      if (order.payment && (await pay(order.outTradeNo, order.payment)) === 'cancelled') {
        requestId.current = null;
        void Taro.showToast({ title: '已取消支付', icon: 'none' });
        return;
      }
      requestId.current = null;
      await confirmPaid(() => distributionService.confirmGiftPack(order.outTradeNo));
      void Taro.showToast({ title: '购买成功，已成为推广员', icon: 'success' });
      onJoined();
    } catch (e) {
      void Taro.showToast({ title: isCloudError(e) ? describeError(e) : '支付未完成，请稍后再试', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="dist-become">
      <View className="card dist-conditions">
        <View className="section-title">满足任一条件即可成为推广员</View>
        {status.conditions.map((c) => (
          <View key={c.code} className={`dist-condition dist-condition--${c.code}`}>
            <View className={`dist-condition__mark ${c.met ? 'dist-condition__mark--met' : ''}`}>{c.met ? '✓' : ''}</View>
            <View className="dist-condition__body">
              <View className="dist-condition__title">{c.title}</View>
              {c.target !== null && c.current !== null && (
                <View className="dist-condition__progress">
                  {c.code === 'task_spend' ? `已消费 ${formatFen(c.current)} / ${formatFen(c.target)}` : `已完成 ${c.current} / ${c.target} 天`}
                </View>
              )}
            </View>
          </View>
        ))}
      </View>
      <Button
        className={`btn btn--primary btn--block dist-join ${busy || !status.canJoin ? 'btn--disabled' : ''}`}
        disabled={busy || !status.canJoin || undefined}
        onClick={join}
      >
        {status.canJoin ? '成为推广员' : '暂未满足条件'}
      </Button>

      {status.giftPack && (
        <View className="card dist-gift-pack">
          <View className="section-title">{status.giftPack.title}</View>
          {status.giftPack.description && <View className="dist-item__reason">{status.giftPack.description}</View>}
          {status.giftPack.benefits.map((b) => (
            <View key={b.code} className="dist-item__meta">
              · {b.title}：{b.description}
            </View>
          ))}
          <Button className={`btn btn--ghost btn--block dist-buy-pack ${busy ? 'btn--disabled' : ''}`} disabled={busy || undefined} onClick={buyPack}>
            {formatFen(status.giftPack.priceFen)} 购买礼包
          </Button>
        </View>
      )}
    </View>
  );
}
