/**
 * At the till: a clerk scans the member's dynamic code. Checked (signature, expiry), consumed once even
 * under concurrent scans, audited, and it opens a 10-minute visit that only this clerk can use.
 */
import { createHmac } from 'node:crypto';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { MemberCenterView } from '../../cloudfunctions/_core/member/member.schema';
import type { MemberCodeView } from '../../cloudfunctions/_core/member/member-code.schema';
import { claimsFor, encodePayload, joinToken, SIGNATURE_BYTES } from '../../cloudfunctions/_core/member/member-code.rules';
import { planEarn } from '../../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx } from '../../cloudfunctions/_core/points/points-ledger.service';
import type { MemberAtTillView } from '../../cloudfunctions/_core/staff/staff-till.schema';
import type { RoleRecord } from '../../cloudfunctions/_core/staff/role.record';
import type { StaffContext } from '../../cloudfunctions/_core/shared/access';
import { loadVisit } from '../../cloudfunctions/_core/staff/staff-visit';
import { count, grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

const T0 = new Date('2026-11-23T03:00:00Z');
let cloud: LocalCloud;
let memberNo: string;

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(T0);
  memberNo = ok(await cloud.call<MemberCenterView>('member', { action: 'register', input: registration({ nickname: '林小满' }) }, 'o-lin')).memberNo;
  await grantRole(cloud, 'o-clerk', 'clerk');
  await grantRole(cloud, 'o-clerk2', 'clerk', 'S002');
  await grantRole(cloud, 'o-operator', 'operator', null);
});
afterEach(() => cloud.close());

const issue = async (openid = 'o-lin') => ok(await cloud.call<MemberCodeView>('member', { action: 'code', input: {} }, openid)).token;
const scan = (code: string, openid = 'o-clerk') => cloud.call<MemberAtTillView>('staff', { action: 'scanMember', input: { code } }, openid);
const errorOf = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => (await p).error?.code;

/** Signs like the service, with any secret. */
function forge(secret: string, no = memberNo, at = cloud.clock.now(), jti = 'AAAAAAAAAAAAAAAA') {
  const payload = encodePayload(claimsFor(no, jti, at));
  return joinToken(payload, createHmac('sha256', secret).update(payload).digest().subarray(0, SIGNATURE_BYTES).toString('base64url'));
}
const cloudSecret = () => cloud.platform.secrets.get('MEMBER_CODE_SECRET') as string;

function staffContext(openid: string, role: Partial<RoleRecord> = {}): StaffContext {
  return {
    ...cloud.jobContext(),
    caller: { openid, appid: 'test', source: 'client' },
    staff: { _id: openid, role: 'clerk', storeId: 'S001', name: openid, active: true, ...role },
  };
}

