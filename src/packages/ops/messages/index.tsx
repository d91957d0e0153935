import { Text, View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { messagesService, type LayerMessageStatus } from '../../../services/messages';
import { Card, Empty, Page, QueryView, Stat, StatRow, Tag, type Tone } from '../../../ui';
import { formatBeijingTime, formatNumber } from '../../../utils/format';
import './index.scss';

/**
 * 运营消息: each message operators sent to a member layer (`layer_messages`, written in the console) with how far
 * the queuing went and what became of the queued messages (sent, not sent for want of the member's subscription
 * or over the promotion caps, failed). Times in Beijing time; no ids shown.
 */
export default function OpsMessagesPage() {
  const report = useCloudQuery(messagesService.report, { refreshOnShow: true });
  return (
    <Page className="ops-messages">
      <QueryView
        query={report}
        isEmpty={(r) => r.messages.length === 0}
        empty={<Empty icon="chat" title="还没有运营消息" text="在云开发控制台新建运营消息后，发送进度会显示在这里" />}
      >
        {(r) => (
          <View>
            <View className="ops-messages__intro">只发给订阅了运营通知的会员；未订阅或已达推送上限的计为未发送</View>
            {r.messages.map((m, i) => (
              <MessageCard key={i} m={m} />
            ))}
          </View>
        )}
      </QueryView>
    </Page>
  );
}

const STATE_TONE: Record<LayerMessageStatus['state'], Tone> = { scheduled: 'info', queuing: 'warning', done: 'success', inactive: 'neutral' };

function MessageCard({ m }: { m: LayerMessageStatus }) {
  const d = m.delivery;
  const notes = [
    m.members > 0 ? `分层内 ${formatNumber(m.members)} 人${m.outsideAudience ? `，${formatNumber(m.outsideAudience)} 人不在受众内` : ''}` : null,
    m.noMember ? `${formatNumber(m.noMember)} 人已注销` : null,
    d.pending ? `${formatNumber(d.pending)} 条待发送` : null,
    m.finishedAt ? `${formatBeijingTime(m.finishedAt, true)} 排完` : null,
  ].filter(Boolean);
  return (
    <Card
      title={m.title}
      extra={
        <Tag tone={STATE_TONE[m.state]} className="ops-message__state">
          {m.stateText}
        </Tag>
      }
      className={`ops-message ops-message--${m.state}`}
    >
      <View className="ops-message__to">
        {m.layers.map((l) => (
          <Tag key={l} tone="warning">
            {l}
          </Tag>
        ))}
        <Text className="ops-message__when">{formatBeijingTime(m.sendAt, true)} 发送</Text>
      </View>
      <StatRow className="ops-message__counts">
        <Stat value={formatNumber(m.queued)} label="已排队" className="ops-message-queued" />
        <Stat value={formatNumber(d.sent)} label="已发送" className="ops-message-sent" />
        <Stat value={formatNumber(d.skipped)} label="未发送" className="ops-message-skipped" />
        <Stat value={formatNumber(d.failed)} label="失败" className="ops-message-failed" />
      </StatRow>
      {notes.length > 0 && <View className="ops-message__notes">{notes.join(' · ')}</View>}
    </Card>
  );
}
