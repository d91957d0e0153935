/**
 * Generated data for the distribution and birthday benchmarks (`npm run bench:distribution` on 1,000,000 members,
 * and the two jobs' entries in scripts/bench/jobs.ts). Documents are written directly (not timed); the commission
 * ledger is written by the real `postCommissionsInTx` through a memory transaction.
 */
import type { BirthdayConfig } from '../../cloudfunctions/_core/birthday/birthday-config.schema';
import { DEFAULT_BIRTHDAY, DEFAULT_DISTRIBUTION } from '../../cloudfunctions/_core/config/defaults';
import { CONFIG_COLLECTION } from '../../cloudfunctions/_core/config/operator-config';
import { planAccrue } from '../../cloudfunctions/_core/distribution/commission-ledger.rules';
import { postCommissionsInTx, type CommissionPosting } from '../../cloudfunctions/_core/distribution/commission-ledger.service';
import { emptyNode } from '../../cloudfunctions/_core/distribution/commissionable-order.service';
import { commissionId, reasonFor } from '../../cloudfunctions/_core/distribution/commission.rules';
import { COMMISSIONS, DISTRIBUTORS, REFERRALS, type CommissionRecord } from '../../cloudfunctions/_core/distribution/distribution.record';
import { newDistributor } from '../../cloudfunctions/_core/distribution/distributor.service';
import { MEMBERS, type MemberRecord } from '../../cloudfunctions/_core/member/member.record';
import { newPointAccount } from '../../cloudfunctions/_core/points/points-account.rules';
import { POINT_ACCOUNTS } from '../../cloudfunctions/_core/points/points.record';
import type { DocData } from '../../cloudfunctions/_platform/database.port';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { Database } from '../../cloudfunctions/_platform/database.port';
import { memoryTransaction } from './memory-transaction';

export const TIERS = ['silver', 'gold', 'black'] as const;
export const tierOf = (i: number) => (i % 20 === 0 ? 'black' : i % 20 < 4 ? 'gold' : 'silver');
const CREATED = new Date('2025-06-01T02:00:00Z');

export type Birthday = { month: number; day: number } | null;

/** A registered member as the `member` function stores one. */
export function memberDoc(openid: string, memberNo: string, tierCode: string, birthday: Birthday): [string, DocData] {
  const m: Omit<MemberRecord, '_id'> = {
    _openid: openid,
    memberNo,
    nickname: '压测会员',
    avatarUrl: 'preset:1',
    birthday,
    phone: null,
    tierCode,
    growth: 0,
    growthByMonth: {},
    lifetimeGrowth: 0,
    vipUntil: null,
    consent: { policyVersion: '2026-11-01', acceptedAt: CREATED },
    createdAt: CREATED,
    updatedAt: CREATED,
  };
  return [`${MEMBERS}/${openid}`, m as unknown as DocData];
}

export function pointAccountDoc(openid: string): [string, DocData] {
  const { _id, ...account } = newPointAccount(openid, CREATED);
  return [`${POINT_ACCOUNTS}/${_id}`, account as unknown as DocData];
}

/** The birthday coupon template, the greeting's subscribe-message template, and a `window` benefit for every tier. */
export async function setUpBirthday(cloud: LocalCloud, window: BirthdayConfig['window']): Promise<void> {
  await cloud.db.collection('coupon_templates').doc('BENCHBDAY').set({
    data: {
      title: '生日券',
      description: '压测',
      kind: { type: 'amount_off', thresholdFen: 0, amountOffFen: 2_000 },
      validity: { mode: 'afterClaim', days: 30 },
      total: 10_000_000,
      perMember: 10,
      channels: ['birthday'],
    },
  });
  await cloud.db.collection(CONFIG_COLLECTION).doc('message_templates').set({ data: { couponExpiry: null, birthdayGreeting: 'bench-greeting' } });
  const cfg: BirthdayConfig = {
    ...DEFAULT_BIRTHDAY,
    window,
    tiers: TIERS.map((tierCode, i) => ({ tierCode, couponTemplateIds: ['BENCHBDAY'], bonusPoints: 50 * (i + 1), pointsMultiplierPercent: 200 })),
  };
  await cloud.db.collection(CONFIG_COLLECTION).doc('birthday').set({ data: { ...cfg } });
}

