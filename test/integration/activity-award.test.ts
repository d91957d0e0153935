import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { MemberRecord } from '../../cloudfunctions/_core/member/member.record';
import { awardActivity } from '../../cloudfunctions/_core/points/activity-award.service';
import { postInTx } from '../../cloudfunctions/_core/points/points-ledger.service';
import { planSpend } from '../../cloudfunctions/_core/points/points-ledger.rules';
import type { MemberContext } from '../../cloudfunctions/_core/shared/access';
import { AppError } from '../../cloudfunctions/_core/shared/errors';
import { jsonLogger } from '../../cloudfunctions/_platform/logger.port';
import { count, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
let ctx: MemberContext;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  ok(await cloud.call('member', { action: 'register', input: registration() }, 'o-a'));
  const member = (await cloud.db.collection<MemberRecord>('members').doc('o-a').get()).data;
  ctx = { ...cloud.jobContext({ log: jsonLogger({}, () => undefined) }), caller: { openid: 'o-a', appid: 'x', source: 'client' }, member };
});
afterEach(() => cloud.close());

const balance = async () => (await cloud.db.collection<{ balance: number }>('point_accounts').doc('o-a').get()).data.balance;

describe('points for posting and sharing (called by the community feature)', () => {
  it('caps posts per Beijing day, even when 10 arrive at once', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => awardActivity(ctx, { kind: 'post', sourceId: `post-${i}` }).catch((e) => e)));
    const done = results.filter((r) => !(r instanceof Error));
    expect(done.length).toBeGreaterThan(0);
    expect(await balance()).toBe(15); // dailyCap 3 × 5 points
    expect(await count(cloud, 'point_entries', { source: 'post', delta: 5 })).toBe(3);
    cloud.clock.set(new Date('2026-11-23T16:00:00Z')); // next Beijing day
    await awardActivity(ctx, { kind: 'post', sourceId: 'post-next-day' });
    expect(await balance()).toBe(20);
  });

  it('never awards the same post twice', async () => {
    await awardActivity(ctx, { kind: 'share', sourceId: 'share-1' });
    expect((await awardActivity(ctx, { kind: 'share', sourceId: 'share-1' })).repeated).toBe(true);
    expect(await balance()).toBe(2);
  });
});

describe('spending', () => {
  const spend = (amount: number, key: string) =>
    cloud.db.runTransaction((tx) =>
      postInTx(
        tx,
        'o-a',
        {
          key,
          kind: 'spend',
          reason: '兑换',
          source: 'test',
          sourceId: key,
          plan: (s) => {
            const p = planSpend(s, amount);
            if (!p.ok) throw new AppError('POINTS_INSUFFICIENT', '积分不足');
            return p.effects;
          },
        },
        cloud.clock.now(),
      ),
    );

  it('a failure at any database operation of a spend leaves no partial state', async () => {
    for (let i = 0; i < 4; i++) await awardActivity(ctx, { kind: 'share', sourceId: `s-${i}` }); // 8 points
    for (let failAt = 1; failAt <= 10; failAt++) {
      let seen = 0;
      cloud.db.injectFault((op) => op.inTransaction && ++seen === failAt);
      const r = await spend(5, 'spend-1').then(() => 'ok', () => 'failed');
      cloud.db.injectFault(null);
      if (r === 'ok') break;
      expect(await balance()).toBe(8);
      expect(await count(cloud, 'point_entries', { kind: 'spend' })).toBe(0);
    }
    expect(await balance()).toBe(3);
    await expect(spend(5, 'spend-2')).rejects.toMatchObject({ code: 'POINTS_INSUFFICIENT' });
    expect(await balance()).toBe(3);
  });
});
