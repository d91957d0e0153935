import { useEffect, useRef, useState } from 'react';
import { Input, Textarea, View } from '@tarojs/components';
import { useAction } from '../../../hooks/useAction';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { communityService } from '../../../services/community';
import { cocreateService, type Rule, type RuleDispute } from '../../../services/cocreate';
import { isCloudError } from '../../../services/cloud';
import { Button, Empty, Field, Notice, Page, QueryView, Sheet, Tag, toast } from '../../../ui';
import { newRequestId } from '../../../utils/request-id';
import { useJoinDialog } from '../../community/community-view';
import '../cocreate.scss';
import { formatBeijingTime } from '../../../utils/format';

/** 社区公约: rules the members proposed and adopted (with their proposer), open proposals to vote on, a proposal form. */
export default function RulesPage() {
  const query = useCloudQuery(cocreateService.rules, { refreshOnShow: true });
  const me = useCloudQuery(communityService.me);
  const join = useJoinDialog('成为会员后就能提议社区公约、为提议投票。');
  const [proposing, setProposing] = useState(false);
  const [arbitrating, setArbitrating] = useState<Rule | null>(null);
  const [disputing, setDisputing] = useState<Rule | null>(null);
  const member = () => {
    if (me.data && !me.data.joined) {
      join.ask();
      return false;
    }
    return true;
  };

  const stance = async (r: Rule, s: 'support' | 'oppose') => {
    if (!member()) return;
    try {
      const out = await cocreateService.voteRule(r.ruleId, s);
      toast.success(out.adopted ? '公约已通过，感谢你的一票' : s === 'support' ? '已支持' : '已反对');
      await query.reload();
    } catch (e) {
      toast.error(e);
    }
  };

  return (
    <Page
      className="cc-page cc-rules"
      footer={
        <Button block icon="edit" className="rules-propose" onClick={() => member() && setProposing(true)}>
          提议一条公约
        </Button>
      }
    >
      <View className="cc-head">
        <View className="cc-head__title">社区公约</View>
        <View className="cc-head__subtitle">由会员提议、大家表决：在表决期内达到法定票数且支持过半即通过</View>
      </View>
      <QueryView query={query}>
        {(d) => (
          <View>
            <View className="cc-section-title">已通过的公约</View>
            {d.adopted.length === 0 && <Empty icon="shield" title="还没有通过的公约" text="提议一条，邀请大家来表决" />}
            {d.adopted.map((r, i) => (
              <View key={r.ruleId} className="cc-card rules-adopted">
                <View className="cc-card__title">{`${i + 1}. ${r.title}`}</View>
                <View className="cc-card__body">{r.body}</View>
                <View className="cc-card__meta rules-proposer">{`提议人：${r.proposer} · ${r.adoptedAt ? formatBeijingTime(r.adoptedAt, true) : ''} 通过 · 支持 ${r.support} 反对 ${r.oppose}`}</View>
                <DisputeTags rule={r} />
                <Arbitration rule={r} />
                <RuleActions rule={r} canArbitrate={d.canArbitrate} onDispute={() => member() && setDisputing(r)} onArbitrate={() => setArbitrating(r)} />
              </View>
            ))}
            <View className="cc-section-title">正在表决</View>
            {d.open.length === 0 && <Empty icon="list" title="暂时没有表决中的提议" />}
            {d.open.map((r) => (
              <View key={r.ruleId} className="cc-card rules-open">
                <View className="cc-card__title">{r.title}</View>
                <View className="cc-card__body">{r.body}</View>
                <View className="cc-card__meta">{`提议人：${r.proposer} · ${formatBeijingTime(r.closesAt, true)} 截止`}</View>
                <View className="cc-card__tags">
                  <Tag tone="success">{`支持 ${r.support}`}</Tag>
                  <Tag tone="danger">{`反对 ${r.oppose}`}</Tag>
                  <Tag tone="info">{r.missingVotes > 0 ? `还差 ${r.missingVotes} 票达到法定票数` : `支持率 ${r.supportPercent}%，需 ${r.majorityPercent}%`}</Tag>
                  {r.disputed && <Tag tone="warning" className="rules-disputed">{`有争议 · ${r.disputes} 人`}</Tag>}
                </View>
                <Arbitration rule={r} />
                {r.mine ? (
                  <View className="cc-card__meta">{r.mine === 'support' ? '你已支持' : '你已反对'}</View>
                ) : (
                  <View className="ui-btn-row">
                    <Button size="sm" className="rules-support" onClick={() => void stance(r, 'support')}>
                      支持
                    </Button>
                    <Button size="sm" variant="secondary" className="rules-oppose" onClick={() => void stance(r, 'oppose')}>
                      反对
                    </Button>
                  </View>
                )}
                <RuleActions rule={r} canArbitrate={d.canArbitrate} onDispute={() => member() && setDisputing(r)} onArbitrate={() => setArbitrating(r)} />
              </View>
            ))}
            {d.closed.length > 0 && <View className="cc-section-title">未通过</View>}
            {d.closed.map((r) => (
              <View key={r.ruleId} className="cc-card rules-closed">
                <View className="cc-card__title">{r.title}</View>
                <View className="cc-card__meta">{`${r.status === 'expired' ? '表决期内未通过' : '已由运营撤销'} · 支持 ${r.support} 反对 ${r.oppose}`}</View>
                <Arbitration rule={r} />
              </View>
            ))}
          </View>
        )}
      </QueryView>
      <ProposeSheet open={proposing} onClose={() => setProposing(false)} onDone={() => void query.reload()} />
      <ArbitrateSheet rule={arbitrating} onClose={() => setArbitrating(null)} onDone={() => void query.reload()} />
      <DisputeSheet rule={disputing} onClose={() => setDisputing(null)} onDone={() => void query.reload()} />
      {join.dialog}
    </Page>
  );
}

