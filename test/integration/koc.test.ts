import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { MemberCodeView } from '../../cloudfunctions/_core/member/member-code.schema';
import { KOC_CONSENT_VERSION } from '../../cloudfunctions/_core/koc/koc.schema';
import type { Result } from '../../cloudfunctions/_core/shared/errors';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { call as community, post, registerMany, rid, seedCommunity } from '../support/community';

let cloud: LocalCloud;
const A = 'o-applicant';
const OP = 'o-operator';
const M = 'o-member';
const NOW = new Date('2026-11-23T02:00:00Z');

const koc = <T = unknown>(openid: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('koc', { action, input }, openid) as Promise<Result<T>>;
const code = (r: Result<unknown>) => (r.ok ? 'OK' : r.error.code);
const application = (overrides: Record<string, unknown> = {}) => ({
  city: '上海',
  plan: '每月在静安组织一次品鉴会，带新朋友认识品牌',
  links: ['https://example.com/me'],
  wanted: ['ambassador', 'moderator'],
  consent: { accepted: true, version: KOC_CONSENT_VERSION },
  ...overrides,
});
interface AppView {
  applicationId: string;
  status: string;
  roles: { role: string }[];
}
interface EventOut {
  eventId: string;
  signedUp: number;
  attended: number;
  phase: string;
  status: string;
  topic: { code: string };
  mine: { signedUp: boolean; attended: boolean };
  canScan: boolean;
}

async function approve(openid: string, roles: string[]): Promise<string> {
  ok(await koc(openid, 'apply', application({ wanted: roles })));
  const id = ok(await koc<{ items: AppView[] }>(OP, 'applications', {})).items.find((a) => a.status === 'pending')!.applicationId;
  ok(await koc(OP, 'review', { applicationId: id, decision: 'approve', roles, reason: '活跃且靠谱，欢迎加入' }));
  return id;
}

const eventInput = (overrides: Record<string, unknown> = {}) => ({
  requestId: rid(),
  title: '静安秋季品鉴会',
  description: '一起品尝秋季新品，交流喝茶心得',
  city: '上海',
  venue: '静安店二楼',
  startsAt: '2026-11-28T06:00:00.000Z',
  endsAt: '2026-11-28T08:00:00.000Z',
  capacity: 30,
  materials: '试饮装 30 份',
  ...overrides,
});

async function approvedEvent(host: string, overrides: Record<string, unknown> = {}): Promise<EventOut> {
  const proposed = ok(await koc<{ event: EventOut }>(host, 'proposeEvent', eventInput(overrides))).event;
  return ok(await koc<{ event: EventOut }>(OP, 'reviewEvent', { eventId: proposed.eventId, decision: 'approve', reason: '时间地点合适', materialsNote: '寄出试饮装 30 份' })).event;
}

const memberCode = async (openid: string) => ok(await cloud.call<MemberCodeView>('member', { action: 'code', input: {} }, openid)).token;

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await seedCommunity(cloud);
  cloud.clock.set(NOW);
  await registerMany(cloud, [A, OP, M]);
  await grantRole(cloud, OP, 'operator', null);
});
afterEach(() => cloud.close());

