import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { cocreateService, heldLabel, hostLine, SUBJECT_NAMES, type Panel, type Poll } from '../../services/cocreate';
import { COCREATE_CREDITS, COCREATE_OPEN, COCREATE_PANEL, COCREATE_POLL, COCREATE_RULES } from '../../routes';
import { Cell, CellGroup, Empty, Page, QueryView, Tag } from '../../ui';
import { formatBeijingTime, formatNumber } from '../../utils/format';
import './cocreate.scss';

/** 共创: the community shapes the products and its own rules: polls, product panels, rules, credits. */
export default function CocreatePage() {
  const polls = useCloudQuery(cocreateService.polls, { refreshOnShow: true });
  const panels = useCloudQuery(cocreateService.panels, { refreshOnShow: true });
  return (
    <Page className="cc-page cc-home">
      <View className="cc-head">
        <View className="cc-head__title">一起决定下一款产品</View>
        <View className="cc-head__subtitle">投票选口味和包装，报名新品测试官，和大家一起定社区公约</View>
      </View>
      <CellGroup>
        <Cell icon="shield" title="社区公约" description="会员提议、大家表决通过的社区规则" arrow className="to-rules" onClick={() => void Taro.navigateTo({ url: COCREATE_RULES })} />
        <Cell icon="crown" title="共创名人墙" description="投中获胜选项的会员，名字印在产品上" arrow className="to-credits" onClick={() => void Taro.navigateTo({ url: COCREATE_CREDITS })} />
        {polls.data?.canOpen && (
          <Cell icon="edit" title="发起共创" description="发起一个共创投票或新品测试" arrow className="to-open" onClick={() => void Taro.navigateTo({ url: COCREATE_OPEN })} />
        )}
      </CellGroup>
      <View className="cc-section-title">共创投票</View>
      <QueryView query={polls} isEmpty={(d) => d.polls.length === 0} empty={<Empty icon="star" title="暂时没有共创投票" text="新的投票开始后会出现在这里" />}>
        {(d) => (
          <View>
            {d.polls.map((p) => (
              <PollCard key={p.pollId} poll={p} />
            ))}
          </View>
        )}
      </QueryView>
      <View className="cc-section-title">新品测试官</View>
      <QueryView query={panels} isEmpty={(d) => d.panels.length === 0} empty={<Empty icon="gift" title="暂时没有新品测试" text="新品招募测试官时会出现在这里" />}>
        {(d) => (
          <View>
            {d.panels.map((p) => (
              <PanelCard key={p.panelId} panel={p} />
            ))}
          </View>
        )}
      </QueryView>
    </Page>
  );
}

function PollCard({ poll: p }: { poll: Poll }) {
  const cover = p.options.find((o) => o.image)?.image ?? null;
  return (
    <View className="cc-card poll-card" onClick={() => void Taro.navigateTo({ url: `${COCREATE_POLL}?pollId=${encodeURIComponent(p.pollId)}` })}>
      <View className="cc-card__title">{p.title}</View>
      <View className="cc-card__meta">
        {p.held ? `${p.productName} · 仅发起人可见` : `${p.productName} · ${p.state === 'ended' ? '已结束' : `${formatBeijingTime(p.closesAt, true)} 截止`} · ${formatNumber(p.voters)} 人参与`}
      </View>
      {!p.host.official && <View className="cc-card__meta poll-host">{hostLine(p.host)}</View>}
      {cover && <Image className="cc-card__image" src={cover} mode="aspectFill" />}
      <View className="cc-card__tags">
        <Tag tone="primary">{SUBJECT_NAMES[p.subject]}</Tag>
        {p.held && <Tag tone={p.held.state === 'rejected' ? 'danger' : 'warning'}>{heldLabel(p.held)}</Tag>}
        {p.state === 'open' && <Tag tone="success">投票中</Tag>}
        {p.state === 'upcoming' && <Tag tone="info">即将开始</Tag>}
        {p.state === 'ended' && <Tag>结果已公布</Tag>}
        {p.mine && p.mine.used > 0 && <Tag tone="warning">{`已投 ${p.mine.used}/${p.mine.budget} 票`}</Tag>}
      </View>
    </View>
  );
}

function PanelCard({ panel: p }: { panel: Panel }) {
  return (
    <View className="cc-card panel-card" onClick={() => void Taro.navigateTo({ url: `${COCREATE_PANEL}?panelId=${encodeURIComponent(p.panelId)}` })}>
      <View className="cc-card__title">{p.title}</View>
      <View className="cc-card__meta">
        {p.productName} · {p.held ? '仅发起人可见' : p.state === 'open' ? `${formatBeijingTime(p.applyUntil, true)} 截止报名` : '报名已截止'}
      </View>
      {!p.host.official && <View className="cc-card__meta panel-host">{hostLine(p.host)}</View>}
      {p.image && <Image className="cc-card__image" src={p.image} mode="aspectFill" />}
      <View className="cc-card__tags">
        <Tag tone="primary">{`${p.seats} 个名额`}</Tag>
        {p.held && <Tag tone={p.held.state === 'rejected' ? 'danger' : 'warning'}>{heldLabel(p.held)}</Tag>}
        {p.state === 'open' && p.open > 0 && !p.mine && <Tag tone="success">{`还剩 ${p.open} 个`}</Tag>}
        {p.mine === 'invited' && <Tag tone="warning">你已受邀</Tag>}
        {p.mine === 'seated' && <Tag tone="success">你是测试官</Tag>}
      </View>
    </View>
  );
}
