/**
 * Members' data rights: the export holds every collection that mentions the member; consent withdrawal stops
 * every message at once; closing the account waits for the grace period (undo possible), then leaves no
 * personal data anywhere while the ledger and orders keep anonymised rows and the ledger check still passes.
 */
import { COLLECTIONS } from '../../cloudfunctions/_core/collections';
import { enqueueMessage } from '../../cloudfunctions/_core/messaging/outbox.service';
import { checkLedger } from '../../cloudfunctions/_core/points/ledger-check.service';
import type { CloseAccountView, ExportView, PrivacyStatusView } from '../../cloudfunctions/_core/privacy/privacy.schema';
import { EXPORT_INLINE_MAX_DOCS } from '../../cloudfunctions/_core/privacy/privacy.record';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { count, grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { openVisit } from '../support/till';
import { call, post, registerMany, rid, seedCommunity } from '../support/community';
import { publicIdOf } from '../../cloudfunctions/_core/community/community-members.service';
import { checkCommissionLedger } from '../../cloudfunctions/_core/distribution/commission-ledger-check.service';
import type { ReferralRecord } from '../../cloudfunctions/_core/distribution/distribution.record';
import { DistributionWorld, setDistribution } from '../support/distribution';

let cloud: LocalCloud;
const LIN = 'o-lin-privacy';
const PHONE = '13912345678';
let memberNo = '';

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await cloud.db.collection('app_config').doc('message_templates').set({ data: { couponExpiry: 'tpl-expiry' } });
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  await grantRole(cloud, 'o-clerk', 'clerk');
  memberNo = ok(await cloud.call<{ memberNo: string }>('member', { action: 'register', input: registration({ nickname: '林小满', phone: PHONE }) }, LIN)).memberNo;
  // A life in the community: a check-in, a purchase at the till, a coupon, a subscription and a queued message.
  ok(await cloud.call('points', { action: 'checkIn', input: {} }, LIN));
  const visitId = await openVisit(cloud, LIN, 'o-clerk');
  ok(await cloud.call('staff', { action: 'recordPurchase', input: { visitId, orderNo: 'P-0001', amountFen: 25_000 } }, 'o-clerk'));
  await cloud.db.collection('coupon_templates').doc('T1').set({
    data: { title: '满100减20', kind: { type: 'amount_off', thresholdFen: 10_000, amountOffFen: 2_000 }, validity: { mode: 'afterClaim', days: 7 }, total: 100, channels: ['claim_center'] },
  });
  ok(await cloud.call('coupons', { action: 'claim', input: { templateId: 'T1', requestId: 'req-claim-01' } }, LIN));
  ok(await cloud.call('coupons', { action: 'subscribe', input: { template: 'tpl-expiry', requestId: 'req-sub-0001' } }, LIN));
  await enqueueMessage(cloud.db, { openid: LIN, kind: 'service', template: 'tpl-expiry', data: { thing1: '满100减20' }, page: 'pages/home/index', dedupeKey: 'test-expiry-1' }, cloud.clock.now());
});
afterEach(() => cloud.close());

/** Every document of every declared collection whose content mentions one of `needles`, as `collection/id`. */
async function mentions(...needles: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const { name } of COLLECTIONS) {
    for (let skip = 0; ; skip += 1000) {
      const { data } = await cloud.db.collection(name).skip(skip).limit(1000).get();
      for (const doc of data) {
        const text = JSON.stringify(doc);
        if (needles.some((n) => text.includes(n))) out.set(name, [...(out.get(name) ?? []), doc._id]);
      }
      if (data.length < 1000) break;
    }
  }
  return out;
}

const status = async () => ok(await cloud.call<PrivacyStatusView>('member', { action: 'privacyStatus', input: {} }, LIN));

async function exportedFile(requestId: string): Promise<{ collections: Record<string, { documents: { _id: string }[] }> }> {
  const rec = (await cloud.db.collection('privacy_requests').doc(`export:${LIN}:${requestId}`).get()).data as unknown as { fileId: string };
  return JSON.parse((await cloud.storage.download(rec.fileId)).toString('utf8'));
}

