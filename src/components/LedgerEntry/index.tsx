import { Text, View } from '@tarojs/components';
import type { PointsEntry } from '../../services/points';
import { formatDay } from '../../utils/format';
import { LineItemList, signedPoints } from '../LineItemList';
import { noOrphan, Tag, type Tone } from '../../ui';
import './index.scss';

/** The fields of a ledger entry (`points.history`) that a row shows. */
export type LedgerEntryView = Pick<PointsEntry, 'kind' | 'delta' | 'pendingDelta' | 'reason' | 'lineItems' | 'day'>;

const KIND_TONES: Record<PointsEntry['kind'], Tone> = { earn: 'primary', spend: 'neutral', release: 'success', expire: 'neutral', reverse: 'warning' };

export const KIND_LABELS: Record<PointsEntry['kind'], string> = {
  earn: '获得',
  spend: '使用',
  release: '生效',
  expire: '过期',
  reverse: '退款扣回',
};

/**
 * What the entry did, in one figure: the balance change, or, when only pending points moved (a purchase in its
 * after-sale window, or a refund that cancelled one), "待生效 +N". A release shows the points it made usable.
 */
export function entryAmount(entry: Pick<LedgerEntryView, 'delta' | 'pendingDelta'>): { text: string; sign: 'plus' | 'minus' | 'zero'; pending: boolean } {
  const pending = entry.delta === 0 && entry.pendingDelta !== 0;
  const n = pending ? entry.pendingDelta : entry.delta;
  const sign = n > 0 ? 'plus' : n < 0 ? 'minus' : 'zero';
  return { text: pending ? `待生效 ${signedPoints(n)}` : signedPoints(n), sign, pending };
}

/** One row of the points history (积分明细). */
export function LedgerEntry({ entry }: { entry: LedgerEntryView }) {
  const amount = entryAmount(entry);
  const classes = ['history-entry', `history-entry--${entry.kind}`, amount.pending ? 'history-entry--pending' : ''].filter(Boolean).join(' ');
  return (
    <View className={classes}>
      <View className="history-entry__head">
        <View className="history-entry__what">
          <Tag tone={KIND_TONES[entry.kind]} className={`history-kind history-kind--${entry.kind}`}>
            {KIND_LABELS[entry.kind]}
          </Tag>
          <Text className="history-reason">{noOrphan(entry.reason)}</Text>
        </View>
        <Text className={`history-delta history-delta--${amount.sign} ${amount.pending ? 'history-delta--pending' : ''}`}>{amount.text}</Text>
      </View>
      <LineItemList className="history-entry__items" itemClassName="history-line-item" items={entry.lineItems} />
      <View className="history-date">{formatDay(entry.day)}</View>
    </View>
  );
}
