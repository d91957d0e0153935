import { splitTail } from '../../src/ui/NoOrphan/split-tail';

describe('splitTail (no orphan characters in short texts)', () => {
  it('keeps the last two CJK characters and their closing punctuation together', () => {
    expect(splitTail('今天已经签到过了，明天再来')).toEqual({ head: '今天已经签到过了，明天', tail: '再来' });
    expect(splitTail('请先阅读并同意《隐私政策》')).toEqual({ head: '请先阅读并同意《隐私', tail: '政策》' });
    expect(splitTail('链接可能已经失效。')).toEqual({ head: '链接可能已经', tail: '失效。' });
  });

  it('leaves texts alone that cannot leave a lone CJK character', () => {
    expect(splitTail('签到')).toEqual({ head: '签到', tail: '' });
    expect(splitTail('¥1,000.00')).toEqual({ head: '¥1,000.00', tail: '' });
    expect(splitTail('共 3 件')).toEqual({ head: '共 3 件', tail: '' });
  });

  it('never changes the text itself', () => {
    for (const text of ['会员号或动态码不对，请核对会员码页上的数字', '设计师手稿鉴赏会名额', 'A', '']) {
      const { head, tail } = splitTail(text);
      expect(head + tail).toBe(text);
    }
  });
});
