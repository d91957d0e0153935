import { useCallback, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { CodeReader } from '../../../components/CodeReader';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { communityService } from '../../../services/community';
import { kocService, type KocEvent } from '../../../services/koc';
import type { TillCode } from '../../../services/staff';
import { COMMUNITY_COMPOSE, KOC_EVENT, REGISTER } from '../../../routes';
import { Button, Card, Empty, Notice, Page, QueryView, toast } from '../../../ui';
import { EventSummary } from '../koc-view';
import '../koc.scss';

/** One offline event: what, when, where; sign up; the host scans members' codes; the album (posts with its topic). */
export default function EventPage() {
  const { eventId = '' } = useRouter().params;
  const load = useCallback(() => kocService.event(eventId), [eventId]);
  const query = useCloudQuery(load, { refreshOnShow: true });
  const [busy, setBusy] = useState(false);
  const e = query.data;
  useShareAppMessage(() => ({ title: e ? `一起参加「${e.title}」` : '线下活动', path: `${KOC_EVENT}?eventId=${eventId}` }));

  const signUp = async () => {
    setBusy(true);
    try {
      await kocService.signUp(eventId);
      toast.success('报名成功，活动当天出示会员码签到');
      await query.reload();
    } catch (err) {
      if (isCloudError(err) && err.code === 'NOT_REGISTERED') void Taro.navigateTo({ url: REGISTER });
      else toast.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page className="koc-page koc-event-page" footer={e ? <EventAction event={e} busy={busy} onSignUp={() => void signUp()} /> : undefined}>
      <QueryView query={query}>
        {(ev) => (
          <View className="koc-stack">
            <View className="koc-card event-detail">
              <EventSummary event={ev} />
              <View className="koc-text">{ev.description}</View>
            </View>
            {ev.mine.hosting && <HostNotes event={ev} />}
            {ev.canScan && <AttendanceDesk event={ev} onScanned={() => void query.reload()} />}
            {ev.status === 'approved' && <Album event={ev} />}
          </View>
        )}
      </QueryView>
    </Page>
  );
}

function EventAction({ event: e, busy, onSignUp }: { event: KocEvent; busy: boolean; onSignUp: () => void }) {
  if (e.mine.hosting) return null;
  if (e.mine.attended) return <Button block disabled>已签到，欢迎来到现场</Button>;
  if (e.mine.signedUp) return <Button block disabled className="event-signed">已报名 · 到场出示会员码签到</Button>;
  if (e.phase === 'full') return <Button block disabled>名额已满</Button>;
  if (e.phase !== 'open') return <Button block disabled>{e.phase === 'ended' ? '活动已结束' : '活动已开始，报名已截止'}</Button>;
  return (
    <Button block className="event-signup" loading={busy} loadingText="报名中…" onClick={onSignUp}>
      立即报名
    </Button>
  );
}

/** What the host sees of the review: the operator's reason and the materials the brand sends. */
function HostNotes({ event: e }: { event: KocEvent }) {
  return (
    <Card title="我发起的活动" className="event-host">
      {e.materials && <View className="koc-muted">{`物料需求：${e.materials}`}</View>}
      {e.review ? (
        <Notice tone={e.status === 'approved' ? 'success' : 'warning'} className="event-review">
          {`运营回复：${e.review.reason}${e.review.materialsNote ? `；物料：${e.review.materialsNote}` : ''}`}
        </Notice>
      ) : (
        <View className="koc-muted">等待运营审核，通过后会员才能看到并报名。</View>
      )}
    </Card>
  );
}

/** The host's desk: the member shows the 会员码 page; one scan (or typed number and digits) per member. */
function AttendanceDesk({ event: e, onScanned }: { event: KocEvent; onScanned: () => void }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: 'success' | 'danger' | 'info'; text: string }>();
  const onCode = async (code: TillCode): Promise<boolean> => {
    setBusy(true);
    setResult(undefined);
    try {
      const r = await kocService.scanAttendance(e.eventId, code);
      setResult({ tone: r.repeated ? 'info' : 'success', text: r.repeated ? `${r.nickname}（尾号 ${r.memberNoTail}）已经签到过了` : `${r.nickname}（尾号 ${r.memberNoTail}）签到成功，已到 ${r.attended} 人` });
      onScanned();
      return true;
    } catch (err) {
      setResult({ tone: 'danger', text: describeError(err) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="扫码签到" extra={`已到 ${e.attended}/${e.signedUp} 人`} className="event-attendance">
      <CodeReader busy={busy} onCode={onCode} hint="请会员打开小程序「会员码」页" classPrefix="attend-code" />
      {result && (
        <Notice tone={result.tone} className="attend-result">
          {result.text}
        </Notice>
      )}
    </Card>
  );
}

/** The event's album: community posts with its topic. */
function Album({ event: e }: { event: KocEvent }) {
  const load = useCallback(() => communityService.feed('topic', e.topic.code), [e.topic.code]);
  const album = useCloudQuery(load, { refreshOnShow: true });
  const canPost = e.mine.attended || e.mine.hosting;
  return (
    <Card title="活动相册" extra={`#${e.topic.name}`} className="event-album">
      <QueryView query={album} isEmpty={(d) => d.items.length === 0} empty={<Empty icon="image" title="还没有照片" text="活动现场的照片和感受，发帖时带上活动话题就会收进这里" />}>
        {(d) => (
          <View className="koc-stack">
            {d.items.slice(0, 6).map((p) => (
              <View key={p.postId} className="album-post">
                <View className="koc-muted">{p.author.nickname}</View>
                <View className="koc-text">{p.text}</View>
              </View>
            ))}
          </View>
        )}
      </QueryView>
      {canPost && (
        <Button variant="secondary" block icon="image" className="album-compose" onClick={() => void Taro.navigateTo({ url: `${COMMUNITY_COMPOSE}?topic=${encodeURIComponent(e.topic.code)}` })}>
          发到活动相册
        </Button>
      )}
    </Card>
  );
}