describe('applications and review', () => {
  it('a member applies, the operator approves with a reason, the member holds the roles', async () => {
    expect(ok(await koc<{ canApply: boolean; application: null }>(A, 'mine'))).toMatchObject({ canApply: true, application: null });
    ok(await koc(A, 'apply', application()));
    const stored = (await cloud.db.collection<{ consent: { version: string; acceptedAt: Date } }>('koc_applications').where({ _openid: A }).get()).data[0];
    expect(stored.consent.version).toBe(KOC_CONSENT_VERSION);
    expect(stored.consent.acceptedAt).toEqual(NOW);
    const pending = ok(await koc<{ items: AppView[] }>(OP, 'applications', {})).items;
    expect(pending).toHaveLength(1);
    const r = ok(await koc<{ application: AppView }>(OP, 'review', { applicationId: pending[0].applicationId, decision: 'approve', roles: ['ambassador'], reason: '欢迎成为城市体验官' }));
    expect(r.application.roles.map((x) => x.role)).toEqual(['ambassador']);
    const mine = ok(await koc<{ roles: { role: string; name: string }[]; application: { status: string; reason: string }; canApply: boolean }>(A, 'mine'));
    expect(mine).toMatchObject({ roles: [{ role: 'ambassador', name: '城市体验官' }], application: { status: 'approved', reason: '欢迎成为城市体验官' }, canApply: false });
    expect(await count(cloud, 'audit_log', { action: 'koc.approve', target: A })).toBe(1);
  });

  it('a rejection carries its reason; the member may then apply again', async () => {
    ok(await koc(A, 'apply', application()));
    const id = ok(await koc<{ items: AppView[] }>(OP, 'applications', {})).items[0].applicationId;
    ok(await koc(OP, 'review', { applicationId: id, decision: 'reject', reason: '再多参与一些社区活动吧' }));
    expect(ok(await koc<{ application: { status: string; reason: string }; canApply: boolean }>(A, 'mine'))).toMatchObject({ application: { status: 'rejected', reason: '再多参与一些社区活动吧' }, canApply: true });
    ok(await koc(A, 'apply', application({ city: '杭州' })));
    expect(ok(await koc<{ application: { status: string; city: string } }>(A, 'mine')).application).toMatchObject({ status: 'pending', city: '杭州' });
    expect(await count(cloud, 'koc_applications')).toBe(1);
  });

  it('bad input: applying twice (also at once), a missing consent, a bad link, a review without reason: typed errors, nothing written', async () => {
    expect(code(await koc(A, 'apply', application({ consent: { accepted: false, version: KOC_CONSENT_VERSION } })))).toBe('INVALID_INPUT');
    expect(code(await koc(A, 'apply', application({ links: ['http://insecure.example.com'] })))).toBe('INVALID_INPUT');
    expect(code(await koc(A, 'apply', application({ wanted: [] })))).toBe('INVALID_INPUT');
    expect(await count(cloud, 'koc_applications')).toBe(0);

    const results = await Promise.all(Array.from({ length: 10 }, () => koc(A, 'apply', application())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const errors = results.filter((r): r is Extract<typeof r, { ok: false }> => !r.ok);
    expect(new Set(errors.map((r) => r.error.code))).toEqual(new Set(['KOC_ALREADY_APPLIED']));
    expect(errors[0].error.message).toMatch(/已经提交过申请/);
    const again = await koc(A, 'apply', application());
    expect(again).toMatchObject({ ok: false, error: { code: 'KOC_ALREADY_APPLIED' } });
    expect(await count(cloud, 'koc_applications')).toBe(1);

    const id = ok(await koc<{ items: AppView[] }>(OP, 'applications', {})).items[0].applicationId;
    const noReason = await koc(OP, 'review', { applicationId: id, decision: 'approve', roles: ['moderator'], reason: '' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } });
    expect(code(await koc(OP, 'review', { applicationId: id, decision: 'approve', roles: [], reason: '理由充分' }))).toBe('INVALID_INPUT');
    expect(await count(cloud, 'koc_roles')).toBe(0);
    ok(await koc(OP, 'review', { applicationId: id, decision: 'approve', roles: ['moderator'], reason: '理由充分' }));
    expect(code(await koc(OP, 'review', { applicationId: id, decision: 'reject', reason: '改主意了' }))).toBe('KOC_ALREADY_REVIEWED');
    expect(ok(await koc<{ repeated: boolean }>(OP, 'review', { applicationId: id, decision: 'approve', roles: ['moderator'], reason: '理由充分' })).repeated).toBe(true);
    expect(await count(cloud, 'audit_log', { action: 'koc.approve' })).toBe(1);
  });

  it('access: a member cannot list or review applications, nor approve events', async () => {
    ok(await koc(A, 'apply', application()));
    const id = ok(await koc<{ items: AppView[] }>(OP, 'applications', {})).items[0].applicationId;
    expect(code(await koc(M, 'applications', {}))).toBe('FORBIDDEN');
    expect(code(await koc(M, 'review', { applicationId: id, decision: 'approve', roles: ['ambassador'], reason: '我批准我自己' }))).toBe('FORBIDDEN');
    expect(code(await koc(A, 'review', { applicationId: id, decision: 'approve', roles: ['ambassador'], reason: '我批准我自己' }))).toBe('FORBIDDEN');
    expect(await count(cloud, 'koc_roles')).toBe(0);

    ok(await koc(OP, 'review', { applicationId: id, decision: 'approve', roles: ['ambassador'], reason: '欢迎' }));
    const proposed = ok(await koc<{ event: EventOut }>(A, 'proposeEvent', eventInput())).event;
    expect(code(await koc(A, 'reviewEvent', { eventId: proposed.eventId, decision: 'approve', reason: '自己批准' }))).toBe('FORBIDDEN');
    expect(code(await koc(M, 'reviewEvent', { eventId: proposed.eventId, decision: 'approve', reason: '自己批准' }))).toBe('FORBIDDEN');
    expect(code(await koc(M, 'events', { scope: 'review' }))).toBe('FORBIDDEN');
    expect(ok(await koc<EventOut>(OP, 'event', { eventId: proposed.eventId })).status).toBe('proposed');
    // Not approved: members neither see it nor sign up.
    expect(code(await koc(M, 'signUp', { eventId: proposed.eventId }))).toBe('EVENT_NOT_FOUND');
    expect(code(await koc(M, 'proposeEvent', eventInput()))).toBe('KOC_ROLE_REQUIRED');
  });
});

describe('roles', () => {
  it('a KOC moderator works the community review queue; revoked, it stops at the very next call', async () => {
    const id = await approve(A, ['moderator']);
    const held = (await post(cloud, M, { text: '加微信私聊领券' })).post;
    expect(held.status).toBe('reviewing');
    expect(ok(await community<{ moderator: boolean; openCases: number }>(cloud, A, 'me'))).toMatchObject({ moderator: true, openCases: 1 });
    const queue = ok(await community<{ items: { caseId: string }[] }>(cloud, A, 'queue', {})).items;
    expect(queue).toHaveLength(1);
    ok(await community(cloud, A, 'decide', { caseId: queue[0].caseId, decision: 'approve', note: '' }));
    expect((await cloud.db.collection<{ status: string }>('posts').doc(held.postId).get()).data.status).toBe('visible');
    expect(await count(cloud, 'audit_log', { actor: A, role: 'moderator' })).toBe(1);

    ok(await koc(OP, 'revoke', { applicationId: id, role: 'moderator', reason: '长期未处理举报' }));
    expect(code(await community(cloud, A, 'queue', {}))).toBe('FORBIDDEN');
    expect(ok(await community<{ moderator: boolean }>(cloud, A, 'me')).moderator).toBe(false);
    expect(ok(await koc<{ roles: unknown[] }>(A, 'mine')).roles).toEqual([]);
    // A member who never held it is refused too.
    expect(code(await community(cloud, M, 'queue', {}))).toBe('FORBIDDEN');
  });

  it('a revoked ambassador can neither propose nor scan at once', async () => {
    const id = await approve(A, ['ambassador']);
    const event = await approvedEvent(A);
    ok(await koc(M, 'signUp', { eventId: event.eventId }));
    ok(await koc(OP, 'revoke', { applicationId: id, role: 'ambassador', reason: '活动组织不当' }));
    expect(code(await koc(A, 'proposeEvent', eventInput()))).toBe('KOC_ROLE_REQUIRED');
    cloud.clock.set(new Date('2026-11-28T06:30:00Z'));
    const token = await memberCode(M);
    expect(code(await koc(A, 'scanAttendance', { eventId: event.eventId, code: token }))).toBe('KOC_ROLE_REQUIRED');
    expect(await count(cloud, 'event_signups', { attendedAt: cloud.db.command.neq(null) })).toBe(0);
  });
});

describe('campaign hosts', () => {
  it('a campaign host runs a check-in campaign members can join; others may not, and bad windows are typed errors', async () => {
    const input = { requestId: rid(), title: '十日早餐打卡', description: '每天晒一份早餐', topic: 'recipes', days: 7, from: '2026-11-24', to: '2026-12-05', capacity: 50 };
    expect(code(await koc(M, 'hostCampaign', input))).toBe('KOC_ROLE_REQUIRED');
    await approve(A, ['campaign_host']);
    expect(await koc(A, 'hostCampaign', { ...input, from: '2026-11-20' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'from' } });
    expect(await koc(A, 'hostCampaign', { ...input, to: '2026-11-26' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'days' } });
    expect(code(await koc(A, 'hostCampaign', { ...input, topic: 'no-such-topic' }))).toBe('TOPIC_NOT_FOUND');
    expect(await count(cloud, 'community_campaigns')).toBe(1);
    const { campaignId } = ok(await koc<{ campaignId: string }>(A, 'hostCampaign', input));
    expect(ok(await koc<{ repeated: boolean }>(A, 'hostCampaign', input)).repeated).toBe(true);
    expect(await count(cloud, 'community_campaigns')).toBe(2);
    const listed = ok(await community<{ campaigns: { campaignId: string; title: string }[] }>(cloud, M, 'campaigns')).campaigns;
    expect(listed.map((c) => c.campaignId)).toContain(campaignId);
    ok(await community(cloud, M, 'joinCampaign', { campaignId }));
    expect(await count(cloud, 'audit_log', { action: 'koc.hostCampaign', actor: A })).toBe(1);
  });
});

describe('offline events', () => {
  it('capacity 30 and 100 concurrent sign-ups: exactly 30 places taken', async () => {
    await approve(A, ['ambassador']);
    const event = await approvedEvent(A, { capacity: 30 });
    const members = Array.from({ length: 100 }, (_, i) => `o-guest-${String(i).padStart(3, '0')}`);
    await registerMany(cloud, members);
    const results = await Promise.all(members.map((m) => koc(m, 'signUp', { eventId: event.eventId })));
    const taken = results.filter((r) => r.ok).length;
    expect(taken).toBe(30);
    expect(new Set(results.filter((r) => !r.ok).map(code))).toEqual(new Set(['EVENT_FULL']));
    expect(await count(cloud, 'event_signups', { eventId: event.eventId, status: 'signed' })).toBe(30);
    expect(await count(cloud, 'event_signups', { eventId: event.eventId })).toBe(30);
    expect(ok(await koc<EventOut>(M, 'event', { eventId: event.eventId }))).toMatchObject({ signedUp: 30, phase: 'full' });
  });

  it('one member signing up 20 times at once takes one place', async () => {
    await approve(A, ['ambassador']);
    const event = await approvedEvent(A);
    const results = await Promise.all(Array.from({ length: 20 }, () => koc(M, 'signUp', { eventId: event.eventId })));
    expect(results.some((r) => r.ok)).toBe(true);
    expect(ok(await koc<EventOut>(M, 'event', { eventId: event.eventId })).signedUp).toBe(1);
    expect(await count(cloud, 'event_signups')).toBe(1);
  });

  it('the host scans attendance once per member; it counts toward interaction depth in the same write', async () => {
    await approve(A, ['ambassador']);
    const event = await approvedEvent(A);
    ok(await koc(M, 'signUp', { eventId: event.eventId }));
    await registerMany(cloud, ['o-walkin']);
    cloud.clock.set(new Date('2026-11-28T05:50:00Z'));
    const token = await memberCode(M);

    expect(code(await koc(M, 'scanAttendance', { eventId: event.eventId, code: token }))).toBe('EVENT_NOT_HOST');
    expect(code(await koc(OP, 'scanAttendance', { eventId: event.eventId, code: token }))).toBe('EVENT_NOT_HOST');
    expect(code(await koc(A, 'scanAttendance', { eventId: event.eventId, code: await memberCode('o-walkin') }))).toBe('EVENT_NOT_SIGNED_UP');
    expect(code(await koc(A, 'scanAttendance', { eventId: event.eventId, code: 'not-a-code' }))).toBe('CODE_INVALID');

    const scans = await Promise.all(Array.from({ length: 5 }, () => koc<{ repeated: boolean; nickname: string }>(A, 'scanAttendance', { eventId: event.eventId, code: token })));
    expect(scans.every((r) => r.ok)).toBe(true);
    expect(scans.filter((r) => r.ok && !r.data.repeated)).toHaveLength(1);
    expect(ok(await koc<EventOut>(M, 'event', { eventId: event.eventId }))).toMatchObject({ attended: 1, mine: { attended: true } });
    const activity = (await cloud.db.collection<{ days: Record<string, { ev?: number }> }>('member_activity').doc(M).get()).data;
    expect(activity.days['2026-11-28'].ev).toBe(1);
    const mine = ok(await cloud.call<{ subScores: { key: string; score: number; counts: string }[] }>('scoring', { action: 'mine', input: {} }, M));
    const interaction = mine.subScores.find((s) => s.key === 'interaction')!;
    expect(interaction.score).toBe(5);
    expect(interaction.counts).toContain('参加线下活动 1 场');

    // The typed path (member number and the card's digits), as at the till: the same member again is repeated.
    const typed = ok(await cloud.call<MemberCodeView>('member', { action: 'code', input: {} }, M));
    expect(ok(await koc<{ repeated: boolean }>(A, 'scanAttendance', { eventId: event.eventId, manual: { memberNo: typed.memberNo, pin: typed.pin } })).repeated).toBe(true);
    expect(code(await koc(A, 'scanAttendance', { eventId: event.eventId, manual: { memberNo: typed.memberNo, pin: '000000' === typed.pin ? '111111' : '000000' } }))).toBe('CODE_INVALID');
    expect((await cloud.db.collection<{ days: Record<string, { ev?: number }> }>('member_activity').doc(M).get()).data.days['2026-11-28'].ev).toBe(1);

    cloud.clock.set(new Date('2026-11-28T12:00:00Z'));
    expect(code(await koc(A, 'scanAttendance', { eventId: event.eventId, code: await memberCode(M) }))).toBe('EVENT_CLOSED');
  });

  it('proposing: bad times and sign-ups outside the window are typed errors; the album collects posts with the event topic', async () => {
    await approve(A, ['ambassador']);
    expect(await koc(A, 'proposeEvent', eventInput({ startsAt: '2026-11-23T05:00:00.000Z', endsAt: '2026-11-23T06:00:00.000Z' }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'startsAt' } });
    expect(await koc(A, 'proposeEvent', eventInput({ endsAt: '2026-11-28T05:00:00.000Z' }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'endsAt' } });
    expect(code(await koc(A, 'proposeEvent', eventInput({ capacity: 0 })))).toBe('INVALID_INPUT');
    expect(await count(cloud, 'koc_events')).toBe(0);
    const input = eventInput();
    const first = ok(await koc<{ event: EventOut; repeated: boolean }>(A, 'proposeEvent', input));
    expect(ok(await koc<{ event: EventOut; repeated: boolean }>(A, 'proposeEvent', input))).toMatchObject({ repeated: true, event: { eventId: first.event.eventId } });
    expect(await count(cloud, 'koc_events')).toBe(1);
    expect(code(await community(cloud, M, 'createPost', { requestId: rid(), text: '活动前就想发', topics: [first.event.topic.code] }))).toBe('TOPIC_NOT_FOUND');

    const event = ok(await koc<{ event: EventOut }>(OP, 'reviewEvent', { eventId: first.event.eventId, decision: 'approve', reason: '时间地点合适', materialsNote: '寄出试饮装' })).event;
    expect(code(await koc(OP, 'reviewEvent', { eventId: event.eventId, decision: 'reject', reason: '又不行了' }))).toBe('EVENT_ALREADY_REVIEWED');
    await post(cloud, M, { text: '品鉴会现场，好喝！', topics: [event.topic.code] });
    const album = ok(await community<{ items: { text: string }[] }>(cloud, M, 'feed', { tab: 'topic', topic: event.topic.code }));
    expect(album.items.map((p) => p.text)).toEqual(['品鉴会现场，好喝！']);

    cloud.clock.set(new Date('2026-11-28T06:30:00Z'));
    expect(code(await koc(M, 'signUp', { eventId: event.eventId }))).toBe('EVENT_CLOSED');
    expect(await count(cloud, 'event_signups')).toBe(0);
  });
});

describe('invitation card', () => {
  it('makes a real QR code once with a scene of at most 32 characters; the scene resolves to the inviter', async () => {
    const card = ok(await koc<{ codeUrl: string; scene: string; inviter: { nickname: string } }>(M, 'inviteCard'));
    expect(card.scene.length).toBeLessThanOrEqual(32);
    expect(card.scene).toMatch(/^i=u/);
    expect(card.scene).not.toContain(M);
    expect(card.codeUrl).toBeTruthy();
    const again = ok(await koc<{ scene: string }>(M, 'inviteCard'));
    expect(again.scene).toBe(card.scene);
    const codes = (await cloud.db.collection<{ kind: string; scene: string; page: string }>('_dev_outbox').where({ kind: 'wxacode' }).get()).data;
    expect(codes).toEqual([expect.objectContaining({ scene: card.scene, page: 'pages/home/index' })]);
    const fileId = (await cloud.db.collection<{ fileId: string }>('invite_cards').doc(M).get()).data.fileId;
    const png = await cloud.storage.download(fileId);
    expect(png.subarray(1, 4).toString()).toBe('PNG');

    expect(ok(await koc<{ inviter: { nickname: string } | null }>('o-stranger', 'resolveInvite', { scene: encodeURIComponent(card.scene) })).inviter?.nickname).toBe(card.inviter.nickname);
    expect(ok(await koc<{ inviter: unknown }>('o-stranger', 'resolveInvite', { scene: 'i=unobody000000000000' })).inviter).toBeNull();
    expect(ok(await koc<{ inviter: unknown }>('o-stranger', 'resolveInvite', { scene: 'promo=1' })).inviter).toBeNull();
  });
});
