import { useCallback, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { JoinCard } from '../../../components/JoinCard';
import { MemberQrCode } from '../../../components/MemberQrCode';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { couponsService, storesText, type CouponStatus, type MyCoupon } from '../../../services/coupons';
import { COUPON_CENTER } from '../../../routes';
import { formatDay } from '../../../utils/format';
import { Ticket } from '../Ticket';
import '../coupons.scss';
import './index.scss';
import { Button, Empty, ErrorState, Loading, Page, Segmented, Tag } from '../../../ui';

const TABS: { value: CouponStatus; label: string }[] = [
  { value: 'unused', label: '未使用' },
  { value: 'used', label: '已使用' },
  { value: 'expired', label: '已过期' },
];

export default function MyCouponsPage() {
  const [status, setStatus] = useState<CouponStatus>('unused');
  // Each return to the page (from the center, or after using a coupon at the till) loads the tab afresh.
  const [shows, setShows] = useState(0);
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false;
    else setShows((n) => n + 1);
  });

  const switchTo = (next: CouponStatus) => {
    if (next !== status) setStatus(next);
  };

  return (
    <Page className="coupons-page my-coupons">
      <View className="coupons-page__intro">
        <View className="coupons-page__subtitle">结账前向店员出示券码，每张券仅可使用一次</View>
      </View>
      <Segmented<CouponStatus> options={TABS} value={status} onChange={switchTo} optionClass="coupon-tab" className="coupon-tabs" />
      <CouponTab key={`${status}-${shows}`} status={status} />
    </Page>
  );
}

function CouponTab({ status }: { status: CouponStatus }) {
  const load = useCallback(() => couponsService.mine(status), [status]);
  const { data, error, loading, reload } = useCloudQuery(load);

  if (isCloudError(error) && error.code === 'NOT_REGISTERED') return <JoinCard text="注册成为会员后，即可领取和使用会员券。" />;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (data) return <CouponList coupons={data.coupons} status={status} />;
  return loading ? <Loading /> : null;
}

const EMPTY: Record<CouponStatus, string> = {
  unused: '还没有可用的券',
  used: '还没有使用过券',
  expired: '没有过期的券',
};

function CouponList({ coupons, status }: { coupons: MyCoupon[]; status: CouponStatus }) {
  // One code on screen at a time: each live code refreshes itself every 30 s.
  const [shown, setShown] = useState<string>();

  if (coupons.length === 0) {
    return (
      <Empty
        icon="ticket"
        title={EMPTY[status]}
        className="my-coupons-empty"
        action={
          status === 'unused' && (
            <Button variant="secondary" size="sm" icon="gift" className="to-coupon-center" onClick={() => void Taro.navigateTo({ url: COUPON_CENTER })}>
              去领券中心看看
            </Button>
          )
        }
      />
    );
  }

  return (
    <View>
      {coupons.map((c) => (
        <View key={c.couponId} className={`my-coupon my-coupon--${c.status}`}>
          <Ticket className="my-coupon__ticket" kind={c.kind} title={c.title} muted={c.status !== 'unused'}>
            {c.description && <View className="ticket__desc">{c.description}</View>}
            <View className="ticket__meta my-coupon-validity">
              {formatDay(c.validFrom)} 至 {formatDay(c.validTo)}
            </View>
            <View className="ticket__meta">{storesText(c.storeNames)}</View>
            <View className="ticket__foot">
              {c.status === 'unused' && (
                <Button size="sm" icon="qr" className="my-coupon-show" onClick={() => setShown(shown === c.couponId ? undefined : c.couponId)}>
                  {shown === c.couponId ? '收起券码' : '出示券码'}
                </Button>
              )}
              {c.status === 'used' && (
                <Tag tone="neutral" className="my-coupon-used">
                  {c.usedAt ? `${formatDay(c.usedAt)} 已使用` : '已使用'}
                </Tag>
              )}
              {c.status === 'expired' && (
                <Tag tone="neutral" className="my-coupon-expired">
                  已过期
                </Tag>
              )}
            </View>
          </Ticket>
          {shown === c.couponId && (
            <MemberQrCode
              issue={() => couponsService.code(c.couponId)}
              title="券码"
              hint="到店结账时请向店员出示，店员扫码后即完成核销"
              refreshLabel="刷新券码"
              pinLabel="券动态码"
              imageClassName="my-coupon-qr"
            />
          )}
        </View>
      ))}
    </View>
  );
}
