import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button } from '../Button';
import { noOrphan } from '../NoOrphan';
import { Sheet } from './index';
import './ConfirmSheet.scss';

export interface ConfirmRow {
  label: string;
  value: ReactNode;
  /** The figure the person decides on (points to spend, the amount to refund). */
  emphasis?: boolean;
  /** A class on the value, for tests. */
  className?: string;
}

interface ConfirmSheetProps {
  open: boolean;
  title: string;
  rows: readonly ConfirmRow[];
  /** A sentence under the rows (terms, what happens next). */
  note?: ReactNode;
  confirmText: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  className?: string;
  children?: ReactNode;
}

/**
 * "Are you sure" for every action that spends, pays, refunds or cannot be undone: what, how much, and what
 * is left afterwards, then one confirm button.
 */
export function ConfirmSheet({ open, title, rows, note, confirmText, busy = false, danger = false, onConfirm, onCancel, className = '', children }: ConfirmSheetProps) {
  return (
    <Sheet
      open={open}
      title={title}
      onClose={() => !busy && onCancel()}
      className={`ui-confirm ${className}`}
      footer={
        <View className="ui-btn-row">
          <Button variant="secondary" className="ui-confirm__cancel" disabled={busy} onClick={onCancel}>
            再想想
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} className="ui-confirm__ok" loading={busy} onClick={onConfirm}>
            {confirmText}
          </Button>
        </View>
      }
    >
      <View className="ui-confirm__rows">
        {rows.map((r) => (
          <View key={r.label} className={`ui-confirm__row ${r.emphasis ? 'ui-confirm__row--emphasis' : ''}`}>
            <View className="ui-confirm__label">{r.label}</View>
            <View className={`ui-confirm__value ${r.className ?? ''}`}>{r.value}</View>
          </View>
        ))}
      </View>
      {children}
      {note && <View className="ui-confirm__note">{noOrphan(note)}</View>}
    </Sheet>
  );
}
