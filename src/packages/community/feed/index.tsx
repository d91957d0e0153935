import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Textarea, View } from '@tarojs/components';
import { Avatar } from '../../../components/Avatar';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { describeError, isCloudError } from '../../../services/cloud';
import { communityService, restrictionText, type CommunityMe, type FeedTab } from '../../../services/community';
import { COCREATE_HOME, COMMUNITY_CAMPAIGNS, COMMUNITY_COMPOSE, COMMUNITY_FAVOURITES, COMMUNITY_MODERATION, COMMUNITY_PROFILE, REGISTER } from '../../../routes';
import { Button, Empty, ErrorState, Field, Icon, type IconName, Loading, Notice, Page, Segmented, Sheet, toast } from '../../../ui';
import { newRequestId } from '../../../utils/request-id';
import { MoreButton, PostCard, useJoinDialog } from '../community-view';
import { usePages } from '../use-pages';
import '../community.scss';

const TABS: { value: FeedTab; label: string }[] = [
  { value: 'latest', label: '最新' },
  { value: 'hot', label: '热门' },
  { value: 'topic', label: '话题' },
];

/** The community's front page: who I am, the entries, the feeds by tab, and the composer (visitors browse). */
export default function FeedPage() {
  const [tab, setTab] = useState<FeedTab>('latest');
  const me = useCloudQuery(communityService.me, { refreshOnShow: true });
  const topics = useCloudQuery(communityService.topics, { refreshOnShow: true });
  const [topic, setTopic] = useState<string | null>(null);
  const chosenTopic = topic ?? topics.data?.topics[0]?.code ?? null;
  const join = useJoinDialog();
  const [proposing, setProposing] = useState(false);
  const joined = me.data?.joined === true;
  /** Members act; a visitor's first action asks them to join. */
  const asMember = (run: () => void) => () => (joined ? run() : join.ask());

  return (
    <Page
      className="cm-page cm-feed"
      footer={
        <Button block icon="edit" className="to-compose" onClick={asMember(() => void Taro.navigateTo({ url: COMMUNITY_COMPOSE }))}>
          分享新鲜事
        </Button>
      }
    >
      {me.data && <MeHeader me={me.data} />}
      <Entries me={me.data} onVisitor={join.ask} />
      <Segmented options={TABS} value={tab} onChange={setTab} className="cm-tabs" optionClass="feed-tab" />
      {tab === 'topic' && (
        <View className="cm-chips">
          {(topics.data?.topics ?? []).map((t) => (
            <View key={t.code} className={`cm-chip feed-topic ${t.code === chosenTopic ? 'cm-chip--active' : ''}`} onClick={() => setTopic(t.code)}>
              #{t.name}
            </View>
          ))}
          <View className="cm-chip cm-chip--add feed-propose" onClick={asMember(() => setProposing(true))}>
            + 提议新话题
          </View>
        </View>
      )}
      <PostList key={`${tab}:${tab === 'topic' ? chosenTopic : ''}`} tab={tab} topic={tab === 'topic' ? chosenTopic : null} />
      <ProposeTopicSheet open={proposing} onClose={() => setProposing(false)} />
      {join.dialog}
    </Page>
  );
}

function MeHeader({ me }: { me: CommunityMe }) {
  if (!me.joined || !me.author) {
    return (
      <Notice tone="primary" icon="sparkle" className="cm-visitor" onClick={() => void Taro.navigateTo({ url: REGISTER })}>
        加入会员后即可发帖、评论和参加打卡活动，先随便看看吧
      </Notice>
    );
  }
  return (
    <View className="feed-me">
      <View className="cm-head">
        <Avatar src={me.author.avatarUrl} fallbackText={me.author.nickname} size="md" />
        <View className="cm-head__text">
          <View className="cm-head__title">{me.author.nickname}，今天想分享点什么？</View>
          <View className="cm-head__subtitle">真诚分享、友善交流；发帖通过审核可得积分</View>
        </View>
      </View>
      {me.muted && (
        <Notice tone="danger" className="cm-note feed-muted">
          {`${restrictionText(me.muted)}${me.muted.note ? `：${me.muted.note}` : ''}`}
        </Notice>
      )}
    </View>
  );
}

