import { successToastIcon, toastWidth } from '../../src/ui/toast-fit';

describe('success toasts fit WeChat’s 7-character limit for toasts with an icon', () => {
  it('keeps the icon for short confirmations', () => {
    expect(successToastIcon('已保存')).toBe('success');
    expect(successToastIcon('开团成功，快邀请')).toBe('none'); // 8 characters
    expect(successToastIcon('签到成功 +15')).toBe('success'); // 4 + 4 half-width = 6
    expect(successToastIcon('已转入微信零钱')).toBe('success'); // exactly 7
  });

  it('drops the icon when the sentence would be cut', () => {
    expect(successToastIcon('投票已结束，结果已公布')).toBe('none');
    expect(successToastIcon('报名成功，活动当天出示会员码签到')).toBe('none');
  });

  it('counts Latin letters and digits as half a Chinese character', () => {
    expect(toastWidth('abcd')).toBe(2);
    expect(toastWidth('退回 120 积分')).toBe(2 + 2.5 + 2);
  });
});
