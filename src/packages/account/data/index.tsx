import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { privacyService, type PrivacyStatus } from '../../../services/privacy';
import { formatBeijingTime, formatDay } from '../../../utils/format';
import { newRequestId } from '../../../utils/request-id';
import { Button, Card, ConfirmSheet, Dialog, Notice, Page, QueryView, Segmented, toast } from '../../../ui';
import '../account.scss';
import './index.scss';

/**
 * 我的数据与账户 (PIPL): download everything held about me, stop all messages, close my account (with a grace
 * period in which it can be undone).
 */
export default function MyDataPage() {
  const status = useCloudQuery(privacyService.status, { refreshOnShow: true });
  return (
    <Page className="my-data account-page">
      <QueryView query={status}>{(s) => <MyData status={s} reload={status.reload} />}</QueryView>
    </Page>
  );
}

type ContentChoice = 'delete' | 'keep_anonymous';
const CONTENT_OPTIONS: { value: ContentChoice; label: string }[] = [
  { value: 'delete', label: '全部删除' },
  { value: 'keep_anonymous', label: '匿名保留' },
];
const CONTENT_NOTES: Record<ContentChoice, string> = {
  delete: '注销时删除你发布的帖子和评论。',
  keep_anonymous: '帖子和评论保留在社区，作者显示为「已注销用户」，不再显示你的昵称和头像。',
};

function MyData({ status, reload }: { status: PrivacyStatus; reload: () => void }) {
  const [busy, setBusy] = useState<null | 'export' | 'withdraw' | 'close' | 'undo'>(null);
  const [askWithdraw, setAskWithdraw] = useState(false);
  const [askClose, setAskClose] = useState(false);
  const [content, setContent] = useState<ContentChoice>('delete');

  const run = async (what: NonNullable<typeof busy>, work: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(what);
    try {
      await work();
      toast.success(done);
      reload();
    } catch (e) {
      toast.error(e);
    } finally {
      setBusy(null);
      setAskWithdraw(false);
      setAskClose(false);
    }
  };

  const latest = status.exports[0];
  const copy = (url: string) => void Taro.setClipboardData({ data: url });

  return (
    <View>
      {status.closing && (
        <Notice tone="danger" className="my-data__closing">
          {`账户将于 ${formatDay(new Date(new Date(status.closing.eraseAfter).getTime() + 8 * 3600_000).toISOString())} 注销，届时个人信息将被删除`}
        </Notice>
      )}

      <Card title="导出我的数据" className="my-data__export">
        <View className="my-data__held">包含：{status.heldData.join('；')}。</View>
        {latest && (
          <View className="my-data__latest">
            {latest.status === 'ready' && latest.url ? (
              <View>
                <View className="my-data__ready">{`${formatBeijingTime(latest.createdAt, true)} 的导出已生成，共 ${latest.documents} 条记录`}</View>
                <View className="my-data__actions">
                  <Button variant="secondary" size="sm" className="my-data__copy" onClick={() => copy(latest.url!)}>
                    复制下载链接
                  </Button>
                </View>
              </View>
            ) : (
              <View className="my-data__pending">数据较多，正在整理，生成后会显示在这里（通常在次日凌晨）</View>
            )}
          </View>
        )}
        <View className="my-data__actions">
          <Button className="my-data__export-btn" loading={busy === 'export'} onClick={() => void run('export', () => privacyService.exportData(newRequestId()), '导出已生成')}>
            导出我的数据
          </Button>
        </View>
      </Card>

      <Card title="消息通知" className="my-data__messages">
        <View className="my-data__held">
          {status.activeSubscriptions > 0 ? `你订阅了 ${status.activeSubscriptions} 条消息提醒。撤回同意后，所有消息立即停止发送。` : '目前不会向你发送任何消息。'}
        </View>
        {status.activeSubscriptions > 0 && (
          <View className="my-data__actions">
            <Button variant="secondary" className="my-data__withdraw" onClick={() => setAskWithdraw(true)}>
              停止所有消息
            </Button>
          </View>
        )}
      </Card>

      <Card title="注销账户" className="my-data__close">
        {status.closing ? (
          <View>
            <View className="my-data__held">{status.closing.canUndo ? '注销生效前，你可以随时撤销。' : '注销已经开始，无法撤销。'}</View>
            <View className="my-data__held my-data__content-choice">{`帖子与评论：${status.closing.content === 'keep_anonymous' ? '以「已注销用户」匿名保留' : '全部删除'}`}</View>
            {status.closing.canUndo && (
              <View className="my-data__actions">
                <Button variant="secondary" className="my-data__undo" loading={busy === 'undo'} onClick={() => void run('undo', privacyService.cancelClose, '已撤销注销')}>
                  撤销注销
                </Button>
              </View>
            )}
          </View>
        ) : (
          <View>
            <View className="my-data__held">注销后，你的个人资料、积分、券和签到记录将被删除；消费与订单记录仅以匿名方式保留用于财务核对。</View>
            <View className="my-data__subtitle">我的帖子与评论</View>
            <Segmented<ContentChoice> options={CONTENT_OPTIONS} value={content} onChange={setContent} className="my-data__content" optionClass="my-data__content-option" />
            <View className="my-data__held">{CONTENT_NOTES[content]}</View>
            <View className="my-data__actions">
              <Button variant="danger" className="my-data__close-btn" onClick={() => setAskClose(true)}>
                注销账户
              </Button>
            </View>
          </View>
        )}
      </Card>

      <Dialog
        open={askWithdraw}
        title="停止所有消息？"
        message="已订阅的提醒将全部取消，之后需要在领券中心重新订阅。"
        confirmText="停止"
        cancelText="再想想"
        busy={busy === 'withdraw'}
        onConfirm={() => void run('withdraw', privacyService.withdrawConsent, '已停止所有消息')}
        onCancel={() => setAskWithdraw(false)}
        className="my-data__withdraw-dialog"
      />
      <ConfirmSheet
        open={askClose}
        title="确认注销账户"
        rows={[
          { label: '生效时间', value: '15 天后', emphasis: true },
          { label: '积分与券', value: '全部清除' },
          { label: '帖子与评论', value: content === 'keep_anonymous' ? '匿名保留' : '全部删除' },
          { label: '消息提醒', value: '立即停止' },
          { label: '订单记录', value: '匿名保留' },
        ]}
        note="15 天内可以在本页撤销。建议先导出你的数据。"
        confirmText="确认注销"
        danger
        busy={busy === 'close'}
        onConfirm={() => void run('close', () => privacyService.closeAccount(content), '已提交注销申请')}
        onCancel={() => setAskClose(false)}
        className="my-data__close-sheet"
      />
    </View>
  );
}