/** An adopted rule's dispute state: 有争议 (disputes since the last ruling). Open proposals show it among their tags. */
function DisputeTags({ rule: r }: { rule: Rule }) {
  if (!r.disputed) return null;
  return (
    <View className="cc-card__tags">
      <Tag tone="warning" className="rules-disputed">{`有争议 · ${r.disputes} 人`}</Tag>
    </View>
  );
}

function Arbitration({ rule: r }: { rule: Rule }) {
  if (!r.arbitration) return null;
  return (
    <Notice tone={r.arbitration.decision === 'uphold' ? 'info' : 'warning'} icon="shield" className="rules-arbitration">
      {`已由运营裁定${r.arbitration.decision === 'uphold' ? '维持' : '撤销'}：${r.arbitration.note}`}
    </Notice>
  );
}

/** A member disputes (once); an operator arbitrates. */
function RuleActions({ rule: r, canArbitrate, onDispute, onArbitrate }: { rule: Rule; canArbitrate: boolean; onDispute: () => void; onArbitrate: () => void }) {
  return (
    <View className="cc-card__actions">
      {r.myDispute ? (
        <View className="cc-card__meta rules-my-dispute">你已提出争议，等待运营裁定</View>
      ) : (
        <Button size="sm" variant="text" icon="flag" className="rules-dispute" onClick={onDispute}>
          提出争议
        </Button>
      )}
      {canArbitrate && (
        <Button size="sm" variant="text" icon="shield" className="rules-arbitrate" onClick={onArbitrate}>
          {r.disputed ? `裁定争议（${r.disputes}）` : '裁定'}
        </Button>
      )}
    </View>
  );
}

