import { useCallback, useState } from 'react';
import { Input, View } from '@tarojs/components';
import { useAction } from '../../../hooks/useAction';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { kocService, ROLE_OPTIONS, type Application, type KocEvent, type KocRole } from '../../../services/koc';
import { Button, Empty, Field, Page, QueryView, Segmented, Tag } from '../../../ui';
import { EventSummary } from '../koc-view';
import '../koc.scss';

type Tab = 'pending' | 'approved' | 'events';
const TABS: { value: Tab; label: string }[] = [
  { value: 'pending', label: '待审申请' },
  { value: 'approved', label: '体验官' },
  { value: 'events', label: '待审活动' },
];

/** Operators: review applications (grant roles, always with a reason), revoke roles, approve events. */
export default function ReviewPage() {
  const [tab, setTab] = useState<Tab>('pending');
  return (
    <Page className="koc-page koc-review">
      <Segmented options={TABS} value={tab} onChange={setTab} optionClass="review-tab" />
      {tab === 'events' ? <EventQueue /> : <Applications key={tab} status={tab} />}
    </Page>
  );
}

function Applications({ status }: { status: 'pending' | 'approved' }) {
  const load = useCallback(() => kocService.applications(status), [status]);
  const query = useCloudQuery(load, { refreshOnShow: true });
  return (
    <QueryView
      query={query}
      isEmpty={(d) => d.items.length === 0}
      empty={<Empty icon="checkCircle" title={status === 'pending' ? '没有待审核的申请' : '还没有体验官'} text="会员在「体验官计划」提交的申请会出现在这里" />}
    >
      {(d) => (
        <View className="koc-stack">
          {d.items.map((a) => (status === 'pending' ? <ApplicationCard key={a.applicationId} app={a} onDone={() => void query.reload()} /> : <HolderCard key={a.applicationId} app={a} onDone={() => void query.reload()} />))}
        </View>
      )}
    </QueryView>
  );
}

function ApplicationHead({ app }: { app: Application }) {
  return (
    <View>
      <View className="koc-event__head">
        <View className="koc-event__title">{app.nickname}</View>
        <Tag tone="info">{app.city}</Tag>
      </View>
      <View className="koc-text application-plan">{app.plan}</View>
      {app.links.map((l) => (
        <View key={l} className="koc-muted">
          {l}
        </View>
      ))}
      <View className="koc-muted">{`想承担：${app.wanted.map((w) => w.name).join('、')}`}</View>
    </View>
  );
}

function ApplicationCard({ app, onDone }: { app: Application; onDone: () => void }) {
  const [roles, setRoles] = useState<KocRole[]>(app.wanted.map((w) => w.role));
  const [reason, setReason] = useState('');
  const { busy, run } = useAction();
  const decide = (decision: 'approve' | 'reject') =>
    void run(() => kocService.review(app.applicationId, decision, decision === 'approve' ? roles : [], reason), decision === 'approve' ? '已通过并授予身份' : '已婉拒', onDone);
  return (
    <View className="koc-card application-card">
      <ApplicationHead app={app} />
      <Field label="授予身份">
        <View className="koc-chips">
          {ROLE_OPTIONS.map((o) => (
            <View
              key={o.role}
              className={`koc-chip grant-role grant-role--${o.role} ${roles.includes(o.role) ? 'koc-chip--active' : ''}`}
              onClick={() => setRoles((r) => (r.includes(o.role) ? r.filter((x) => x !== o.role) : [...r, o.role]))}
            >
              {o.name}
            </View>
          ))}
        </View>
      </Field>
      <Field label="审核理由" hint="会员会看到这段话">
        <Input className="ui-input review-reason" value={reason} maxlength={200} placeholder="例如：活跃且乐于分享，欢迎加入" onInput={(e) => setReason(e.detail.value)} />
      </Field>
      <Decision prefix="review" busy={busy} onDecide={decide} />
    </View>
  );
}

/** An approved member's roles; each can be taken back at once, with a reason. */
function HolderCard({ app, onDone }: { app: Application; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, run } = useAction();
  const revoke = (role: KocRole) => void run(() => kocService.revoke(app.applicationId, role, reason), '已收回，立即生效', onDone);
  return (
    <View className="koc-card holder-card">
      <ApplicationHead app={app} />
      {app.roles.length === 0 ? (
        <View className="koc-muted">身份已全部收回</View>
      ) : (
        <View>
          <Field label="收回理由" hint="收回后立即生效">
            <Input className="ui-input revoke-reason" value={reason} maxlength={200} placeholder="例如：长期未处理举报" onInput={(e) => setReason(e.detail.value)} />
          </Field>
          <View className="koc-buttons">
            {app.roles.map((r) => (
              <Button key={r.role} size="sm" variant="danger" className={`revoke revoke--${r.role}`} disabled={busy} onClick={() => revoke(r.role)}>
                {`收回${r.name}`}
              </Button>
            ))}
          </View>
        </View>
      )}
    </View>
  );
}

function EventQueue() {
  const load = useCallback(() => kocService.events('review'), []);
  const query = useCloudQuery(load, { refreshOnShow: true });
  return (
    <QueryView query={query} isEmpty={(d) => d.items.length === 0} empty={<Empty icon="checkCircle" title="没有待审核的活动" text="城市体验官发起的活动会出现在这里" />}>
      {(d) => (
        <View className="koc-stack">
          {d.items.map((e) => (
            <EventReviewCard key={e.eventId} event={e} onDone={() => void query.reload()} />
          ))}
        </View>
      )}
    </QueryView>
  );
}

function EventReviewCard({ event: e, onDone }: { event: KocEvent; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const { busy, run } = useAction();
  const decide = (decision: 'approve' | 'reject') =>
    void run(() => kocService.reviewEvent(e.eventId, decision, reason, note), decision === 'approve' ? '活动已通过，会员可以报名了' : '已婉拒', onDone);
  return (
    <View className="koc-card event-review-card">
      <EventSummary event={e} />
      <View className="koc-text">{e.description}</View>
      {e.materials && <View className="koc-muted">{`物料需求：${e.materials}`}</View>}
      <Field label="物料支持" optional hint="品牌会寄出的物料，主理人能看到">
        <Input className="ui-input event-materials-note" value={note} maxlength={200} placeholder="例如：寄出试饮装 20 份" onInput={(x) => setNote(x.detail.value)} />
      </Field>
      <Field label="审核理由">
        <Input className="ui-input event-reason" value={reason} maxlength={200} placeholder="例如：时间地点合适" onInput={(x) => setReason(x.detail.value)} />
      </Field>
      <Decision prefix="event" busy={busy} onDecide={decide} />
    </View>
  );
}

/** 通过 / 婉拒 for an application or an event (classes `<prefix>-approve`, `<prefix>-reject`). */
function Decision({ prefix, busy, onDecide }: { prefix: string; busy: boolean; onDecide: (d: 'approve' | 'reject') => void }) {
  return (
    <View className="koc-buttons">
      <Button size="sm" className={`${prefix}-approve`} disabled={busy} onClick={() => onDecide('approve')}>
        通过
      </Button>
      <Button size="sm" variant="secondary" className={`${prefix}-reject`} disabled={busy} onClick={() => onDecide('reject')}>
        婉拒
      </Button>
    </View>
  );
}
