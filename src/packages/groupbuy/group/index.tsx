import { useRef, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Button, Image, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Avatar } from '../../../components/Avatar';
import { JoinCard } from '../../../components/JoinCard';
import { ErrorState, Loading } from '../../../components/StatusView';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { groupbuyService, yuan, type Group, type OpenGroup, type Poster } from '../../../services/groupbuy';
import { newRequestId } from '../../../services/vip';
import { GROUPBUY_DEAL, GROUPBUY_GROUP, GROUPBUY_MINE } from '../../../routes';
import { Countdown, Cover, Price, payPlaced, useDelivery } from '../groupbuy-view';
import '../groupbuy.scss';

/** The group id: from the link (`groupId`) or from a scanned mini-program code (`scene`, resolved by the server). */
async function loadGroup(params: Record<string, string | undefined>): Promise<Group> {
  let groupId = params.groupId ?? '';
  if (!groupId && params.scene) groupId = (await groupbuyService.scene(decodeURIComponent(params.scene))).groupId;
  return groupbuyService.group(groupId);
}

export default function GroupPage() {
  const { params } = useRouter();
  const { data, error, loading, reload } = useCloudQuery(() => loadGroup(params), { refreshOnShow: true });

  // The share card: title, the deal's picture, and this group's page.
  useShareAppMessage(() => (data ? { title: data.share.title, path: data.share.path, imageUrl: data.share.imageUrl ?? undefined } : { title: '一起拼团' }));

  let body;
  if (data) body = <GroupBody group={data} onChanged={reload} />;
  else if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可参加好友的拼团。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;
  return <PageShell className="gb-page gb-group-page">{body}</PageShell>;
}

function GroupBody({ group, onChanged }: { group: Group; onChanged: () => void }) {
  const { delivery, form } = useDelivery({ modes: group.deliveryModes, stores: group.pickupStores });
  const [busy, setBusy] = useState(false);
  const [full, setFull] = useState<OpenGroup[] | null>(null);
  const [poster, setPoster] = useState<Poster | null>(null);
  const requestId = useRef<string | null>(null);
  const slots = Array.from({ length: group.emptySlots });

  const joinGroup = async () => {
    if (busy) return;
    setBusy(true);
    requestId.current ??= newRequestId();
    try {
      const joined = await groupbuyService.join({ groupId: group.groupId, dealId: group.dealId, requestId: requestId.current, delivery });
      requestId.current = null;
      if (joined.status === 'full') {
        setFull(joined.alternatives);
        return;
      }
      const after = await payPlaced(joined);
      void Taro.showToast({ title: after?.status === 'completed' ? '拼团成功' : after?.status === 'paid' ? '参团成功' : '支付未完成，名额保留几分钟', icon: after ? 'success' : 'none' });
      onChanged();
    } catch (e) {
      void Taro.showToast({ title: describeError(e), icon: 'none', duration: 2500 });
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') requestId.current = null;
    } finally {
      setBusy(false);
    }
  };

  const makePoster = async () => {
    try {
      setPoster(await groupbuyService.poster(group.groupId));
    } catch (e) {
      void Taro.showToast({ title: describeError(e), icon: 'none' });
    }
  };

  const mine = group.mine;
  return (
    <View>
      <View className="gb-card gb-group-head">
        <Cover src={group.image} />
        <View className="gb-card__body">
          <View className="gb-card__title gb-group-title">{group.title}</View>
          <Price fen={group.groupPriceFen} was={group.singlePriceFen} />
          <View className={`gb-group-status gb-group-status--${group.status}`}>{group.statusText}</View>
        </View>
      </View>

      <View className="card gb-members">
        {group.status === 'open' && (
          <Countdown className="gb-group-countdown" target={group.expiresAt} serverNow={group.serverNow} prefix={`还差 ${group.size - group.paid} 人成团 · 剩余`} onZero={onChanged} />
        )}
        <View className="gb-slots">
          {group.members.map((m, i) => (
            <View key={i} className={`gb-slot gb-slot--filled ${m.paid ? '' : 'gb-slot--paying'}`}>
              <Avatar src={m.avatarUrl} fallbackText={m.nickname.slice(0, 1)} size="md" />
              <View className="gb-slot__name">{m.role === 'leader' ? '团长' : m.paid ? m.nickname : '支付中'}</View>
            </View>
          ))}
          {slots.map((_, i) => (
            <View key={`empty-${i}`} className="gb-slot gb-slot--empty">
              <View className="gb-slot__hole">?</View>
              <View className="gb-slot__name">待加入</View>
            </View>
          ))}
        </View>
      </View>

      {mine && (
        <View className="card gb-mine">
          <View className="section-title">我的订单</View>
          <View className="gb-mine__status gb-my-status">{mine.statusText}</View>
          {mine.status === 'awaiting_payment' && <View className="gb-card__meta">请尽快支付，超时名额将释放</View>}
          <View className="gb-link to-my-groups" onClick={() => Taro.navigateTo({ url: GROUPBUY_MINE })}>
            查看我的拼团 ›
          </View>
        </View>
      )}

      {full && (
        <View className="card gb-full">
          <View className="section-title">这个团刚刚满员了</View>
          {full.length === 0 && <View className="gb-card__meta">暂时没有其他待成团的团，可以自己开一个</View>}
          {full.map((g) => (
            <View key={g.groupId} className="gb-open-group gb-alternative" onClick={() => Taro.redirectTo({ url: `${GROUPBUY_GROUP}?groupId=${g.groupId}` })}>
              <Avatar src={g.leaderAvatarUrl} fallbackText={g.leaderNickname.slice(0, 1)} size="sm" />
              <View className="gb-open-group__who">
                {g.leaderNickname} 的团 · 还差 {g.missing} 人
              </View>
              <View className="btn btn--ghost gb-small-btn">去参团</View>
            </View>
          ))}
          <View className="gb-link" onClick={() => Taro.redirectTo({ url: `${GROUPBUY_DEAL}?dealId=${group.dealId}` })}>
            自己开团 ›
          </View>
        </View>
      )}

      {group.canJoin && !full && (
        <View>
          <View className="card gb-join-form">{form}</View>
          <Button className={`btn btn--primary btn--block gb-join ${busy ? 'btn--disabled' : ''}`} disabled={busy || undefined} onClick={() => void joinGroup()}>
            {busy ? '处理中…' : `¥${yuan(group.groupPriceFen)} 参团`}
          </Button>
        </View>
      )}
      {!group.canJoin && !mine && group.joinReason && <View className="gb-page__empty gb-join-reason">{group.joinReason}</View>}

      {group.status === 'open' && (
        <View className="gb-share">
          <Button className="btn btn--ghost btn--block gb-share-button" openType="share">
            分享给好友
          </Button>
          <Button className="btn btn--ghost btn--block gb-poster-button" onClick={() => void makePoster()}>
            生成海报
          </Button>
        </View>
      )}
      {poster && (
        <View className="gb-poster">
          <Cover src={poster.image} />
          <View className="gb-poster__title">{poster.title}</View>
          <Price fen={poster.groupPriceFen} was={poster.singlePriceFen} />
          <View className="gb-poster__hint">还差 {poster.missing} 人 · 长按识别小程序码参团</View>
          <Image className="gb-poster__code" src={poster.codeUrl} mode="aspectFit" showMenuByLongpress />
        </View>
      )}
    </View>
  );
}
