import { useCallback, useRef, useState } from 'react';
import { Input, Textarea, View } from '@tarojs/components';
import { useAction } from '../../../hooks/useAction';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { cocreateService, type Panel, type PanelReport } from '../../../services/cocreate';
import { Button, Card, Field, Notice, QueryView, Sheet, Stepper, toast } from '../../../ui';
import { newRequestId } from '../../../utils/request-id';

type Tool = 'invite' | 'preview' | 'report';

/**
 * 发起人工具: what the panel's host (a KOC co-creator, on their own panel) and operators do with a panel:
 * invite super users first, post an early look only panelists see, read the feedback summary.
 */
export function HostTools({ panel: p, onChanged }: { panel: Panel; onChanged: () => void }) {
  const [tool, setTool] = useState<Tool | null>(null);
  if (p.held) return null;
  const close = () => setTool(null);
  return (
    <Card title={p.hosting ? '发起人工具' : '运营工具'} className="panel-host-tools">
      <View className="cc-tools">
        {p.state === 'open' && (
          <Button size="sm" variant="secondary" icon="crown" className="panel-invite" onClick={() => setTool('invite')}>
            邀请超级用户
          </Button>
        )}
        <Button size="sm" variant="secondary" icon="edit" className="panel-post-preview" onClick={() => setTool('preview')}>
          发布抢先看
        </Button>
        <Button size="sm" variant="secondary" icon="chart" className="panel-report" onClick={() => setTool('report')}>
          反馈汇总
        </Button>
      </View>
      <InviteSheet open={tool === 'invite'} panel={p} onClose={close} onDone={onChanged} />
      <PreviewSheet open={tool === 'preview'} panel={p} onClose={close} onDone={onChanged} />
      {tool === 'report' && <ReportSheet panel={p} onClose={close} />}
    </Card>
  );
}

function InviteSheet({ open, panel: p, onClose, onDone }: { open: boolean; panel: Panel; onClose: () => void; onDone: () => void }) {
  const [count, setCount] = useState(Math.max(1, Math.min(p.open, 10)));
  const { busy, run } = useAction();
  const invite = () =>
    run(
      () => cocreateService.invitePanel(p.panelId, count),
      (r) => (r.invited > 0 ? `已邀请 ${r.invited} 位` : '暂时没有可邀请的超级用户'),
      () => {
        onClose();
        onDone();
      },
    );
  return (
    <Sheet
      open={open}
      title="邀请超级用户"
      onClose={onClose}
      className="invite-sheet"
      footer={
        <Button block loading={busy} loadingText="邀请中…" disabled={p.open <= 0} className="invite-submit" onClick={() => void invite()}>
          发出邀请
        </Button>
      }
    >
      <Notice icon="crown">按超级用户分数从高到低邀请，每份邀请为对方保留一个名额，报名截止前有效。</Notice>
      <Field label="邀请人数" hint={`还有 ${p.open} 个名额可以邀请`}>
        <Stepper value={count} min={1} max={Math.max(1, Math.min(p.open, 200))} onChange={setCount} className="invite-count" />
      </Field>
    </Sheet>
  );
}

function PreviewSheet({ open, panel: p, onClose, onDone }: { open: boolean; panel: Panel; onClose: () => void; onDone: () => void }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const requestId = useRef<string | null>(null);
  const post = async () => {
    requestId.current ??= newRequestId();
    setBusy(true);
    try {
      await cocreateService.postPreview(p.panelId, title, body, requestId.current);
      toast.success('抢先看已发布');
      requestId.current = null;
      setTitle('');
      setBody('');
      setError(null);
      onClose();
      onDone();
    } catch (e) {
      if (isCloudError(e) && e.field) setError({ field: e.field, message: e.message });
      else toast.error(e);
      if (isCloudError(e) && e.code !== 'NETWORK' && e.code !== 'BUSY') requestId.current = null;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Sheet
      open={open}
      title="发布新品抢先看"
      onClose={onClose}
      className="preview-sheet"
      footer={
        <Button block loading={busy} loadingText="发布中…" className="preview-submit" onClick={() => void post()}>
          发布给测试官
        </Button>
      }
    >
      <Notice icon="lock">只有入选的测试官能看到。</Notice>
      <Field label="标题" counter={{ length: title.length, max: 30 }} error={error?.field === 'title' ? error.message : undefined}>
        <Input className="cc-input preview-title" value={title} maxlength={30} placeholder="例如：包装抢先看" onInput={(e) => setTitle(e.detail.value)} />
      </Field>
      <Field label="内容" counter={{ length: body.length, max: 1000 }} error={error?.field === 'body' ? error.message : undefined}>
        <Textarea className="cc-input cc-input--tall preview-body" value={body} maxlength={1000} placeholder="新品的亮点、寄送时间、试用要求" onInput={(e) => setBody(e.detail.value)} />
      </Field>
    </Sheet>
  );
}

function ReportSheet({ panel: p, onClose }: { panel: Panel; onClose: () => void }) {
  const load = useCallback(() => cocreateService.panelReport(p.panelId), [p.panelId]);
  const query = useCloudQuery(load);
  return (
    <Sheet open title="反馈汇总" onClose={onClose} className="report-sheet">
      <QueryView query={query}>
        {(report: PanelReport) => (
          <View className="report-body">
            <Notice icon="star">{report.responses > 0 ? `已收到 ${report.responses} 份反馈` : '还没有测试官提交反馈'}</Notice>
            {report.questions.map((q) => (
              <View key={q.id} className="cc-report__question report-question">
                <View className="cc-card__title">{q.label}</View>
                {q.kind === 'rating' && <View className="cc-card__meta">{q.averageTenths === null ? '暂无打分' : `平均 ${(q.averageTenths / 10).toFixed(1)} 分`}</View>}
                {q.kind === 'choice' && q.counts.map((c) => <View key={c.option} className="cc-card__meta">{`${c.option}：${c.count} 人`}</View>)}
                {q.kind === 'text' && (q.texts.length ? q.texts.map((t, i) => <View key={i} className="cc-card__body">{t}</View>) : <View className="cc-card__meta">暂无回答</View>)}
              </View>
            ))}
          </View>
        )}
      </QueryView>
    </Sheet>
  );
}
