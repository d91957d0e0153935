/** The member's data rights (我的数据与账户): export, message consent, closing the account. */
import { callCloud, type CloudOutput } from './cloud';

export type PrivacyStatus = CloudOutput<'member', 'privacyStatus'>;
export type DataExport = CloudOutput<'member', 'exportData'>;

export const privacyService = {
  status: () => callCloud('member', 'privacyStatus'),
  exportData: (requestId: string) => callCloud('member', 'exportData', { requestId }),
  withdrawConsent: () => callCloud('member', 'withdrawConsent'),
  /** `content`: the member's posts and comments deleted, or kept signed 已注销用户. */
  closeAccount: (content: 'delete' | 'keep_anonymous') => callCloud('member', 'closeAccount', { confirm: true, content }),
  cancelClose: () => callCloud('member', 'cancelClose'),
};
