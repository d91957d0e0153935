import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { communityService, restrictionText, timeAgo, type ModerationCase, type RestrictKind } from '../../../services/community';
import { Button, Empty, ErrorState, Field, Loading, Notice, Page, Sheet, Tag, toast } from '../../../ui';
import { AuthorLine, MoreButton, PostImages } from '../community-view';
import { usePages } from '../use-pages';
import '../community.scss';

const TARGET_NAMES: Record<ModerationCase['target'], string> = { post: '内容', comment: '评论', topic: '话题提议', poll: '共创投票', panel: '新品测试' };
/** A KOC co-creator's poll or panel held for its images: approving publishes it, refusing leaves it unpublished. */
const isHosted = (t: ModerationCase['target']) => t === 'poll' || t === 'panel';

/** "24" -> "1 天", "6" -> "6 小时". */
const hoursText = (h: number) => (h % 24 === 0 ? `${h / 24} 天` : `${h} 小时`);

/** The review queue (operators, and members given the KOC moderator role): every decision is audited. */
export default function ModerationPage() {
  const [muteOptions, setMuteOptions] = useState<number[]>([]);
  const { items, next, loading, error, reload, more } = usePages(async (cursor) => {
    const page = await communityService.queue(cursor);
    setMuteOptions(page.muteHoursOptions);
    return page;
  }, []);
  let body;
  if (error !== undefined && items.length === 0) body = <ErrorState error={error} onRetry={() => void reload()} />;
  else if (loading && items.length === 0) body = <Loading />;
  else if (items.length === 0) body = <Empty icon="checkCircle" title="队列已清空" text="新的举报、待审内容和话题提议会出现在这里" className="cm-empty" />;
  return (
    <Page className="cm-page cm-moderation">
      <View className="cm-head">
        <View className="cm-head__text">
          <View className="cm-head__title">审核队列</View>
          <View className="cm-head__subtitle">待人工审核的内容、被举报的内容与评论、新话题提议；每个决定都会留档</View>
        </View>
      </View>
      {body}
      {items.map((c) => (
        <CaseCard key={c.caseId} item={c} muteOptions={muteOptions} onDone={() => void reload()} />
      ))}
      <MoreButton next={next} loading={loading} onMore={() => void more()} />
    </Page>
  );
}

function CaseCard({ item, muteOptions, onDone }: { item: ModerationCase; muteOptions: number[]; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [restricting, setRestricting] = useState(false);
  const decide = async (decision: 'approve' | 'hide') => {
    if (busy) return;
    setBusy(true);
    try {
      await communityService.decide(item.caseId, decision, note.trim());
      toast.success(decision === 'approve' ? (item.target === 'topic' ? '话题已启用' : isHosted(item.target) ? '已通过，已发布' : '已通过') : item.target === 'topic' || isHosted(item.target) ? '已驳回' : '已隐藏');
      onDone();
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  const restriction = item.restriction ? restrictionText({ until: item.restriction.mutedUntil, suspended: item.restriction.suspended }) : null;
  return (
    <View className="cm-card moderation-case">
      <View className="cm-case__head">
        <Tag tone={item.target === 'topic' ? 'info' : 'warning'}>{TARGET_NAMES[item.target]}</Tag>
        <View>{timeAgo(item.openedAt)}</View>
      </View>
      {item.author && <AuthorLine author={item.author} />}
      {restriction && (
        <Tag tone="danger" className="cm-case__restriction case-restriction">
          {restriction}
        </Tag>
      )}
      <View className="cm-case__preview case-preview">{item.preview}</View>
      <PostImages images={item.images} />
      <Notice tone="warning" className="cm-note case-reasons">
        {`${item.reasons.join('、')}${item.flagReasons.length > 0 ? `：${item.flagReasons.join('、')}` : ''}`}
      </Notice>
      <Field label="处理说明" optional hint={item.target === 'topic' ? undefined : isHosted(item.target) ? '驳回时会告诉发起人原因' : '隐藏时会告诉作者原因'}>
        <Input className="ui-input case-note" value={note} maxlength={200} placeholder="例如：含有引流信息" onInput={(e) => setNote(e.detail.value)} />
      </Field>
      <View className="cm-case__buttons">
        <Button variant="secondary" size="sm" className="case-approve" disabled={busy} onClick={() => void decide('approve')}>
          {item.target === 'topic' ? '启用话题' : '通过'}
        </Button>
        <Button variant="danger" size="sm" className="case-hide" disabled={busy} onClick={() => void decide('hide')}>
          {item.target === 'topic' || isHosted(item.target) ? '驳回' : '隐藏'}
        </Button>
      </View>
      {item.author && item.target !== 'topic' && (
        <Button variant="text" size="sm" block icon="lock" className="case-restrict" onClick={() => setRestricting(true)}>
          {restriction ? '调整禁言' : '禁言作者'}
        </Button>
      )}
      {item.author && (
        <RestrictSheet
          open={restricting}
          authorId={item.author.id}
          nickname={item.author.nickname}
          restricted={restriction !== null}
          muteOptions={muteOptions}
          onClose={() => setRestricting(false)}
          onDone={() => {
            setRestricting(false);
            onDone();
          }}
        />
      )}
    </View>
  );
}

/** Mute a member for a period, suspend them, or lift it; they cannot post or comment meanwhile and leave every leaderboard. */
function RestrictSheet(props: { open: boolean; authorId: string; nickname: string; restricted: boolean; muteOptions: number[]; onClose: () => void; onDone: () => void }) {
  const { open, authorId, nickname, restricted, muteOptions, onClose, onDone } = props;
  const [choice, setChoice] = useState<{ kind: RestrictKind; hours?: number } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!choice || busy) return;
    setBusy(true);
    try {
      const r = await communityService.restrict(authorId, choice.kind, choice.hours, note.trim());
      toast.success(r.suspended ? '已暂停社区权限' : r.mutedUntil ? '已禁言' : '已解除限制');
      onDone();
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  const options: { key: string; label: string; value: { kind: RestrictKind; hours?: number } }[] = [
    ...muteOptions.map((h) => ({ key: `mute-${h}`, label: `禁言 ${hoursText(h)}`, value: { kind: 'mute' as const, hours: h } })),
    { key: 'suspend', label: '暂停社区权限', value: { kind: 'suspend' } },
    ...(restricted ? [{ key: 'lift', label: '解除限制', value: { kind: 'lift' as const } }] : []),
  ];
  return (
    <Sheet
      open={open}
      title={`限制 ${nickname}`}
      onClose={onClose}
      className="restrict-sheet"
      footer={
        <Button block variant={choice?.kind === 'lift' ? 'primary' : 'danger'} className="restrict-submit" disabled={!choice} loading={busy} onClick={() => void submit()}>
          确认
        </Button>
      }
    >
      <View className="cm-chips">
        {options.map((o) => (
          <View
            key={o.key}
            className={`cm-chip restrict-option restrict-option--${o.key} ${choice?.kind === o.value.kind && choice.hours === o.value.hours ? 'cm-chip--active' : ''}`}
            onClick={() => setChoice(o.value)}
          >
            {o.label}
          </View>
        ))}
      </View>
      <Field label="说明" optional hint="会告诉这位成员">
        <Input className="ui-input restrict-note" value={note} maxlength={200} placeholder="例如：多次发布引流信息" onInput={(e) => setNote(e.detail.value)} />
      </Field>
      <View className="cm-author__meta">被限制的成员不能发帖和评论，也不会出现在任何排行榜上。</View>
    </Sheet>
  );
}
