import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { JoinCard } from '../../../components/JoinCard';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { distributionService, type DistributionStatus } from '../../../services/distribution';
import { confirmPaid } from '../../../services/payment/confirm-paid';
import { pay } from '../../../services/payment/pay';
import { DISTRIBUTION_COMMISSIONS, DISTRIBUTION_FANS, DISTRIBUTION_SHARE, DISTRIBUTION_WITHDRAW } from '../../../routes';
import { Button, Card, Cell, CellGroup, ConfirmSheet, Empty, Icon, Notice, Page, QueryView, Stat, StatRow, toast } from '../../../ui';
import { formatDay, formatMoney } from '../../../utils/format';
import { newRequestId } from '../../../utils/request-id';
import '../distribution.scss';

/** 推广中心: a distributor's money, grade and links; anyone else the ways to become one, with their progress. */
export default function DistributionCenterPage() {
  const query = useCloudQuery(distributionService.status, { refreshOnShow: true });
  return (
    <Page className="dist-page dist-center">
      <QueryView query={query} visitor={<JoinCard text="注册成为会员后，即可了解并加入推广计划。" />}>
        {(status) =>
          status.distributor && status.account ? (
            <DistributorView status={status} />
          ) : !status.enabled ? (
            <Empty icon="share" title="推广计划暂未开放" text="敬请期待，开放后会在这里告诉你" className="dist-closed" />
          ) : (
            <BecomeDistributor status={status} onJoined={() => void query.reload()} />
          )
        }
      </QueryView>
    </Page>
  );
}

function DistributorView({ status }: { status: DistributionStatus }) {
  const d = status.distributor!;
  const account = status.account!;
  const negative = account.balanceFen < 0;
  const percent = d.nextGrade ? Math.min(100, Math.round((d.activeFans / d.nextGrade.minActiveFans) * 100)) : 100;
  const go = (url: string) => () => void Taro.navigateTo({ url });
  return (
    <View className="dist-home">
      <View className="dist-wallet">
        <View className="dist-wallet__label">可提现佣金</View>
        <View className={`dist-wallet__balance dist-balance ${negative ? 'dist-wallet__balance--negative' : ''}`}>{formatMoney(account.balanceFen)}</View>
        <StatRow className="dist-wallet__row">
          <Stat value={<View className="dist-pending">{formatMoney(account.pendingFen)}</View>} label="待结算" />
          <Stat value={formatMoney(account.settledFen)} label="累计结算" />
          <Stat value={formatMoney(account.withdrawnFen)} label="已提现" />
        </StatRow>
      </View>
      {negative && (
        <Notice tone="warning" className="dist-negative">
          有已结算的佣金因订单退款被扣回，之后的佣金会先抵扣这部分
        </Notice>
      )}

      <Card title={<View className="dist-grade-name">{d.grade.name}</View>} extra={`活跃粉丝 ${d.activeFans} 位`} className="dist-grade">
        <View className="dist-grade__bar">
          <View className="dist-grade__fill" style={{ width: `${percent}%` }} />
        </View>
        <View className="dist-grade__hint">
          {d.nextGrade ? `再有 ${d.nextGrade.minActiveFans - d.activeFans} 位活跃粉丝即可升级为「${d.nextGrade.name}」，佣金比例更高` : '已是最高等级'}
        </View>
        <View className="dist-grade__since">自 {formatDay(d.since)} 起成为推广员</View>
      </Card>

      <CellGroup>
        <Cell icon="qr" title="我的推广码" description="分享卡片或小程序码" onClick={go(DISTRIBUTION_SHARE)} className="to-dist-share" />
        <Cell icon="users" title="我的粉丝" value={`${d.fans} 位`} onClick={go(DISTRIBUTION_FANS)} className="to-dist-fans" />
        <Cell icon="list" title="佣金明细" description="每一笔的状态与原因" onClick={go(DISTRIBUTION_COMMISSIONS)} className="to-dist-commissions" />
        <Cell icon="wallet" title="提现" description="转入微信零钱" onClick={go(DISTRIBUTION_WITHDRAW)} className="to-dist-withdraw" />
      </CellGroup>
      <View className="dist-page__note">佣金在订单售后期结束后结算；售后期内退款，佣金作废；结算后退款，佣金按退款金额扣回</View>
    </View>
  );
}

