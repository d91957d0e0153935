import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { couponsService, storesText, type CouponCenter, type CouponTemplateItem } from '../../../services/coupons';
import { newRequestId } from '../../../utils/request-id';
import { useJoinPrompt } from '../../../components/JoinCard';
import { MY_COUPONS } from '../../../routes';
import { askSubscriptions } from '../subscribe';
import { Ticket, validityText } from '../Ticket';
import '../coupons.scss';
import { Button, Cell, CellGroup, Empty, ErrorState, Loading, Page, Tag, toast } from '../../../ui';

export default function CouponCenterPage() {
  const { data, error, loading, reload } = useCloudQuery(couponsService.center, { refreshOnShow: true });

  let body;
  if (data) body = <CenterList center={data} onChanged={reload} />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;

  return (
    <Page className="coupons-page coupon-center">
      <View className="coupons-page__intro">
        <View className="coupons-page__subtitle">会员专享，领取后到店向店员出示券码使用</View>
      </View>
      {body}
    </Page>
  );
}

function CenterList({ center, onChanged }: { center: CouponCenter; onChanged: () => void }) {
  // One claim intent per template: a retry after a lost answer reuses the id, a success forgets it.
  const requestIds = useRef(new Map<string, string>());
  const [busy, setBusy] = useState<string>();
  // Held counts claimed on this screen, shown before the reload answers.
  const [claimedHere, setClaimedHere] = useState<Record<string, number>>({});

  const join = useJoinPrompt('加入会员即可领券', '会员专享券仅限会员领取，加入后即可领取并到店使用。');
  const claim = async (item: CouponTemplateItem) => {
    if (busy) return;
    if (!center.joined) {
      join.ask();
      return;
    }
    // Within the tap, before any await: WeChat shows the subscription dialog only from a user gesture.
    askSubscriptions(center.subscribeTemplateIds);
    setBusy(item.templateId);
    let requestId = requestIds.current.get(item.templateId);
    if (!requestId) {
      requestId = newRequestId();
      requestIds.current.set(item.templateId, requestId);
    }
    try {
      await couponsService.claim(item.templateId, requestId);
      requestIds.current.delete(item.templateId);
      setClaimedHere((m) => ({ ...m, [item.templateId]: (m[item.templateId] ?? 0) + 1 }));
      toast.success('领取成功');
      onChanged();
    } catch (e) {
      // A refusal is final for this intent (sold out, limit): the next tap is a new claim.
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') requestIds.current.delete(item.templateId);
      toast.error(e);
      onChanged();
    } finally {
      setBusy(undefined);
    }
  };

  if (center.items.length === 0) return <Empty icon="ticket" title="暂时没有可以领取的券" text="过几天再来看看" className="coupon-center-empty" />;

  return (
    <View>
      {center.items.map((item) => {
        const held = Math.max(item.held, claimedHere[item.templateId] ?? 0);
        // A visitor sees the claim button too: the first tap asks them to join.
        const canClaim = !center.joined || (item.claimable && held < item.perMember);
        return (
          <Ticket key={item.templateId} className="coupon-template" kind={item.kind} title={item.title} image={item.image} muted={!canClaim && held === 0}>
            {item.description && <View className="ticket__desc">{item.description}</View>}
            <View className="ticket__meta">{validityText(item)}</View>
            <View className="ticket__meta">{storesText(item.storeNames)}</View>
            <View className="ticket__foot">
              <View className="ticket__tag coupon-remaining">{item.remaining > 0 ? `剩余 ${item.remaining} 张` : '已领完'}</View>
              {canClaim ? (
                <Button
                  size="sm"
                  className="coupon-claim"
                  disabled={busy !== undefined && busy !== item.templateId}
                  loading={busy === item.templateId}
                  loadingText="领取中…"
                  onClick={() => void claim(item)}
                >
                  {held > 0 ? '再领一张' : '立即领取'}
                </Button>
              ) : held > 0 ? (
                <Tag tone="success" className="coupon-claimed">
                  已领取
                </Tag>
              ) : (
                <Tag tone="neutral" className="coupon-unavailable">
                  {item.reason ?? '暂不可领'}
                </Tag>
              )}
            </View>
          </Ticket>
        );
      })}
      {center.joined && (
        <CellGroup className="coupons-page__links">
          <Cell icon="ticket" title="查看我的券" onClick={() => void Taro.navigateTo({ url: MY_COUPONS })} className="to-my-coupons" />
        </CellGroup>
      )}
      {join.dialog}
    </View>
  );
}
