/** The dynamic member code as the card asks for it: signed, short, fresh each time, never the openid. */
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { MemberCenterView } from '../../cloudfunctions/_core/member/member.schema';
import type { MemberCodeView } from '../../cloudfunctions/_core/member/member-code.schema';
import { readToken } from '../../cloudfunctions/_core/member/member-code.rules';
import { count, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
let memberNo: string;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  memberNo = ok(await cloud.call<MemberCenterView>('member', { action: 'register', input: registration() }, 'o-member-0001')).memberNo;
});
afterEach(() => cloud.close());

const issue = (openid = 'o-member-0001') => cloud.call<MemberCodeView>('member', { action: 'code', input: {} }, openid);

describe('member.code', () => {
  it('issues a short URL-safe token for the member number, valid 60 s, refreshed every 30 s', async () => {
    cloud.clock.set(new Date('2026-11-23T03:00:00.250Z'));
    const code = ok(await issue());
    expect(code.refreshSeconds).toBe(30);
    expect(code.expiresAt).toBe('2026-11-23T03:01:00.000Z');
    expect(code.token.length).toBeLessThan(120);
    expect(code.token).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(code.token).not.toContain('o-member-0001');
    expect(readToken(code.token)?.claims.memberNo).toBe(memberNo);
  });

  it('gives a different code every time and writes nothing (codes are consumed on scan)', async () => {
    const before = await count(cloud, 'used_codes');
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++) tokens.add(ok(await issue()).token);
    expect(tokens.size).toBe(20);
    expect(await count(cloud, 'used_codes')).toBe(before);
  });

  it('is for members only', async () => {
    expect(await issue('o-stranger')).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });

  it('fails as INTERNAL (not with the config detail) when the signing secret is missing', async () => {
    const original = cloud.platform.secrets;
    cloud.platform.secrets = { get: () => undefined };
    try {
      const res = await issue();
      expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(JSON.stringify(res)).not.toContain('MEMBER_CODE_SECRET');
    } finally {
      cloud.platform.secrets = original;
    }
  });
});