function BecomeDistributor({ status, onJoined }: { status: DistributionStatus; onJoined: () => void }) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // One purchase intent: kept when a call fails before the payment sheet, so the retry is the same order.
  const requestId = useRef<string | null>(null);
  const pack = status.giftPack;

  const join = async () => {
    if (busy || !status.canJoin) return;
    setBusy(true);
    try {
      await distributionService.join();
      toast.success('已成为推广员');
      onJoined();
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };

  const buyPack = async () => {
    if (busy || !pack) return;
    setConfirming(false);
    setBusy(true);
    try {
      requestId.current ??= newRequestId();
      const order = await distributionService.buyGiftPack(requestId.current);
      if (order.payment && (await pay(order.outTradeNo, order.payment)) === 'cancelled') {
        requestId.current = null;
        toast.info('已取消支付');
        return;
      }
      requestId.current = null;
      await confirmPaid(() => distributionService.confirmGiftPack(order.outTradeNo));
      toast.success('购买成功，已成为推广员');
      onJoined();
    } catch (e) {
      toast.info(isCloudError(e) ? describeError(e) : '支付未完成，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="dist-become">
      <View className="dist-intro">
        <View className="dist-intro__title">成为推广员</View>
        <View className="dist-intro__text">把喜欢的好物分享给朋友，朋友消费后你可获得佣金</View>
      </View>
      <Card title="满足任一条件即可加入" className="dist-conditions">
        {status.conditions.map((c) => (
          <View key={c.code} className={`dist-condition dist-condition--${c.code}`}>
            <View className={`dist-condition__mark ${c.met ? 'dist-condition__mark--met' : ''}`}>{c.met && <Icon name="check" size="sm" color="inverse" />}</View>
            <View className="dist-condition__body">
              <View className="dist-condition__title">{c.title}</View>
              {c.target !== null && c.current !== null && (
                <View className="dist-condition__progress">
                  {c.code === 'task_spend' ? `已消费 ${formatMoney(c.current)} / ${formatMoney(c.target)}` : `已完成 ${c.current} / ${c.target} 天`}
                </View>
              )}
            </View>
          </View>
        ))}
        <Button block disabled={!status.canJoin} loading={busy} className="dist-join" onClick={() => void join()}>
          {status.canJoin ? '成为推广员' : '暂未满足条件'}
        </Button>
      </Card>

      {pack && (
        <Card title={pack.title} extra={formatMoney(pack.priceFen)} className="dist-gift-pack">
          {pack.description && <View className="dist-gift-pack__text">{pack.description}</View>}
          {pack.benefits.map((b) => (
            <View key={b.code} className="dist-gift-pack__benefit">
              <Icon name="gift" size="sm" color="primaryDark" />
              <View>
                {b.title}：{b.description}
              </View>
            </View>
          ))}
          <Button block variant="secondary" disabled={busy} className="dist-buy-pack" onClick={() => setConfirming(true)}>
            购买礼包 {formatMoney(pack.priceFen)}
          </Button>
          <ConfirmSheet
            open={confirming}
            title={`购买${pack.title}`}
            rows={[
              { label: '价格', value: formatMoney(pack.priceFen), emphasis: true, className: 'dist-pack-price' },
              { label: '支付方式', value: '微信支付' },
            ]}
            note="购买后即成为推广员；礼包为虚拟权益，支付后不支持退款。"
            confirmText={`同意并支付 ${formatMoney(pack.priceFen)}`}
            busy={busy}
            onConfirm={() => void buyPack()}
            onCancel={() => setConfirming(false)}
            className="dist-pack-confirm"
          />
        </Card>
      )}
    </View>
  );
}
