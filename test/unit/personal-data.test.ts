/**
 * Members' data rights cover the whole database: every collection of the spec is either searched for a
 * member's data (exported, then erased or anonymised when they close their account) or marked as not
 * personal with the reason; and every way of finding a member's documents is served by an index.
 */
import { COLLECTIONS } from '../../cloudfunctions/_core/collections';
import { PERSONAL_DATA } from '../../cloudfunctions/_core/privacy/personal-data.map';
import { COMMENTS, POSTS } from '../../cloudfunctions/_core/community/community.record';
import { ownerFields, replaceOpenid, type PersonalEntry } from '../../cloudfunctions/_core/privacy/personal-data.service';

/** Short-lived collections (purged within a day) scanned without an index. */
const SCANNED = new Set(['used_codes', 'staff_visits']);

describe('personal data map', () => {
  it('lists every collection of the spec exactly once', () => {
    const listed = PERSONAL_DATA.map((e) => e.collection);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(COLLECTIONS.map((c) => c.name).sort());
  });

  it('says what each personal collection holds in Chinese, and why the others are not personal', () => {
    for (const e of PERSONAL_DATA) {
      if ('find' in e) expect(e.what).toMatch(/[\u4e00-\u9fa5]/);
      else expect(e.notPersonal.length).toBeGreaterThan(10);
    }
  });

  it('finds a member’s documents through an index (or the document id)', () => {
    for (const e of PERSONAL_DATA) {
      if (!('find' in e) || e.find.by === 'id' || SCANNED.has(e.collection)) continue;
      const spec = COLLECTIONS.find((c) => c.name === e.collection)!;
      for (const field of ownerFields(e as PersonalEntry)) expect([e.collection, field, (spec.indexes ?? []).some((i) => Object.keys(i.keys)[0] === field)]).toEqual([e.collection, field, true]);
    }
  });

  it('finds other members’ documents that name the member (referencedBy) through an index too', () => {
    const refs = PERSONAL_DATA.flatMap((e) => ('referencedBy' in e ? (e.referencedBy ?? []).map((field) => ({ collection: e.collection, field })) : []));
    expect(refs).toContainEqual({ collection: 'referrals', field: 'referrer' });
    for (const { collection, field } of refs) {
      const spec = COLLECTIONS.find((c) => c.name === collection)!;
      expect([collection, field, (spec.indexes ?? []).some((i) => Object.keys(i.keys)[0] === field)]).toEqual([collection, field, true]);
    }
  });

  it('keeps the ledger, orders and payments (anonymised) and deletes the rest', () => {
    const anonymised = PERSONAL_DATA.filter((e) => 'find' in e && e.erase === 'anonymise').map((e) => e.collection);
    expect(anonymised).toEqual(expect.arrayContaining(['point_entries', 'point_accounts', 'purchases', 'mall_orders', 'vip_orders', 'coupon_redemptions']));
  });
});

describe('replaceOpenid', () => {
  it('offers to keep exactly what closing an account can sign as 已注销用户: posts and comments, otherwise deleted', () => {
    const keepable = PERSONAL_DATA.filter((e) => 'memberMayKeep' in e && e.memberMayKeep);
    expect(keepable.map((e) => e.collection).sort()).toEqual([COMMENTS, POSTS].sort());
    for (const e of keepable) expect(e).toMatchObject({ erase: 'delete', find: { by: 'field', field: '_openid' }, what: expect.stringContaining('已注销用户') });
  });

  it('replaces the openid everywhere, ids and nested values included, and leaves dates alone', () => {
    const at = new Date('2026-11-23T00:00:00Z');
    expect(replaceOpenid({ _id: 'checkin:o-1:2026-11-23', _openid: 'o-1', history: [{ actor: 'o-1', at }], n: 3 }, 'o-1', 'anon-x')).toEqual({
      _id: 'checkin:anon-x:2026-11-23',
      _openid: 'anon-x',
      history: [{ actor: 'anon-x', at }],
      n: 3,
    });
  });
});