interface Entry {
  icon: IconName;
  label: string;
  url: string;
  cls: string;
  memberOnly?: boolean;
  count?: number | null;
}

function Entries({ me, onVisitor }: { me: CommunityMe | undefined; onVisitor: () => void }) {
  const entries: Entry[] = [
    { icon: 'calendar', label: '打卡活动', url: COMMUNITY_CAMPAIGNS, cls: 'to-campaigns' },
    { icon: 'sparkle', label: '共创', url: COCREATE_HOME, cls: 'to-cocreate' },
    { icon: 'user', label: '我的主页', url: COMMUNITY_PROFILE, cls: 'to-my-profile', memberOnly: true },
    { icon: 'star', label: '我的收藏', url: COMMUNITY_FAVOURITES, cls: 'to-favourites', memberOnly: true },
  ];
  if (me?.moderator) entries.push({ icon: 'shield', label: '审核队列', url: COMMUNITY_MODERATION, cls: 'to-moderation', count: me.openCases });
  return (
    <View className="cm-entries">
      {entries.map((e) => (
        <View
          key={e.label}
          className={`cm-entries__item ${e.cls}`}
          onClick={() => (e.memberOnly && !me?.joined ? onVisitor() : void Taro.navigateTo({ url: e.url }))}
        >
          <View className="cm-entries__icon">
            <Icon name={e.icon} color="primaryDark" />
          </View>
          <View className="cm-entries__label">{e.label}</View>
          {e.count ? <View className="cm-entries__count moderation-count">{e.count > 99 ? '99+' : e.count}</View> : null}
        </View>
      ))}
    </View>
  );
}

function PostList({ tab, topic }: { tab: FeedTab; topic: string | null }) {
  const { items, next, loading, error, reload, more } = usePages(
    (cursor) => (tab === 'topic' && !topic ? Promise.resolve({ items: [], next: null }) : communityService.feed(tab, topic ?? undefined, cursor)),
    [tab, topic],
  );
  if (error && items.length === 0) return <ErrorState error={error} onRetry={() => void reload()} />;
  if (loading && items.length === 0) return <Loading />;
  return (
    <View className="feed-list">
      {items.length === 0 && (
        <Empty icon="chat" title={tab === 'topic' ? '这个话题还没有内容' : '还没有内容'} text="来发第一条吧，通过审核就能得积分" className="cm-empty" />
      )}
      {items.map((p) => (
        <PostCard key={p.postId} post={p} />
      ))}
      <MoreButton next={next} loading={loading} onMore={() => void more()} className="feed-more" />
    </View>
  );
}

/** A member proposes a topic; moderators approve it in the review queue before anyone can post with it. */
function ProposeTopicSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field?: string; message: string } | null>(null);
  const requestId = useRef<string | null>(null);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    requestId.current ??= newRequestId();
    try {
      const r = await communityService.proposeTopic(name.trim(), description.trim(), requestId.current);
      requestId.current = null;
      toast.success(r.status === 'active' ? '话题已可使用' : '已提交，审核通过后可用');
      setName('');
      setDescription('');
      onClose();
    } catch (e) {
      setProblem({ field: isCloudError(e) ? e.field : undefined, message: describeError(e) });
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') requestId.current = null;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet
      open={open}
      title="提议新话题"
      onClose={onClose}
      className="propose-sheet"
      footer={
        <Button block className="propose-submit" loading={busy} loadingText="提交中…" disabled={name.trim().length < 2} onClick={() => void submit()}>
          提交审核
        </Button>
      }
    >
      <Field label="话题名称" counter={{ length: name.trim().length, max: 20 }} error={problem && problem.field !== 'description' ? problem.message : undefined}>
        <Input className="ui-input propose-name" value={name} maxlength={20} placeholder="例如：周末咖啡馆" onInput={(e) => setName(e.detail.value)} />
      </Field>
      <Field label="话题说明" optional error={problem?.field === 'description' ? problem.message : undefined}>
        <Textarea className="cm-input propose-description" value={description} maxlength={200} placeholder="大家可以在这个话题下分享什么？" onInput={(e) => setDescription(e.detail.value)} />
      </Field>
    </Sheet>
  );
}
