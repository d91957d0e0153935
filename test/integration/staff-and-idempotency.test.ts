import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { MemberCenterView } from '../../cloudfunctions/_core/member/member.schema';
import { count, grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
let memberNo: string;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  memberNo = ok(await cloud.call<MemberCenterView>('member', { action: 'register', input: registration({ birthday: { month: 1, day: 2 } }) }, 'o-m')).memberNo;
  await grantRole(cloud, 'o-clerk', 'clerk');
});
afterEach(() => cloud.close());

const correct = (openid: string, requestId: string, month = 3) =>
  cloud.call('staff', { action: 'correctBirthday', input: { requestId, memberNo, birthday: { month, day: 4 }, reason: '核对身份证' } }, openid);

describe('staff powers come from role documents', () => {
  it('refuses members, inactive staff and role claims in the event', async () => {
    expect(await correct('o-m', 'req-00000001')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await cloud.db.collection('roles').doc('o-gone').set({ data: { role: 'clerk', storeId: 'S001', name: 'x', active: false } });
    expect(await correct('o-gone', 'req-00000002')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const claimed = await cloud.call('staff', { action: 'correctBirthday', role: 'clerk', input: { requestId: 'req-00000003', memberNo, birthday: { month: 3, day: 4 }, reason: '核对身份证', role: 'operator' } }, 'o-m');
    expect(claimed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await count(cloud, 'audit_log')).toBe(0);
  });

  it('lets a clerk correct a birthday, audited with who, where, when and what', async () => {
    cloud.clock.set(new Date('2026-11-23T03:00:00Z'));
    expect(ok(await correct('o-clerk', 'req-10000001'))).toEqual({ memberNo, maskedName: '测***', birthday: { month: 3, day: 4 } });
    const { data } = await cloud.db.collection('audit_log').get();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      actor: 'o-clerk',
      role: 'clerk',
      storeId: 'S001',
      action: 'member.correctBirthday',
      target: 'o-m',
      at: new Date('2026-11-23T03:00:00Z'),
      detail: { from: { month: 1, day: 2 }, to: { month: 3, day: 4 }, reason: '核对身份证' },
    });
  });
});

describe('request ids', () => {
  it('a repeated request id changes nothing twice and returns the first answer', async () => {
    const first = ok(await correct('o-clerk', 'req-20000001', 3));
    const again = ok(await correct('o-clerk', 'req-20000001', 9)); // a retry (even with other input) is the same request
    expect(again).toEqual(first);
    expect(await count(cloud, 'audit_log')).toBe(1);
    expect((await cloud.db.collection('members').doc('o-m').get()).data.birthday).toEqual({ month: 3, day: 4 });
  });

  it('30 concurrent sends of one request id apply once', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => correct('o-clerk', 'req-30000001')));
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('BUSY');
    expect(results.some((r) => r.ok)).toBe(true);
    expect(await count(cloud, 'audit_log')).toBe(1);
    expect(await count(cloud, 'request_log')).toBe(1);
  });

  it('the same request id from another clerk is another request', async () => {
    await grantRole(cloud, 'o-clerk2', 'manager');
    ok(await correct('o-clerk', 'req-40000001'));
    ok(await correct('o-clerk2', 'req-40000001'));
    expect(await count(cloud, 'audit_log')).toBe(2);
  });

  it('refuses a malformed request id before doing anything', async () => {
    expect(await correct('o-clerk', 'short')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'requestId' } });
    expect(await count(cloud, 'audit_log')).toBe(0);
  });

  it('a failure inside the work leaves neither the change nor the request record', async () => {
    cloud.db.injectFault((op: { inTransaction: boolean; collection: string }) => op.inTransaction && op.collection === 'audit_log');
    const r = await correct('o-clerk', 'req-50000001');
    cloud.db.injectFault(null);
    expect(r.ok).toBe(false);
    expect((await cloud.db.collection('members').doc('o-m').get()).data.birthday).toEqual({ month: 1, day: 2 });
    expect(await count(cloud, 'request_log')).toBe(0);
    // and the retry then goes through
    ok(await correct('o-clerk', 'req-50000001'));
    expect(await count(cloud, 'audit_log')).toBe(1);
  });
});
