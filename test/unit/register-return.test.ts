import { registerThenBack, returnAfterRegister } from '../../src/routes';

describe('registration that comes back', () => {
  it('round-trips an in-app subpackage page with its query', () => {
    const back = '/packages/groupbuy/group/index?groupId=abcdefghjkmn';
    const url = registerThenBack(back);
    expect(url).toBe(`/packages/account/register/index?back=${encodeURIComponent(back)}`);
    const param = new URLSearchParams(url.split('?')[1]).get('back')!;
    expect(returnAfterRegister(param)).toBe(back);
    // Taro hands the parameter over still encoded on some platforms: decoded once either way.
    expect(returnAfterRegister(encodeURIComponent(back))).toBe(back);
  });

  it('refuses anything else: missing, a tab page, another site, a script, broken encoding', () => {
    for (const bad of [undefined, '', '/pages/member/index', 'https://evil.example/packages/x/index', 'javascript:alert(1)', '/packages/../x/index?a=<b>', '%E0%A4%A']) {
      expect(returnAfterRegister(bad)).toBeNull();
    }
  });
});
