import { useRef, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Avatar } from '../../../components/Avatar';
import { JoinCard } from '../../../components/JoinCard';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { groupbuyService, type Group, type OpenGroup, type Poster } from '../../../services/groupbuy';
import { GROUPBUY_DEAL, GROUPBUY_GROUP, GROUPBUY_MINE, registerThenBack } from '../../../routes';
import { Button, Card, ConfirmSheet, ErrorState, Icon, Loading, Notice, Page, Sheet, toast } from '../../../ui';
import { formatMoney } from '../../../utils/format';
import { newRequestId } from '../../../utils/request-id';
import { Countdown, Cover, LayerTag, Price, dealTitle, payPlaced, useDelivery } from '../groupbuy-view';
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

  if (data) return <GroupBody group={data} onChanged={reload} />;
  let body;
  if (isCloudError(error) && error.code === 'NOT_REGISTERED') body = <JoinCard text="注册成为会员后，即可参加好友的拼团。" />;
  else if (error) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading) body = <Loading />;
  return <Page className="gb-page gb-group-page">{body}</Page>;
}

const STATUS_TONE = { open: 'warning', completed: 'success', failed: 'danger', abandoned: 'danger', forming: 'info' } as const;

function GroupBody({ group, onChanged }: { group: Group; onChanged: () => void }) {
  const { delivery, form, summary } = useDelivery({ modes: group.deliveryModes, stores: group.pickupStores });
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [full, setFull] = useState<OpenGroup[] | null>(null);
  const [poster, setPoster] = useState<Poster | null>(null);
  const requestId = useRef<string | null>(null);
  const slots = Array.from({ length: group.emptySlots });

  const joinGroup = async () => {
    if (busy) return;
    setConfirming(false);
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
      if (after?.status === 'completed') toast.success('拼团成功');
      else if (after?.status === 'paid') toast.success('参团成功');
      else toast.info('支付未完成，名额为你保留几分钟');
      onChanged();
    } catch (e) {
      toast.error(e);
      // Refused (the member left the layer since the page loaded, the group closed…): show the group as it is now.
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') {
        requestId.current = null;
        onChanged();
      }
    } finally {
      setBusy(false);
    }
  };

  const makePoster = async () => {
    try {
      setPoster(await groupbuyService.poster(group.groupId));
    } catch (e) {
      toast.error(e);
    }
  };

  const mine = group.mine;
  const joinable = group.canJoin && !full;
  // A friend opening a shared group before registering: register, come back to this group, join.
  const invited = !group.registered && group.status === 'open';
  const register = () => void Taro.navigateTo({ url: registerThenBack(`${GROUPBUY_GROUP}?groupId=${group.groupId}`) });
  let footer;
  if (joinable) {
    footer = (
      <Button block loading={busy} className="gb-join" onClick={() => setConfirming(true)}>
        {`${formatMoney(group.groupPriceFen)} 参团`}
      </Button>
    );
  } else if (invited) {
    footer = (
      <Button block icon="sparkle" className="gb-register-join" onClick={register}>
        加入会员参团
      </Button>
    );
  }
  return (
    <Page className="gb-page gb-group-page" footer={footer}>
      <View className="gb-card gb-card--hero gb-group-head">
        <Cover src={group.image} />
        <View className="gb-card__body">
          <View className="gb-card__title gb-group-title">{dealTitle(group.title)}</View>
          <Price fen={group.groupPriceFen} was={group.singlePriceFen} />
          {group.layerNames.length > 0 && (
            <View className="gb-card__tags">
              <LayerTag names={group.layerNames} />
            </View>
          )}
        </View>
      </View>

      <Card className="gb-members">
        <View className={`gb-group-status gb-group-status--${group.status} gb-group-status--${STATUS_TONE[group.status]}`}>{group.statusText}</View>
        {group.status === 'open' && (
          <Countdown className="gb-group-countdown" target={group.expiresAt} serverNow={group.serverNow} prefix={`还差 ${group.size - group.paid} 人成团 · 剩余`} onZero={onChanged} />
        )}
        <View className="gb-slots">
          {group.members.map((m, i) => (
            <View key={i} className={`gb-slot gb-slot--filled ${m.paid ? '' : 'gb-slot--paying'}`}>
              <Avatar src={m.avatarUrl} fallbackText={m.nickname.slice(0, 1)} size="md" />
              <Text className="gb-slot__name">{m.role === 'leader' ? '团长' : m.paid ? m.nickname : '支付中'}</Text>
            </View>
          ))}
          {slots.map((_, i) => (
            <View key={`empty-${i}`} className="gb-slot gb-slot--empty">
              <View className="gb-slot__hole">
                <Icon name="plus" color="textMuted" />
              </View>
              <Text className="gb-slot__name">待加入</Text>
            </View>
          ))}
        </View>
        {group.status === 'open' && (
          <View className="ui-btn-row gb-share">
            <Button variant="secondary" icon="users" openType="share" className="gb-share-button">
              分享给好友
            </Button>
            {group.registered && (
              <Button variant="secondary" icon="qr" className="gb-poster-button" onClick={() => void makePoster()}>
                生成海报
              </Button>
            )}
          </View>
        )}
      </Card>

      {mine && (
        <Card title="我的订单" extra="我的拼团 ›" onExtra={() => void Taro.navigateTo({ url: GROUPBUY_MINE })} className="gb-mine">
          <View className="gb-mine__status gb-my-status">{mine.statusText}</View>
          {mine.status === 'awaiting_payment' && <View className="gb-card__meta">请尽快支付，超时名额将释放</View>}
        </Card>
      )}

      {full && (
        <Card title="这个团刚刚满员了" className="gb-full">
          {full.length === 0 && <View className="gb-card__meta">暂时没有其他待成团的团，可以自己开一个</View>}
          {full.map((g) => (
            <View key={g.groupId} className="gb-open-group gb-alternative" onClick={() => void Taro.redirectTo({ url: `${GROUPBUY_GROUP}?groupId=${g.groupId}` })}>
              <Avatar src={g.leaderAvatarUrl} fallbackText={g.leaderNickname.slice(0, 1)} size="sm" />
              <View className="gb-open-group__who">
                {g.leaderNickname} 的团 · 还差 {g.missing} 人
              </View>
              <Button variant="secondary" size="sm">
                去参团
              </Button>
            </View>
          ))}
          <View className="gb-link" onClick={() => void Taro.redirectTo({ url: `${GROUPBUY_DEAL}?dealId=${group.dealId}` })}>
            自己开团 ›
          </View>
        </Card>
      )}

      {joinable && (
        <Card title="参团" className="gb-join-form">
          {form}
        </Card>
      )}
      {!group.canJoin && !mine && group.joinReason && (
        <Notice tone={invited ? 'primary' : 'neutral'} icon={invited ? 'sparkle' : undefined} className="gb-join-reason" onClick={invited ? register : undefined}>
          {group.joinReason}
        </Notice>
      )}

      <ConfirmSheet
        open={confirming}
        title="确认参团"
        rows={[
          { label: '商品', value: group.title },
          { label: '领取方式', value: summary },
          { label: '拼团价', value: formatMoney(group.groupPriceFen), emphasis: true },
        ]}
        note="支付后即占一个名额；到时未成团将原路全额退款。"
        confirmText="去支付"
        busy={busy}
        onConfirm={() => void joinGroup()}
        onCancel={() => setConfirming(false)}
        className="gb-join-sheet"
      />

      <Sheet open={poster !== null} title="拼团海报" onClose={() => setPoster(null)} className="gb-poster-sheet">
        {poster && (
          <View className="gb-poster">
            <Cover src={poster.image} />
            <View className="gb-poster__title">{poster.title}</View>
            <Price fen={poster.groupPriceFen} was={poster.singlePriceFen} />
            <View className="gb-poster__hint">还差 {poster.missing} 人 · 长按识别小程序码参团</View>
            <Image className="gb-poster__code" src={poster.codeUrl} mode="aspectFit" showMenuByLongpress />
          </View>
        )}
      </Sheet>
    </Page>
  );
}