describe('export', () => {
  it('holds every collection that mentions the member, every such document, as one JSON file', async () => {
    const r = ok(await cloud.call<ExportView>('member', { action: 'exportData', input: { requestId: 'req-export-1' } }, LIN));
    expect(r).toMatchObject({ status: 'ready', url: expect.stringContaining("privacy-exports") });
    const file = await exportedFile('req-export-1');
    const held = await mentions(LIN);
    expect(held.size).toBeGreaterThanOrEqual(10);
    for (const [collection, ids] of held) {
      if (collection === 'message_caps' || collection === 'pin_attempts') continue; // counters marked not personal
      expect([collection, file.collections[collection]?.documents.map((d) => d._id).sort()]).toEqual([collection, expect.arrayContaining(ids.filter((id) => !id.startsWith('export:')))]);
    }
    expect(JSON.stringify(file.collections.members.documents)).toContain(PHONE);
    // A retry of the same request is the same export.
    expect(ok(await cloud.call<ExportView>('member', { action: 'exportData', input: { requestId: 'req-export-1' } }, LIN)).documents).toBe(r.documents);
    expect((await status()).exports).toHaveLength(1);
  });

  it('leaves a large account to the privacy job, which prepares the same file', async () => {
    for (let i = 0; i <= EXPORT_INLINE_MAX_DOCS; i++) {
      await cloud.db.collection('request_log').doc(`bulk:${LIN}:${i}`).set({ data: { _openid: LIN, scope: 'bulk', requestId: String(i), result: null, createdAt: cloud.clock.now() } });
    }
    expect(ok(await cloud.call<ExportView>('member', { action: 'exportData', input: { requestId: 'req-export-2' } }, LIN))).toMatchObject({ status: 'pending', url: null });
    expect(ok(await cloud.trigger('admin', 'daily'))).toMatchObject({ privacy: { exports: 1 } });
    expect((await status()).exports[0]).toMatchObject({ status: 'ready', url: expect.stringContaining("privacy-exports") });
    expect((await exportedFile('req-export-2')).collections.request_log.documents.length).toBeGreaterThan(EXPORT_INLINE_MAX_DOCS);
  });
});

describe('consent withdrawal', () => {
  it('removes every subscription and cancels queued messages at once', async () => {
    expect((await status()).activeSubscriptions).toBe(1);
    expect(ok(await cloud.call('member', { action: 'withdrawConsent', input: {} }, LIN))).toEqual({ subscriptionsRemoved: 1, messagesCancelled: 1 });
    expect((await status()).activeSubscriptions).toBe(0);
    expect(await count(cloud, 'message_outbox', { _openid: LIN, status: 'pending' })).toBe(0);
    ok(await cloud.trigger('coupons', 'daily')); // the dispatcher runs: nothing goes out
    expect(await count(cloud, 'message_outbox', { _openid: LIN, status: 'sent' })).toBe(0);
  });
});

describe('closing the account', () => {
  const close = () => cloud.call<CloseAccountView>('member', { action: 'closeAccount', input: { confirm: true } }, LIN);

  it('can be undone within the grace period, and stops messages at once', async () => {
    expect(await cloud.call('member', { action: 'closeAccount', input: { confirm: true, content: 'burn' } }, LIN)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'content' } });
    expect(await count(cloud, 'privacy_requests', { kind: 'close' })).toBe(0);
    const c = ok(await close());
    expect(c).toEqual({ eraseAfter: '2026-12-08T02:00:00.000Z', graceDays: 15, content: 'delete' });
    expect((await status()).activeSubscriptions).toBe(0);
    expect(ok(await close()).eraseAfter).toBe(c.eraseAfter); // asking again keeps the date
    expect((await status()).closing).toMatchObject({ status: 'scheduled', canUndo: true });
    ok(await cloud.call('member', { action: 'cancelClose', input: {} }, LIN));
    expect((await status()).closing).toBeNull();
    cloud.clock.set(new Date('2026-12-09T02:00:00Z'));
    ok(await cloud.trigger('admin', 'daily'));
    expect(await count(cloud, 'members', { _id: LIN })).toBe(1);
    expect(await cloud.call('member', { action: 'cancelClose', input: {} }, LIN)).toMatchObject({ ok: false, error: { code: 'CLOSE_NOT_UNDOABLE' } });
  });

  it('after the grace period leaves no personal data; the ledger and orders keep anonymised rows that still check', async () => {
    ok(await cloud.call('member', { action: 'exportData', input: { requestId: 'req-export-3' } }, LIN));
    const entries = await count(cloud, 'point_entries');
    const purchases = await count(cloud, 'purchases');
    ok(await close());
    cloud.clock.set(new Date('2026-12-07T02:00:00Z'));
    expect(ok(await cloud.trigger('admin', 'daily'))).toMatchObject({ privacy: { erased: 0 } }); // still within the grace period
    cloud.clock.set(new Date('2026-12-08T03:00:00Z'));
    expect(ok(await cloud.trigger('admin', 'daily'))).toMatchObject({ privacy: { erased: 1 } });
    expect([...(await mentions(LIN, PHONE, memberNo, '林小满')).keys()]).toEqual([]);
    expect(await count(cloud, 'point_entries')).toBe(entries);
    expect(await count(cloud, 'purchases')).toBe(purchases);
    const ledger = await checkLedger(cloud.db);
    expect(ledger.mismatches).toEqual([]);
    expect(ledger.entries).toBe(entries);
    // The member is a visitor now; a repeated run finds nothing more to do.
    expect(await cloud.call('member', { action: 'center', input: {} }, LIN)).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    expect(ok(await cloud.trigger('admin', 'daily'))).toMatchObject({ privacy: { erased: 0 } });
  });
});

