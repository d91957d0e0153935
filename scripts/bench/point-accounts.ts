/**
 * Point accounts for the nightly job's benchmarks: each account gets four entries made by the real ledger
 * service (`postInTx`): an old check-in that expires the day before BENCH_DAY, a newer one, a purchase whose
 * pending window ends on BENCH_DAY, and a spend. So on BENCH_DAY each due account needs a release and an expiry
 * (two entries); one account in 20 has nothing due.
 */
import { newPointAccount } from '../../cloudfunctions/_core/points/points-account.rules';
import { planEarn, planSpend } from '../../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx, type Posting } from '../../cloudfunctions/_core/points/points-ledger.service';
import { POINT_ACCOUNTS } from '../../cloudfunctions/_core/points/points.record';
import type { DocData } from '../../cloudfunctions/_platform/database.port';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { memoryTransaction } from './memory-transaction';

export const BENCH_DAY = '2026-12-01';
/** 00:05 Beijing on the bench day, when the points timer first fires. */
export const BENCH_AT = new Date('2026-11-30T16:05:00Z');

export const accountId = (i: number) => `bench-${String(i).padStart(6, '0')}`;
export const isDue = (i: number) => i % 20 !== 0;

const earning = (key: string, amount: number, expiresOn: string | null, availableOn: string | null = null): Posting => ({
  key,
  kind: 'earn',
  reason: '压测',
  source: 'bench',
  sourceId: key,
  plan: (s) => planEarn(s, { amount, expiresOn, availableOn, sourceId: key }),
});


async function accountDocs(i: number): Promise<Map<string, DocData>> {
  const openid = accountId(i);
  const docs = new Map<string, DocData>();
  const tx = memoryTransaction(docs);
  const { _id, ...account } = newPointAccount(openid, new Date('2025-06-01T02:00:00Z'));
  await tx.collection(POINT_ACCOUNTS).doc(_id).set({ data: account });
  const due = isDue(i);
  const post = (posting: Posting, at: string) => postInTx(tx, openid, posting, new Date(at));
  await post(earning(`checkin:${openid}:2025-06-01`, 10, due ? '2026-11-30' : '2027-12-31'), '2025-06-01T02:00:00Z');
  await post(earning(`checkin:${openid}:2026-11-20`, 15, '2027-12-31'), '2026-11-20T02:00:00Z');
  await post(earning(`purchase:B${i}`, 100 + (i % 900), '2027-12-31', due ? BENCH_DAY : '2026-12-20'), '2026-11-24T02:00:00Z');
  const spend: Posting = {
    key: `spend:${openid}:1`,
    kind: 'spend',
    reason: '兑换',
    source: 'bench',
    sourceId: '1',
    plan: (s) => {
      const p = planSpend(s, 4);
      if (!p.ok) throw new Error('insufficient');
      return p.effects;
    },
  };
  await post(spend, '2026-11-25T02:00:00Z');
  return docs;
}

/** Writes `n` accounts and their entries; returns the number of entries. */
export async function generatePointAccounts(cloud: LocalCloud, n: number): Promise<number> {
  const WIDTH = 500;
  let entries = 0;
  for (let i = 0; i < n; i += WIDTH) {
    const batch = await Promise.all(Array.from({ length: Math.min(WIDTH, n - i) }, (_, j) => accountDocs(i + j)));
    const writes = batch.flatMap((docs) => [...docs]);
    await Promise.all(
      writes.map(([path, data]) => {
        const [name, id] = path.split('/');
        return cloud.db.collection(name).doc(id).set({ data });
      }),
    );
    entries += writes.length - batch.length;
  }
  return entries;
}
