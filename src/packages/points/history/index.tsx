import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { JoinCard } from '../../../components/JoinCard';
import { ExpiryNotice } from '../../../components/ExpiryNotice';
import { LedgerEntry } from '../../../components/LedgerEntry';
import { useCloudQuery } from '../../../hooks/useCloudQuery';
import { isCloudError } from '../../../services/cloud';
import { pointsService, type PointsEntry, type PointsSummary } from '../../../services/points';
import { POINTS_CHECKIN } from '../../../routes';
import { formatNumber } from '../../../utils/format';
import './index.scss';
import { Button, Card, Empty, ErrorState, Loading, Notice, Page } from '../../../ui';

const PAGE_SIZE = 20;

export default function PointsHistoryPage() {
  const summary = useCloudQuery(pointsService.summary);
  const history = useHistoryPages();
  useReachBottom(() => void history.loadMore());

  const firstError = summary.error ?? (history.entries === null ? history.error : undefined);
  const retry = () => {
    if (summary.error) void summary.reload();
    if (history.entries === null) void history.loadFirst();
  };

  let body;
  if (summary.data && history.entries) {
    body = (
      <View className="points-history">
        <SummaryCard summary={summary.data} />
        <Card title="积分明细" className="history-list">
          {history.entries.length === 0 && (
            <Empty
              className="history-empty"
              icon="list"
              title="还没有积分记录"
              text="到店消费、每日签到都能累积积分"
              action={
                <Button variant="secondary" size="sm" className="history-to-checkin" onClick={toCheckIn}>
                  去签到领积分
                </Button>
              }
            />
          )}
          {history.entries.map((entry) => (
            <LedgerEntry key={entry.id} entry={entry} />
          ))}
          {history.hasMore ? (
            <Button
              variant="text"
              block
              className="history-more"
              loading={history.loading}
              loadingText="加载中…"
              onClick={() => void history.loadMore()}
            >
              {history.error ? '加载失败，点击重试' : '加载更多'}
            </Button>
          ) : (
            history.entries.length > 0 && <View className="history-end">没有更多了</View>
          )}
        </Card>
      </View>
    );
  } else if (isCloudError(firstError) && firstError.code === 'NOT_REGISTERED') {
    body = <JoinCard text="注册成为会员后，消费、签到都能累积积分。" />;
  } else if (firstError && !summary.loading && !history.loading) {
    body = <ErrorState error={firstError} onRetry={retry} />;
  } else {
    body = <Loading />;
  }

  return <Page className="points-history-page">{body}</Page>;
}

const toCheckIn = () => void Taro.navigateTo({ url: POINTS_CHECKIN });

/** The balance as the page's figure, with what is not spendable yet (pending, owed) and what expires soon. */
function SummaryCard({ summary }: { summary: PointsSummary }) {
  return (
    <Card className="points-summary" title="可用积分" extra={<Text className="history-to-checkin">去签到</Text>} onExtra={toCheckIn}>
      <View className="points-balance">{formatNumber(summary.balance)}</View>
      {(summary.pending > 0 || summary.owed > 0 || summary.expiring) && (
        <View className="points-summary__notes">
          {summary.pending > 0 && (
            <Notice tone="neutral" icon="clock" className="points-pending">
              {`待生效 ${formatNumber(summary.pending)} 积分（售后期结束后可用）`}
            </Notice>
          )}
          {summary.owed > 0 && (
            <Notice tone="warning" icon="refund" className="points-owed">
              {`待抵扣 ${formatNumber(summary.owed)} 积分（已使用的积分发生退款，将从之后获得的积分中抵扣）`}
            </Notice>
          )}
          <ExpiryNotice className="points-expiring" expiring={summary.expiring} />
        </View>
      )}
    </Card>
  );
}

/**
 * The ledger, newest first, a page at a time: `beforeSeq` is the last shown entry's `seq` (the server's
 * `nextBeforeSeq`). One request at a time, so a reach-bottom event and a tap on 加载更多 never load a page twice.
 */
function useHistoryPages() {
  const [entries, setEntries] = useState<PointsEntry[] | null>(null);
  const [nextBeforeSeq, setNextBeforeSeq] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const busy = useRef(false);
  const cursor = useRef<number | null>(null);

  const load = useCallback(async (beforeSeq: number | null) => {
    if (busy.current) return;
    busy.current = true;
    setLoading(true);
    setError(undefined);
    try {
      const page = await pointsService.history(beforeSeq === null ? { limit: PAGE_SIZE } : { beforeSeq, limit: PAGE_SIZE });
      setEntries((shown) => {
        if (beforeSeq === null || !shown) return page.entries;
        const seen = new Set(shown.map((e) => e.id));
        return [...shown, ...page.entries.filter((e) => !seen.has(e.id))];
      });
      cursor.current = page.nextBeforeSeq;
      setNextBeforeSeq(page.nextBeforeSeq);
    } catch (e) {
      setError(e);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(null);
  }, [load]);

  const loadFirst = useCallback(() => load(null), [load]);
  const loadMore = useCallback(async () => {
    if (cursor.current === null) return;
    await load(cursor.current);
  }, [load]);

  return { entries, hasMore: nextBeforeSeq !== null, loading, error, loadFirst, loadMore };
}
