import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button } from '../Button';
import { noOrphan } from '../NoOrphan';
import './index.scss';

interface DialogProps {
  open: boolean;
  title: string;
  message?: ReactNode;
  confirmText?: string;
  /** Without it the dialog is a notice with one button. */
  cancelText?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel?: () => void;
  className?: string;
  children?: ReactNode;
}

/** A centred decision that interrupts: short title, one sentence, at most two buttons. */
export function Dialog({ open, title, message, confirmText = '知道了', cancelText, danger = false, busy = false, onConfirm, onCancel, className = '', children }: DialogProps) {
  if (!open) return null;
  return (
    <View className={`ui-dialog ${className}`} catchMove>
      <View className="ui-dialog__mask" />
      <View className="ui-dialog__panel">
        <View className="ui-dialog__title">{noOrphan(title)}</View>
        {message && <View className="ui-dialog__message">{noOrphan(message)}</View>}
        {children}
        <View className="ui-btn-row ui-dialog__actions">
          {cancelText && (
            <Button variant="secondary" className="ui-dialog__cancel" disabled={busy} onClick={() => onCancel?.()}>
              {cancelText}
            </Button>
          )}
          <Button variant={danger ? 'danger' : 'primary'} className="ui-dialog__ok" loading={busy} onClick={onConfirm}>
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  );
}