describe('closing the account: posts and comments', () => {
  const WANG = 'o-wang-privacy';
  let linPost = '';
  let wangPost = '';
  beforeEach(async () => {
    await seedCommunity(cloud);
    await registerMany(cloud, [WANG]);
    linPost = (await post(cloud, LIN, { text: '晨跑日记：沿河 5 公里', topics: ['morning-run'] })).post.postId;
    wangPost = (await post(cloud, WANG, { text: '今天的早餐' })).post.postId;
    const linComment = ok(await call<{ comment: { commentId: string } }>(cloud, LIN, 'comment', { postId: wangPost, text: '看起来很好吃', replyTo: null, requestId: rid() })).comment.commentId;
    // Others' records that name 林小满: a comment on her post, a reply to her comment, reactions to her post.
    ok(await call(cloud, WANG, 'comment', { postId: linPost, text: '加油！', replyTo: null, requestId: rid() }));
    ok(await call(cloud, WANG, 'comment', { postId: wangPost, text: '谢谢你', replyTo: linComment, requestId: rid() }));
    ok(await call(cloud, WANG, 'like', { postId: linPost, liked: true }));
    ok(await call(cloud, WANG, 'favourite', { postId: linPost, favourited: true }));
    ok(await call(cloud, WANG, 'share', { postId: linPost }));
  });
  const closeWith = async (content?: string) => {
    const c = ok(await cloud.call<CloseAccountView>('member', { action: 'closeAccount', input: { confirm: true, ...(content ? { content } : {}) } }, LIN));
    cloud.clock.set(new Date('2026-12-08T03:00:00Z'));
    expect(ok(await cloud.trigger('admin', 'daily'))).toMatchObject({ privacy: { erased: 1 } });
    return c;
  };
  const linPublicId = publicIdOf(LIN);

  it('deletes them by default, and leaves nothing naming her in what others wrote', async () => {
    expect((await closeWith()).content).toBe('delete');
    expect([...(await mentions(LIN, PHONE, memberNo, '林小满', linPublicId)).keys()]).toEqual([]);
    expect(await count(cloud, 'posts', { _id: linPost })).toBe(0);
    expect(await count(cloud, 'comments', { _openid: WANG })).toBe(2); // others' comments stay
    expect(await count(cloud, 'post_likes', { _openid: WANG })).toBe(1);
  });

  it('erases her openid from what she did as a KOC moderator (audit entries name her as the actor)', async () => {
    await cloud.db.collection('koc_roles').doc(LIN).set({ data: { roles: ['moderator'], city: '杭州', applicationId: 'k-test', updatedAt: cloud.clock.now() } });
    ok(await call(cloud, LIN, 'restrict', { authorId: publicIdOf(WANG), kind: 'mute', hours: 24, note: '刷屏' }));
    expect(await count(cloud, 'audit_log', { actor: LIN })).toBe(1);
    ok(await cloud.call('member', { action: 'exportData', input: { requestId: 'req-export-koc' } }, LIN));
    const exported = (await exportedFile('req-export-koc')).collections.audit_log.documents as unknown as { actor: string; action: string }[];
    expect(exported).toEqual(expect.arrayContaining([expect.objectContaining({ actor: LIN, action: 'community.mute' })]));
    await closeWith();
    expect([...(await mentions(LIN, PHONE, memberNo, '林小满', linPublicId)).keys()]).toEqual([]);
    expect(await count(cloud, 'audit_log', { action: 'community.mute' })).toBe(1); // the entry stays, anonymised
  });

  it('keeps them signed 已注销用户 when she chooses so: content stays, nothing names her, others can still react', async () => {
    ok(await cloud.call('member', { action: 'closeAccount', input: { confirm: true } }, LIN));
    expect((await status()).closing).toMatchObject({ content: 'delete' });
    // Changing her mind within the grace period: asking again with the other choice keeps the date.
    const c = await closeWith('keep_anonymous');
    expect(c).toMatchObject({ eraseAfter: '2026-12-08T02:00:00.000Z', content: 'keep_anonymous' });
    expect([...(await mentions(LIN, PHONE, memberNo, '林小满', linPublicId)).keys()]).toEqual([]);
    const kept = (await cloud.db.collection('posts').doc(linPost).get()).data as unknown as Record<string, unknown> & { author: Record<string, unknown> };
    expect(kept).toMatchObject({ text: '晨跑日记：沿河 5 公里', status: 'visible', likeCount: 1, commentCount: 1 });
    expect(kept.author).toMatchObject({ nickname: '已注销用户', avatarUrl: '', badge: null, official: false });
    expect(String(kept._openid)).toMatch(/^anon-/);
    const reply = (await cloud.db.collection('comments').where({ _openid: WANG, parentId: cloud.db.command.neq(null) }).get()).data[0] as unknown as { replyTo: { nickname: string } };
    expect(reply.replyTo.nickname).toBe('已注销用户');
    expect(await count(cloud, 'comments', { 'author.nickname': '已注销用户' })).toBe(1);
    // The feed shows the kept post under the anonymous author; another member can still like and comment.
    const feed = ok(await call<{ items: { postId: string; author: { nickname: string } }[] }>(cloud, WANG, 'feed', { tab: 'latest' }));
    expect(feed.items.find((p) => p.postId === linPost)?.author.nickname).toBe('已注销用户');
    await registerMany(cloud, ['o-zhao-privacy']);
    ok(await call(cloud, 'o-zhao-privacy', 'like', { postId: linPost, liked: true }));
    ok(await call(cloud, 'o-zhao-privacy', 'comment', { postId: linPost, text: '写得真好', replyTo: null, requestId: rid() }));
  });
});

