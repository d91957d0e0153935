/**
 * Member text goes through WeChat's content check (security.msgSecCheck v2, scene 1 for profiles) before it
 * is stored: risky and review verdicts are refused with the field and a Chinese message, nothing is written,
 * and a check that cannot run refuses rather than storing unchecked text.
 */
import type { MemberCenterView } from '../../cloudfunctions/_core/member/member.schema';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { BLOCKED_WORDS, REVIEW_WORDS } from '../../cloudfunctions/_platform/local/local-openapi';
import { count, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
});
afterEach(() => cloud.close());

const register = (openid: string, nickname: string) =>
  cloud.call<MemberCenterView>('member', { action: 'register', input: registration({ nickname }) }, openid);
const update = (openid: string, input: unknown) => cloud.call<MemberCenterView>('member', { action: 'updateProfile', input }, openid);

describe('content check of nicknames', () => {
  it('asks WeChat with the author, the text and scene 1 (profile)', async () => {
    const spy = jest.spyOn(cloud.platform.openapi, 'checkText');
    ok(await register('o-ok', '小满'));
    expect(spy).toHaveBeenCalledWith({ openid: 'o-ok', content: '小满', scene: 'profile' });
  });

  it('refuses a risky nickname at registration with a clear message, writing nothing', async () => {
    const r = await register('o-bad', `我爱${BLOCKED_WORDS[1]}`);
    expect(r).toEqual({ ok: false, error: { code: 'CONTENT_REJECTED', message: '昵称含有不适宜的内容，请换一个', field: 'nickname' } });
    expect(await count(cloud, 'members')).toBe(0);
    expect(await count(cloud, 'consents')).toBe(0);
  });

  it('refuses a nickname WeChat wants reviewed (shown at once, no moderator in between)', async () => {
    const r = await register('o-ad', `${REVIEW_WORDS[0]}123`);
    expect(r).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', field: 'nickname', message: expect.stringContaining('人工审核') } });
    expect(await count(cloud, 'members')).toBe(0);
  });

  it('checks a changed nickname, keeps the old one when refused, and does not re-check an unchanged one', async () => {
    ok(await register('o-p', '原来的名字'));
    const spy = jest.spyOn(cloud.platform.openapi, 'checkText');
    const r = await update('o-p', { nickname: `${BLOCKED_WORDS[0]}` });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED', field: 'nickname' } });
    expect((await cloud.db.collection('members').doc('o-p').get()).data.nickname).toBe('原来的名字');
    spy.mockClear();
    ok(await update('o-p', { nickname: '原来的名字', avatarUrl: 'preset:2' }));
    expect(spy).not.toHaveBeenCalled();
    expect(ok(await update('o-p', { nickname: '新名字' })).nickname).toBe('新名字');
  });

  it('answers BUSY and stores nothing when the check cannot run', async () => {
    jest.spyOn(cloud.platform.openapi, 'checkText').mockRejectedValue(Object.assign(new Error('openapi.security.msgSecCheck:fail -601001'), { errCode: -601001 }));
    const r = await register('o-down', '小满');
    expect(r).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(await count(cloud, 'members')).toBe(0);
  });

  it('the local fake answers like v2: needs the author and a known scene', async () => {
    const api = cloud.platform.openapi;
    await expect(api.checkText({ openid: '', content: 'x', scene: 'profile' })).rejects.toMatchObject({ errCode: 40003 });
    await expect(api.checkText({ openid: 'o', content: 'x', scene: 'chat' as never })).rejects.toMatchObject({ errCode: 40097 });
    await expect(api.checkText({ openid: 'o', content: 'x'.repeat(2501), scene: 'forum' })).rejects.toMatchObject({ errCode: 87014 });
    expect(await api.checkText({ openid: 'o', content: '你好', scene: 'comment' })).toEqual({ suggest: 'pass', pass: true, label: 100 });
  });
});