describe('scanning a member code', () => {
  it('shows the member masked, opens a 10-minute visit and audits the scan', async () => {
    const view = ok(await scan(await issue()));
    expect(view).toEqual({
      visitId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      expiresAt: '2026-11-23T03:10:00.000Z',
      member: {
        maskedName: '林**',
        memberNoTail: memberNo.slice(-4),
        tier: { code: 'silver', name: '银卡会员', color: expect.any(String) },
        vip: false,
        benefits: expect.any(Array),
        balance: 0,
        pending: 0,
      },
    });
    expect(JSON.stringify(view)).not.toContain('o-lin');

    const visit = (await cloud.db.collection('staff_visits').doc(view.visitId).get()).data;
    expect(visit).toMatchObject({ memberOpenid: 'o-lin', clerk: 'o-clerk', storeId: 'S001', expiresAt: new Date('2026-11-23T03:10:00Z'), createdAt: T0 });
    expect(await count(cloud, 'used_codes')).toBe(1);

    const { data: audit } = await cloud.db.collection('audit_log').get();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'o-clerk',
      role: 'clerk',
      storeId: 'S001',
      action: 'member.scan',
      target: 'o-lin',
      at: T0,
      detail: { memberNo, visitId: view.visitId },
    });
  });

  it('shows tier, benefits, points and VIP as they stand', async () => {
    await cloud.db.collection('members').doc('o-lin').update({ data: { growth: 1800, tierCode: 'gold', vipUntil: new Date('2026-12-31T00:00:00Z') } });
    const earn = (key: string, amount: number, availableOn: string | null) =>
      cloud.db.runTransaction((tx) =>
        postInTx(tx, 'o-lin', { key, kind: 'earn', reason: '测试', source: 'test', sourceId: key, plan: (s) => planEarn(s, { amount, expiresOn: '2099-12-31', availableOn, sourceId: key }) }, T0),
      );
    await earn('seed:active', 2380, null);
    await earn('seed:pending', 120, '2026-11-30');
    const { member } = ok(await scan(await issue()));
    expect(member).toMatchObject({ tier: { code: 'gold', name: '金卡会员' }, vip: true, balance: 2380, pending: 120 });
    expect(member.benefits.length).toBeGreaterThan(0);

    await cloud.db.collection('members').doc('o-lin').update({ data: { vipUntil: new Date('2026-11-01T00:00:00Z') } });
    expect(ok(await scan(await issue())).member.vip).toBe(false);
    // Records written before VIP existed have no field at all.
    await cloud.db.collection('members').doc('o-lin').update({ data: { vipUntil: cloud.db.command.remove() } });
    expect(ok(await scan(await issue())).member.vip).toBe(false);
  });

  it('accepts a code once: a replay is CODE_USED and changes nothing', async () => {
    const code = await issue();
    ok(await scan(code));
    expect(await errorOf(scan(code))).toBe('CODE_USED');
    expect(await errorOf(scan(code, 'o-clerk2'))).toBe('CODE_USED');
    expect(await count(cloud, 'staff_visits')).toBe(1);
    expect(await count(cloud, 'audit_log')).toBe(1);
  });

  it('50 concurrent scans of one code: exactly one succeeds, the rest are CODE_USED', async () => {
    const code = await issue();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => scan(code, i % 2 ? 'o-clerk' : 'o-clerk2')));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('CODE_USED');
    expect(await count(cloud, 'used_codes')).toBe(1);
    expect(await count(cloud, 'staff_visits')).toBe(1);
    expect(await count(cloud, 'audit_log')).toBe(1);
  });

  it('a code expires 60 s after it was issued', async () => {
    const early = await issue();
    const late = await issue();
    cloud.clock.advance(59_999);
    ok(await scan(early));
    cloud.clock.advance(1);
    expect(await errorOf(scan(late))).toBe('CODE_EXPIRED');
    expect(await count(cloud, 'staff_visits')).toBe(1);
  });

  it('refuses a tampered payload or signature, garbage, and a code signed with another secret', async () => {
    const code = await issue();
    const parts = code.split('.');
    const digit = (d: string) => String((Number(d) + 1) % 10);
    const otherMember = [parts[0], parts[1].slice(0, -1) + digit(parts[1].slice(-1)), ...parts.slice(2)].join('.');
    const laterExpiry = [parts[0], parts[1], (parseInt(parts[2], 36) + 600).toString(36), ...parts.slice(3)].join('.');
    const flippedSig = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    for (const bad of [otherMember, laterExpiry, flippedSig, 'hello', `${code}x`, code.toUpperCase()]) {
      expect(await errorOf(scan(bad))).toBe('CODE_INVALID');
    }
    expect(await errorOf(scan(forge('another-secret-0123456789abcdef0123456789')))).toBe('CODE_INVALID');
    // Not consumed by any of that: the genuine code still works.
    ok(await scan(code));
  });

  it('an expired forgery is CODE_INVALID, not CODE_EXPIRED (the signature is checked first)', async () => {
    const forged = forge('another-secret-0123456789abcdef0123456789', memberNo, new Date('2026-11-01T00:00:00Z'));
    expect(await errorOf(scan(forged))).toBe('CODE_INVALID');
  });

  it('a well-signed code for an unknown member number is MEMBER_NOT_FOUND', async () => {
    expect(await errorOf(scan(forge(cloudSecret(), '899999999999')))).toBe('MEMBER_NOT_FOUND');
  });

  it('refuses members, operators and inactive staff before looking at the code', async () => {
    const code = await issue();
    expect(await errorOf(scan(code, 'o-lin'))).toBe('FORBIDDEN');
    expect(await errorOf(scan(code, 'o-operator'))).toBe('FORBIDDEN');
    await cloud.db.collection('roles').doc('o-gone').set({ data: { role: 'clerk', storeId: 'S001', name: 'x', active: false } });
    expect(await errorOf(scan(code, 'o-gone'))).toBe('FORBIDDEN');
    expect(await count(cloud, 'used_codes')).toBe(0);
    ok(await scan(code));
  });

  it('validates the input', async () => {
    expect(await cloud.call('staff', { action: 'scanMember', input: { code: '' } }, 'o-clerk')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'code' },
    });
  });

  it('fails as INTERNAL when the signing secret is missing', async () => {
    const code = await issue();
    const original = cloud.platform.secrets;
    cloud.platform.secrets = { get: () => undefined };
    try {
      expect(await errorOf(scan(code))).toBe('INTERNAL');
    } finally {
      cloud.platform.secrets = original;
    }
  });

  it('a failure while recording the scan leaves the code unused', async () => {
    const code = await issue();
    cloud.db.injectFault((op: { inTransaction: boolean; collection: string }) => op.inTransaction && op.collection === 'audit_log');
    const r = await scan(code);
    cloud.db.injectFault(null);
    expect(r.ok).toBe(false);
    expect(await count(cloud, 'used_codes')).toBe(0);
    expect(await count(cloud, 'staff_visits')).toBe(0);
    ok(await scan(code));
  });
});

describe('the visit (loadVisit, for recording purchases)', () => {
  it('gives the member to the clerk who scanned, for 10 minutes', async () => {
    const { visitId } = ok(await scan(await issue()));
    await expect(loadVisit(staffContext('o-clerk'), visitId)).resolves.toMatchObject({ memberOpenid: 'o-lin', memberNo, storeId: 'S001' });
    cloud.clock.advance(10 * 60_000 - 1);
    await expect(loadVisit(staffContext('o-clerk'), visitId)).resolves.toMatchObject({ memberOpenid: 'o-lin' });
    cloud.clock.advance(1);
    await expect(loadVisit(staffContext('o-clerk'), visitId)).rejects.toMatchObject({ code: 'VISIT_EXPIRED' });
  });

  it("is refused to another clerk, and an unknown visit is refused too", async () => {
    const { visitId } = ok(await scan(await issue()));
    await expect(loadVisit(staffContext('o-clerk2', { storeId: 'S002' }), visitId)).rejects.toMatchObject({ code: 'VISIT_EXPIRED' });
    await expect(loadVisit(staffContext('o-clerk'), 'no-such-visit-000')).rejects.toMatchObject({ code: 'VISIT_EXPIRED' });
  });

  it('can be read inside a transaction', async () => {
    const { visitId } = ok(await scan(await issue()));
    const ctx = staffContext('o-clerk');
    const got = await ctx.db.runTransaction((tx) => loadVisit(ctx, visitId, tx));
    expect(got.memberOpenid).toBe('o-lin');
  });
});