export const SETTLE_DAY = '2026-12-07';
/** 01:00 Beijing on 8 December 2026: the settlement timer's first run of the night. */
export const SETTLE_AT = new Date('2026-12-07T17:00:00Z');

/**
 * `due` commissions settling on SETTLE_DAY and `notDue` later ones, `perDistributor` each, for distributors named
 * by `distributorOf(d)` and buyers by `buyerOf(d, k)`; the programme is switched on. Returns the distributors made.
 */
export async function writeCommissions(
  cloud: LocalCloud,
  opts: { due: number; notDue: number; perDistributor: number; distributorOf: (d: number) => string; buyerOf: (d: number, k: number) => string },
): Promise<number> {
  const total = opts.due + opts.notDue;
  const paidDue = new Date('2026-11-30T04:00:00Z'); // settles on 2026-12-07
  const paidLater = new Date('2026-12-05T04:00:00Z'); // settles on 2026-12-12
  let made = 0;
  let distributors = 0;
  const WIDTH = 500;
  while (made < total) {
    const docs = new Map<string, DocData>();
    for (let w = 0; w < WIDTH && made < total; w++, distributors++) {
      const dOpenid = opts.distributorOf(distributors);
      const { _id, ...dist } = newDistributor({ _id: dOpenid, memberNo: `7${String(distributors).padStart(11, '0')}` }, 'koc', CREATED);
      docs.set(`${DISTRIBUTORS}/${_id}`, dist as unknown as DocData);
      const postings: CommissionPosting[] = [];
      for (let k = 0; k < opts.perDistributor && made < total; k++, made++) {
        const buyer = opts.buyerOf(distributors, k);
        const due = made < opts.due;
        const orderNo = `BENCH${String(made).padStart(8, '0')}`;
        const amountFen = 100 + (made % 5_000);
        const at = due ? paidDue : paidLater;
        const c: Omit<CommissionRecord, '_id'> = {
          _openid: dOpenid,
          level: 1,
          buyer,
          buyerMasked: '压**',
          source: 'till',
          orderNo,
          productClass: 'store',
          orderFen: amountFen * 10,
          gradeCode: 'starter',
          rateBp: 1000,
          amountFen,
          status: 'pending',
          flags: [],
          reason: reasonFor('pending', []),
          settleOn: due ? SETTLE_DAY : '2026-12-12',
          paidAt: at,
          review: null,
          createdAt: at,
          updatedAt: at,
        };
        const id = commissionId('till', orderNo, 1);
        docs.set(`${COMMISSIONS}/${id}`, c as unknown as DocData);
        postings.push({ key: `accrue:${id}`, kind: 'accrue', ref: id, reason: '压测', plan: () => planAccrue(amountFen) });
        const { _id: nodeId, ...node } = { ...emptyNode(buyer, CREATED, '压**'), referrer: dOpenid, boundAt: CREATED, orders: 1, firstOrderAt: at, lastOrderMonth: '2026-11' };
        docs.set(`${REFERRALS}/${nodeId}`, node as unknown as DocData);
      }
      await postCommissionsInTx(memoryTransaction(docs), dOpenid, postings, paidDue);
    }
    await writeDocs(cloud.db, docs);
  }
  await cloud.db.collection(CONFIG_COLLECTION).doc('distribution').set({ data: { ...DEFAULT_DISTRIBUTION, enabled: true } });
  return distributors;
}

/** Writes `<collection>/<id>` -> document pairs with plain sets, concurrently; returns how many. */
export async function writeDocs(db: Database, docs: Iterable<[string, DocData]>): Promise<number> {
  const writes = [...docs].map(([path, data]) => {
    const slash = path.indexOf('/');
    return db.collection(path.slice(0, slash)).doc(path.slice(slash + 1)).set({ data });
  });
  await Promise.all(writes);
  return writes.length;
}
