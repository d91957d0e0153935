import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StatusView';
import { describeError } from '../../../services/cloud';
import { communityService, timeAgo, type ModerationCase } from '../../../services/community';
import { AuthorLine, Empty, PostImages } from '../community-view';
import { usePages } from '../use-pages';
import '../community.scss';

const TARGET_NAMES: Record<ModerationCase['target'], string> = { post: '内容', comment: '评论', topic: '话题提议' };

/** The review queue (operators now; members given the moderator role later): every decision is audited. */
export default function ModerationPage() {
  const { items, next, loading, error, reload, more } = usePages((cursor) => communityService.queue(cursor), []);
  return (
    <PageShell className="cm-page cm-moderation">
      <View className="cm-page__intro">
        <View className="cm-page__title">审核队列</View>
        <View className="cm-page__subtitle">待人工审核的内容、被举报的内容与新话题提议</View>
      </View>
      {error !== undefined && <ErrorState error={error} onRetry={reload} />}
      {error === undefined && loading && items.length === 0 && <Loading />}
      {error === undefined && !loading && items.length === 0 && <Empty text="队列已清空" />}
      {items.map((c) => (
        <CaseCard key={c.caseId} item={c} onDone={reload} />
      ))}
      {next && (
        <View className="cm-more" onClick={() => void more()}>
          加载更多
        </View>
      )}
    </PageShell>
  );
}

function CaseCard({ item, onDone }: { item: ModerationCase; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'hide') => {
    setBusy(true);
    try {
      await communityService.decide(item.caseId, decision, note.trim());
      Taro.showToast({ title: decision === 'approve' ? '已通过' : '已隐藏', icon: 'none' });
      onDone();
    } catch (e) {
      Taro.showToast({ title: describeError(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="cm-card moderation-case">
      <View className="cm-row">
        <Text className="cm-tag">{TARGET_NAMES[item.target]}</Text>
        <Text className="cm-author__meta">{timeAgo(item.openedAt)}</Text>
      </View>
      {item.author && <AuthorLine author={item.author} />}
      <View className="cm-post__text case-preview">{item.preview}</View>
      <PostImages images={item.images} />
      <View className="cm-note case-reasons">
        {item.reasons.join('、')}
        {item.flagReasons.length > 0 ? `：${item.flagReasons.join('、')}` : ''}
      </View>
      <Input className="cm-input case-note" value={note} placeholder="处理说明（隐藏时会告诉作者）" onInput={(e) => setNote(e.detail.value)} />
      <View className="cm-row" style={{ marginTop: '16rpx' }}>
        <Button className="cm-btn cm-btn--ghost cm-btn--small case-approve" disabled={busy || undefined} onClick={() => decide('approve')}>
          通过
        </Button>
        <Button className="cm-btn cm-btn--small case-hide" disabled={busy || undefined} onClick={() => decide('hide')}>
          隐藏
        </Button>
      </View>
    </View>
  );
}
