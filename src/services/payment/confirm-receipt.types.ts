import type { Withdrawal } from '../distribution';

/** What wx.requestMerchantTransfer takes, as the withdrawal view gives it. */
export type ReceiptConfirmation = NonNullable<Withdrawal['confirmation']>;

/** 'confirmed': the member took the money; 'cancelled': they closed WeChat's page. Any other failure throws (with Chinese words). */
export type ReceiptOutcome = 'confirmed' | 'cancelled';
/** WeChat's 确认收款 page on weapp (confirm-receipt.weapp.ts); the local cloud's payment sandbox on H5 (confirm-receipt.h5.ts). */
export type ConfirmReceipt = (confirmation: ReceiptConfirmation) => Promise<ReceiptOutcome>;

/** Whether the app opens the confirmation as soon as a withdrawal waits for it (WeChat's page), or leaves it to the member's tap. */
export type OpensAtOnce = boolean;