describe("operators' reads of a member", () => {
  it('show masked data and are audited with who, when and whom', async () => {
    await grantRole(cloud, 'o-op', 'operator', null);
    const v = ok(await cloud.call<{ maskedName: string; memberNoTail: string }>('admin', { action: 'memberLookup', input: { memberNo } }, 'o-op'));
    expect(v).toMatchObject({ maskedName: '林**', memberNoTail: memberNo.slice(-4) });
    expect(JSON.stringify(v)).not.toContain(PHONE);
    const audit = (await cloud.db.collection('audit_log').where({ action: 'operator.readMember' }).get()).data;
    expect(audit).toEqual([expect.objectContaining({ actor: 'o-op', role: 'operator', target: LIN, at: cloud.clock.now() })]);
    expect(await cloud.call('admin', { action: 'memberLookup', input: { memberNo } }, 'o-clerk')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('closing a distributor’s account', () => {
  it('leaves their openid nowhere: their fans’ referrals name the anonymous id, the fans keep their own data', async () => {
    await setDistribution(cloud);
    const w = new DistributionWorld(cloud);
    await w.setUp();
    await w.distributor(LIN);
    for (const fan of ['o-fan-1', 'o-fan-2']) {
      await w.register(fan);
      await w.bind(fan, LIN);
    }
    await w.buy('o-fan-1', 'R-0001', 10_000);
    const fanBefore = (await cloud.db.collection<ReferralRecord>('referrals').doc('o-fan-1').get()).data;
    expect(fanBefore.referrer).toBe(LIN);

    ok(await cloud.call('member', { action: 'closeAccount', input: { confirm: true } }, LIN));
    const anonId = ((await cloud.db.collection('privacy_requests').where({ _openid: LIN, kind: 'close' }).get()).data[0] as unknown as { anonId: string }).anonId;
    cloud.clock.set(new Date('2026-12-08T03:00:00Z'));
    expect(ok(await cloud.trigger('admin', 'daily'))).toMatchObject({ privacy: { erased: 1 } });

    expect([...(await mentions(LIN, '林小满')).keys()]).toEqual([]);
    // The member number stays only where the operator wrote it (the KOC list of the distribution document).
    expect([...(await mentions(memberNo)).keys()]).toEqual(['app_config']);
    for (const fan of ['o-fan-1', 'o-fan-2']) {
      const after = (await cloud.db.collection<ReferralRecord>('referrals').doc(fan).get()).data;
      expect(after.referrer).toBe(anonId);
      expect(after.maskedName).toMatch(/\*/); // the fan's own masked name stays
    }
    expect((await cloud.db.collection<ReferralRecord>('referrals').doc('o-fan-1').get()).data).toMatchObject({ orders: fanBefore.orders, boundAt: fanBefore.boundAt });
    expect((await checkCommissionLedger(cloud.db)).mismatches).toEqual([]);
    // The anonymous distributor stops earning: a fan's next order makes no commission for it.
    expect((await cloud.db.collection('distributors').doc(anonId).get()).data).toMatchObject({ status: 'suspended', memberNo: null });
    const before = (await cloud.db.collection('commissions').count()).total;
    await w.buy('o-fan-2', 'R-0002', 10_000);
    expect((await cloud.db.collection('commissions').count()).total).toBe(before);
  });
});
