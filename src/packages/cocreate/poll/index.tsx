import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Image, Input, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { communityService } from '../../../services/community';
import { cocreateService, heldLabel, hostLine, SUBJECT_NAMES, type Poll, type PollOption } from '../../../services/cocreate';
import { Button, Card, Dialog, Field, Notice, Page, QueryView, Tag, toast } from '../../../ui';
import { formatBeijingTime, formatNumber } from '../../../utils/format';
import { useJoinDialog } from '../../community/community-view';
import '../cocreate.scss';

/** One co-creation poll: the options with their public results; members vote from their budget and sign. */
export default function PollPage() {
  const { pollId = '' } = useRouter().params;
  const load = useCallback(() => cocreateService.poll(pollId), [pollId]);
  const query = useCloudQuery(load, { refreshOnShow: true });
  const me = useCloudQuery(communityService.me);
  const join = useJoinDialog('成为会员后就能参与共创投票，投中的名字会印在产品上。');
  const [credit, setCredit] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const nickname = me.data?.author?.nickname ?? '';
  useEffect(() => setCredit((c) => c || nickname), [nickname]);

  const vote = async (o: PollOption) => {
    if (me.data && !me.data.joined) return join.ask();
    setBusy(o.optionId);
    try {
      const r = await cocreateService.vote(pollId, o.optionId, credit.trim() || null);
      toast.success(r.repeated ? '已经投过这一项' : `已投给「${o.label}」`);
      await query.reload();
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(null);
    }
  };

  const close = async () => {
    try {
      await cocreateService.closePoll(pollId);
      toast.success('投票已结束，结果已公布');
      setClosing(false);
      await query.reload();
    } catch (e) {
      toast.error(e);
    }
  };

  return (
    <Page className="cc-page cc-poll">
      <QueryView query={query}>
        {(p) => (
          <View>
            <View className="cc-head">
              <View className="cc-head__title poll-title">{p.title}</View>
              <View className="cc-head__subtitle">
                {p.held ? `${p.productName} · ${heldLabel(p.held)} · 仅发起人可见` : `${p.productName} · ${p.state === 'ended' ? '投票已结束' : `${formatBeijingTime(p.closesAt, true)} 截止`} · ${formatNumber(p.voters)} 人参与`}
              </View>
              <View className="cc-head__subtitle poll-host">{hostLine(p.host)}</View>
            </View>
            {p.held && (
              <Notice tone={p.held.state === 'rejected' ? 'danger' : 'warning'} icon={p.held.state === 'rejected' ? 'info' : 'clock'} className="poll-held">
                {p.held.note}
              </Notice>
            )}
            {p.description && <Notice icon="info">{p.description}</Notice>}
            <Card title={p.state === 'ended' ? '投票结果' : '选项与实时票数'} extra={SUBJECT_NAMES[p.subject]} className="poll-options">
              {p.options.map((o) => (
                <OptionRow key={o.optionId} poll={p} option={o} busy={busy === o.optionId} onVote={() => void vote(o)} />
              ))}
            </Card>
            <Budget poll={p} />
            {p.state === 'open' && p.mine && p.mine.used < p.mine.budget && (
              <Field label="署名" optional hint={`投中的选项胜出后，署名会出现在共创名人墙，${p.creditLine}。留空则不署名。`}>
                <Input className="cc-input poll-credit" value={credit} maxlength={12} placeholder="你的署名" onInput={(e) => setCredit(e.detail.value)} />
              </Field>
            )}
            {p.state === 'ended' && p.options.some((o) => o.winner) && (
              <Notice tone="success" icon="crown" className="poll-winner">
                {`「${p.options.filter((o) => o.winner).map((o) => o.label).join('」「')}」胜出！投给它的会员署名将${p.creditLine}`}
              </Notice>
            )}
            {p.manage && p.state !== 'ended' && !(p.held?.state === 'rejected') && (
              <Button variant="secondary" block className="poll-close" onClick={() => setClosing(true)}>
                提前结束投票并公布结果
              </Button>
            )}
          </View>
        )}
      </QueryView>
      <Dialog open={closing} title="提前结束投票？" message="结束后按已投的票数公布结果，不能再投票。" confirmText="结束投票" cancelText="再等等" danger onConfirm={() => void close()} onCancel={() => setClosing(false)} />
      {join.dialog}
    </Page>
  );
}

function Budget({ poll: p }: { poll: Poll }) {
  if (p.state !== 'open' || !p.mine) return null;
  const left = p.mine.budget - p.mine.used;
  return (
    <Notice tone={left > 0 ? 'info' : 'success'} icon="star" className="poll-budget">
      {left > 0 ? `你在这个投票里有 ${p.mine.budget} 票，还剩 ${left} 票，每个选项最多投 1 票` : `你的 ${p.mine.budget} 票已全部投出，结果揭晓时见`}
    </Notice>
  );
}

function OptionRow({ poll: p, option: o, busy, onVote }: { poll: Poll; option: PollOption; busy: boolean; onVote: () => void }) {
  const canVote = p.state === 'open' && !o.mine && (!p.mine || p.mine.used < p.mine.budget);
  return (
    <View className={`cc-option poll-option poll-option--${o.optionId}`}>
      <View className="cc-option__row">
        {o.image && <Image className="cc-option__image" src={o.image} mode="aspectFill" />}
        <View className="cc-option__label">{o.label}</View>
        {o.winner && <Tag tone="success">胜出</Tag>}
        {o.mine && <Tag tone="primary">已投</Tag>}
        <View className="cc-option__count">{`${formatNumber(o.votes)} 票 · ${o.percent}%`}</View>
        {canVote && (
          <View className="cc-option__action">
            <Button size="sm" className="poll-vote" loading={busy} loadingText="投票中" onClick={onVote}>
              投一票
            </Button>
          </View>
        )}
      </View>
      <View className="cc-option__bar">
        <View className={`cc-option__fill ${o.winner ? 'cc-option__fill--winner' : ''}`} style={{ width: `${o.percent}%` }} />
      </View>
    </View>
  );
}