function DisputeSheet({ rule, onClose, onDone }: { rule: Rule | null; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async () => {
    if (!rule || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await cocreateService.disputeRule(rule.ruleId, reason);
      toast.success('争议已提交，运营会尽快裁定');
      setReason('');
      onClose();
      onDone();
    } catch (e) {
      if (isCloudError(e) && e.field === 'reason') setError(e.message);
      else toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Sheet
      open={rule !== null}
      title="对这条公约提出争议"
      onClose={onClose}
      className="dispute-sheet"
      footer={
        <Button block loading={busy} loadingText="提交中…" className="dispute-submit" onClick={() => void submit()}>
          提交争议
        </Button>
      }
    >
      <View className="cc-card__meta">{rule?.title}</View>
      <Field label="争议理由" hint="每位会员对一条公约只能提出一次；运营裁定后结果会公开在公约下" counter={{ length: reason.length, max: 200 }} error={error}>
        <Textarea className="cc-input cc-input--tall dispute-reason" value={reason} maxlength={200} placeholder="这条公约哪里不合理" onInput={(e) => setReason(e.detail.value)} />
      </Field>
    </Sheet>
  );
}

/** The reasons members gave, for the operator deciding. */
function DisputeReasons({ rule }: { rule: Rule }) {
  const [reasons, setReasons] = useState<RuleDispute[] | null>(null);
  useEffect(() => {
    let live = true;
    cocreateService.ruleDisputes(rule.ruleId).then((r) => live && setReasons(r.disputes), (e) => live && toast.error(e));
    return () => {
      live = false;
    };
  }, [rule.ruleId]);
  if (!reasons) return null;
  if (reasons.length === 0) return <View className="cc-card__meta">暂时没有会员提出争议</View>;
  return (
    <View className="cc-reasons arbitrate-reasons">
      {reasons.map((d, i) => (
        <View key={i} className="cc-reasons__item">{`${formatBeijingTime(d.at, true)} · ${d.reason}`}</View>
      ))}
    </View>
  );
}

function ProposeSheet({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ field?: string; message: string } | null>(null);
  const requestId = useRef<string | null>(null);
  const submit = async () => {
    requestId.current ??= newRequestId();
    setBusy(true);
    try {
      await cocreateService.proposeRule(title, body, requestId.current);
      toast.success('提议已发布，邀请大家来表决吧');
      requestId.current = null;
      setTitle('');
      setBody('');
      setErrors(null);
      onClose();
      onDone();
    } catch (e) {
      if (isCloudError(e) && e.field) setErrors({ field: e.field, message: e.message });
      else toast.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Sheet
      open={open}
      title="提议一条社区公约"
      onClose={onClose}
      className="propose-sheet"
      footer={
        <Button block loading={busy} loadingText="发布中…" className="propose-submit" onClick={() => void submit()}>
          发布提议
        </Button>
      }
    >
      <Field label="标题" counter={{ length: title.length, max: 30 }} error={errors?.field === 'title' ? errors.message : undefined}>
        <Input className="cc-input propose-title" value={title} maxlength={30} placeholder="一句话说清这条公约" onInput={(e) => setTitle(e.detail.value)} />
      </Field>
      <Field label="内容" counter={{ length: body.length, max: 300 }} error={errors?.field === 'body' ? errors.message : undefined}>
        <Textarea className="cc-input cc-input--tall propose-body" value={body} maxlength={300} placeholder="为什么需要它、大家该怎么做" onInput={(e) => setBody(e.detail.value)} />
      </Field>
    </Sheet>
  );
}

function ArbitrateSheet({ rule, onClose, onDone }: { rule: Rule | null; onClose: () => void; onDone: () => void }) {
  const [note, setNote] = useState('');
  const { busy, run } = useAction();
  const decide = async (decision: 'uphold' | 'overturn') => {
    if (!rule) return;
    await run(() => cocreateService.arbitrateRule(rule.ruleId, decision, note), '裁定已记录', () => {
      setNote('');
      onClose();
      onDone();
    });
  };
  return (
    <Sheet
      open={rule !== null}
      title="裁定争议"
      onClose={onClose}
      className="arbitrate-sheet"
      footer={
        <View className="ui-btn-row">
          <Button block variant="secondary" loading={busy} className="arbitrate-uphold" onClick={() => void decide('uphold')}>
            维持
          </Button>
          <Button block variant="danger" loading={busy} className="arbitrate-overturn" onClick={() => void decide('overturn')}>
            撤销
          </Button>
        </View>
      }
    >
      <View className="cc-card__meta">{rule?.title}</View>
      {rule && <DisputeReasons rule={rule} />}
      <Field label="裁定说明" hint="会员会看到这段说明，裁定会记入操作记录">
        <Textarea className="cc-input cc-input--tall arbitrate-note" value={note} maxlength={200} placeholder="说明裁定的理由" onInput={(e) => setNote(e.detail.value)} />
      </Field>
    </Sheet>
  );
}
