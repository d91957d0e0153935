import { useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Image, Textarea, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { communityService } from '../../../services/community';
import { isCloudError } from '../../../services/cloud';
import { cocreateService, heldLabel, hostLine, type Panel, type PanelQuestion } from '../../../services/cocreate';
import { Button, Card, Dialog, Field, Icon, Notice, Page, QueryView, toast } from '../../../ui';
import { useJoinDialog } from '../../community/community-view';
import { HostTools } from './host-tools';
import '../cocreate.scss';
import { formatBeijingTime } from '../../../utils/format';

/** A product panel (新品测试官): apply or accept an invitation; panelists see previews and send feedback. */
export default function PanelPage() {
  const { panelId = '' } = useRouter().params;
  const load = useCallback(() => cocreateService.panel(panelId), [panelId]);
  const query = useCloudQuery(load, { refreshOnShow: true });
  const me = useCloudQuery(communityService.me);
  const join = useJoinDialog('成为会员后就能报名新品测试官，抢先体验新品。');
  const [applying, setApplying] = useState(false);
  const [closing, setClosing] = useState(false);

  const close = async () => {
    try {
      await cocreateService.closePanel(panelId);
      toast.success('报名已截止');
      setClosing(false);
      await query.reload();
    } catch (e) {
      toast.error(e);
    }
  };

  const apply = async () => {
    if (me.data && !me.data.joined) return join.ask();
    setApplying(true);
    try {
      const r = await cocreateService.applyPanel(panelId);
      toast.success(r.via === 'invite' ? '已接受邀请，欢迎成为测试官' : '报名成功，你是测试官了');
      await query.reload();
    } catch (e) {
      toast.error(e);
    } finally {
      setApplying(false);
    }
  };

  const data = query.data;
  return (
    <Page className="cc-page cc-panel" footer={data && data.mine !== 'seated' ? <ApplyAction panel={data} busy={applying} onApply={() => void apply()} /> : undefined}>
      <QueryView query={query}>
        {(p) => (
          <View>
            <View className="cc-head">
              <View className="cc-head__title panel-title">{p.title}</View>
              <View className="cc-head__subtitle">{`${p.productName} · ${p.seats} 个名额 · ${p.held ? `${heldLabel(p.held)} · 仅发起人可见` : p.state === 'open' ? `${formatBeijingTime(p.applyUntil, true)} 截止报名` : '报名已截止'}`}</View>
              <View className="cc-head__subtitle panel-host">{hostLine(p.host)}</View>
            </View>
            {p.held && (
              <Notice tone={p.held.state === 'rejected' ? 'danger' : 'warning'} icon={p.held.state === 'rejected' ? 'info' : 'clock'} className="panel-held">
                {p.held.note}
              </Notice>
            )}
            {p.image && <Image className="cc-card__image" src={p.image} mode="aspectFill" />}
            {p.description && <Notice icon="info">{p.description}</Notice>}
            {p.mine === 'invited' && (
              <Notice tone="warning" icon="crown" className="panel-invited">
                你是超级用户，已为你保留一个名额，报名截止前接受邀请即可
              </Notice>
            )}
            {(p.hosting || p.manage) && <HostTools panel={p} onChanged={() => void query.reload()} />}
            {(p.hosting || p.manage) && p.mine !== 'seated' && p.previews.length > 0 && <Previews panel={p} />}
            {p.mine === 'seated' && <Previews panel={p} />}
            {p.mine === 'seated' && <Feedback panel={p} onSent={() => void query.reload()} />}
            {p.manage && p.state === 'open' && (
              <Button variant="secondary" block className="panel-close" onClick={() => setClosing(true)}>
                提前截止报名
              </Button>
            )}
          </View>
        )}
      </QueryView>
      <Dialog open={closing} title="提前截止报名？" message="截止后不能再报名或接受邀请，已入选的测试官不受影响。" confirmText="截止报名" cancelText="再等等" danger onConfirm={() => void close()} onCancel={() => setClosing(false)} />
      {join.dialog}
    </Page>
  );
}

function ApplyAction({ panel: p, busy, onApply }: { panel: Panel; busy: boolean; onApply: () => void }) {
  if (p.held) return <Button block disabled>{p.held.state === 'rejected' ? '未发布' : '审核通过后开放报名'}</Button>;
  if (p.state !== 'open') return <Button block disabled>报名已截止</Button>;
  if (p.mine === 'invited') {
    return (
      <Button block icon="crown" className="panel-accept" loading={busy} loadingText="确认中…" onClick={onApply}>
        接受邀请
      </Button>
    );
  }
  if (p.open <= 0) return <Button block disabled>名额已满</Button>;
  return (
    <Button block className="panel-apply" loading={busy} loadingText="报名中…" onClick={onApply}>
      {`报名测试官 · 还剩 ${p.open} 个名额`}
    </Button>
  );
}

function Previews({ panel: p }: { panel: Panel }) {
  if (p.previews.length === 0) return <Notice icon="clock">新品抢先看即将上线，只有测试官能看到</Notice>;
  return (
    <Card title="新品抢先看" extra="仅测试官可见" className="panel-previews">
      {p.previews.map((v) => (
        <View key={v.previewId} className="panel-preview">
          <View className="cc-card__title">{v.title}</View>
          <View className="cc-card__body">{v.body}</View>
          {v.images.map((src) => (
            <Image key={src} className="cc-card__image" src={src} mode="aspectFill" />
          ))}
        </View>
      ))}
    </Card>
  );
}

function Feedback({ panel: p, onSent }: { panel: Panel; onSent: () => void }) {
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  if (p.feedbackSent) return <Notice tone="success" icon="check">反馈已提交，产品团队会认真阅读每一条</Notice>;
  const set = (id: string, v: number | string) => setAnswers((a) => ({ ...a, [id]: v }));
  const submit = async () => {
    setBusy(true);
    try {
      await cocreateService.panelFeedback(p.panelId, answers);
      toast.success('反馈已提交，谢谢你！');
      onSent();
    } catch (e) {
      if (isCloudError(e) && e.field) setError({ field: e.field, message: e.message });
      else toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="测试反馈" className="panel-feedback">
      {p.questions.map((q) => (
        <Question key={q.id} question={q} value={answers[q.id]} error={error?.field === `answers.${q.id}` ? error.message : undefined} onChange={(v) => set(q.id, v)} />
      ))}
      <Button block loading={busy} loadingText="提交中…" className="panel-feedback-submit" onClick={() => void submit()}>
        提交反馈
      </Button>
    </Card>
  );
}

function Question({ question: q, value, error, onChange }: { question: PanelQuestion; value: number | string | undefined; error?: string; onChange: (v: number | string) => void }) {
  return (
    <Field label={q.label} error={error}>
      {q.kind === 'rating' && (
        <View className="cc-rating">
          {[1, 2, 3, 4, 5].map((n) => (
            <View key={n} className={`cc-rating__star rating-${q.id}-${n}`} onClick={() => onChange(n)}>
              <Icon name="star" color={typeof value === 'number' && n <= value ? 'primary' : 'textMuted'} />
            </View>
          ))}
        </View>
      )}
      {q.kind === 'choice' && (
        <View className="cc-choices">
          {q.options.map((o, i) => (
            <View key={o} className="cc-choices__item">
              <Button size="sm" variant={value === o ? 'primary' : 'secondary'} className={`choice-${q.id}-${i}`} onClick={() => onChange(o)}>
                {o}
              </Button>
            </View>
          ))}
        </View>
      )}
      {q.kind === 'text' && (
        <Textarea className={`cc-input cc-input--tall text-${q.id}`} value={typeof value === 'string' ? value : ''} maxlength={500} placeholder="说说你的真实感受" onInput={(e) => onChange(e.detail.value)} />
      )}
    </Field>
  );
}
